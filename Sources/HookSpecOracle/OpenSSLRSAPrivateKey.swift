import COpenSSL

/// An OpenSSL RSA private key, for producing RS256 (RSASSA-PKCS1-v1_5 SHA-256) signatures that
/// the core's verifier must accept, independently of swift-crypto's signer.
///
/// Not `Sendable`: it owns an `EVP_PKEY`.
public final class OpenSSLRSAPrivateKey {
    private let key: OpaquePointer

    /// Reads a PKCS#1 `RSAPrivateKey` or PKCS#8 `PrivateKeyInfo` DER; trailing bytes are refused.
    public init(der: [UInt8]) throws(OpenSSLOracleError) {
        self.key = try RSAKeyDER.read(der, what: "private key DER", with: d2i_AutoPrivateKey)
    }

    deinit { EVP_PKEY_free(key) }

    /// Modulus size in bits.
    public var bitCount: Int { Int(EVP_PKEY_get_bits(key)) }

    /// The public half as X.509 SubjectPublicKeyInfo DER.
    public func publicKeyDER() throws(OpenSSLOracleError) -> [UInt8] {
        let length = i2d_PUBKEY(key, nil)
        guard length > 0 else { throw .operationFailed(function: "i2d_PUBKEY", detail: OpenSSLOracleError.drainErrorQueue()) }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(key, &cursor)
        }
        guard written == length else { throw .operationFailed(function: "i2d_PUBKEY", detail: OpenSSLOracleError.drainErrorQueue()) }
        return der
    }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `message` (deterministic, RFC 8017 §8.2).
    public func pkcs1SHA256Signature(for message: [UInt8]) throws(OpenSSLOracleError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw .operationFailed(function: "EVP_MD_CTX_new", detail: OpenSSLOracleError.drainErrorQueue())
        }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context, &keyContext, EVP_sha256(), nil, key) == 1, let keyContext,
            EVP_PKEY_CTX_set_rsa_padding(keyContext, hookspec_RSA_PKCS1_PADDING) == 1
        else { throw .operationFailed(function: "EVP_DigestSignInit", detail: OpenSSLOracleError.drainErrorQueue()) }
        var signature = [UInt8](repeating: 0, count: (bitCount + 7) / 8)
        var length = signature.count
        let signed = withNonNullBytes(message) { messagePointer, messageCount in
            EVP_DigestSign(context, &signature, &length, messagePointer, messageCount) == 1
        }
        guard signed else { throw .operationFailed(function: "EVP_DigestSign", detail: OpenSSLOracleError.drainErrorQueue()) }
        return Array(signature.prefix(length))
    }
}
