import COpenSSL

/// System OpenSSL (libcrypto 3.x) as an implementation independent of swift-crypto's BoringSSL,
/// for cross-checking the core (SPEC §7) and as the benchmarks' speed baseline.
///
/// One-shot helpers; each builds and frees its OpenSSL objects. For repeated use of one key,
/// `OpenSSLEd25519PublicKey` and `OpenSSLRSAPublicKey` keep the parsed key.
public enum OpenSSLOracle {
    /// HMAC-SHA256 through OpenSSL's one-shot `HMAC()`. A speed baseline only: the core's own
    /// HMAC runs on this same libcrypto, so its tests take swift-crypto's HMAC as the oracle.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) throws(OpenSSLOracleError) -> [UInt8] {
        guard key.count <= Int(Int32.max) else { throw .keyRejected(detail: "HMAC key longer than HMAC() accepts") }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let produced = withNonNullBytes(key) { keyPointer, keyCount in
            withNonNullBytes(message) { messagePointer, messageCount in
                HMAC(EVP_sha256(), keyPointer, Int32(keyCount), messagePointer, messageCount, &digest, &length) != nil
            }
        }
        guard produced, length == 32 else {
            throw .operationFailed(function: "HMAC", detail: OpenSSLOracleError.drainErrorQueue())
        }
        return Array(digest.prefix(32))
    }

    /// Ed25519 verification (RFC 8032) of `signature` over `message` with a raw 32-byte public key.
    /// A key OpenSSL cannot load verifies nothing.
    public static func ed25519Verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        guard let key = try? OpenSSLEd25519PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// Ed25519 signature of `message` with the private key whose 32-byte seed is `seed`.
    public static func ed25519Sign(seed: [UInt8], message: [UInt8]) throws(OpenSSLOracleError) -> [UInt8] {
        try OpenSSLEd25519PrivateKey(seed: seed).signature(for: message)
    }

    /// The raw 32-byte Ed25519 public key of `seed`.
    public static func ed25519PublicKey(seed: [UInt8]) throws(OpenSSLOracleError) -> [UInt8] {
        try OpenSSLEd25519PrivateKey(seed: seed).publicKeyBytes()
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 (RS256), key from its big-endian modulus and exponent
    /// (as in a JWK's `n` and `e`). A key OpenSSL cannot load verifies nothing.
    public static func rsaPKCS1SHA256Verify(modulus: [UInt8], exponent: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        guard let key = try? OpenSSLRSAPublicKey(modulus: modulus, exponent: exponent) else { return false }
        return key.isValidPKCS1SHA256Signature(signature, for: message)
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256, key from X.509 SubjectPublicKeyInfo DER.
    public static func rsaPKCS1SHA256VerifyDER(spki: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        guard let key = try? OpenSSLRSAPublicKey(spki: spki) else { return false }
        return key.isValidPKCS1SHA256Signature(signature, for: message)
    }
}
