import COpenSSL

/// An OpenSSL Ed25519 public key, loaded once and used for many verifications (benchmarks).
///
/// Not `Sendable`: an `EVP_PKEY` is reference-counted and its verification context is reused.
public final class OpenSSLEd25519PublicKey {
    private let key: OpaquePointer
    private let context: OpaquePointer

    /// Loads a raw 32-byte public key.
    public init(rawRepresentation bytes: [UInt8]) throws(OpenSSLOracleError) {
        guard bytes.count == 32 else { throw .keyRejected(detail: "Ed25519 public key is \(bytes.count) bytes, expected 32") }
        let loaded = bytes.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
        }
        guard let loaded else { throw .keyRejected(detail: OpenSSLOracleError.drainErrorQueue()) }
        guard let context = EVP_MD_CTX_new() else {
            EVP_PKEY_free(loaded)
            throw .operationFailed(function: "EVP_MD_CTX_new", detail: OpenSSLOracleError.drainErrorQueue())
        }
        self.key = loaded
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
        EVP_PKEY_free(key)
    }

    /// One-shot `EVP_DigestVerifyInit` + `EVP_DigestVerify`, as OpenSSL requires for Ed25519.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        defer {
            EVP_MD_CTX_reset(context)
            ERR_clear_error()
        }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else { return false }
        return withNonNullBytes(signature) { signaturePointer, signatureCount in
            withNonNullBytes(message) { messagePointer, messageCount in
                EVP_DigestVerify(context, signaturePointer, signatureCount, messagePointer, messageCount) == 1
            }
        }
    }
}

/// An OpenSSL Ed25519 private key from its 32-byte seed, for signing in oracle tests.
public final class OpenSSLEd25519PrivateKey {
    private let key: OpaquePointer

    /// Loads the 32-byte seed (RFC 8032 private key).
    public init(seed: [UInt8]) throws(OpenSSLOracleError) {
        guard seed.count == 32 else { throw .keyRejected(detail: "Ed25519 seed is \(seed.count) bytes, expected 32") }
        let loaded = seed.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
        }
        guard let loaded else { throw .keyRejected(detail: OpenSSLOracleError.drainErrorQueue()) }
        self.key = loaded
    }

    deinit { EVP_PKEY_free(key) }

    /// The raw 32-byte public key.
    public func publicKeyBytes() throws(OpenSSLOracleError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        var length = bytes.count
        guard EVP_PKEY_get_raw_public_key(key, &bytes, &length) == 1, length == 32 else {
            throw .operationFailed(function: "EVP_PKEY_get_raw_public_key", detail: OpenSSLOracleError.drainErrorQueue())
        }
        return bytes
    }

    /// The deterministic 64-byte signature of `message`.
    public func signature(for message: [UInt8]) throws(OpenSSLOracleError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw .operationFailed(function: "EVP_MD_CTX_new", detail: OpenSSLOracleError.drainErrorQueue())
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1 else {
            throw .operationFailed(function: "EVP_DigestSignInit", detail: OpenSSLOracleError.drainErrorQueue())
        }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = signature.count
        let signed = withNonNullBytes(message) { messagePointer, messageCount in
            EVP_DigestSign(context, &signature, &length, messagePointer, messageCount) == 1
        }
        guard signed, length == 64 else {
            throw .operationFailed(function: "EVP_DigestSign", detail: OpenSSLOracleError.drainErrorQueue())
        }
        return signature
    }
}
