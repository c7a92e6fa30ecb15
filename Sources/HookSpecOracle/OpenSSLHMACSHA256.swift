import COpenSSL

/// HMAC-SHA256 through OpenSSL's `EVP_MAC` with the key set once, then re-initialised per
/// message: OpenSSL's fastest HMAC path, for comparison beside the one-shot `HMAC()`.
///
/// Not `Sendable`: it owns one `EVP_MAC_CTX`.
public final class OpenSSLHMACSHA256 {
    private let algorithm: OpaquePointer
    private let context: OpaquePointer

    /// Fetches OpenSSL's HMAC and keys it with SHA-256 and `key`.
    public init(key: [UInt8]) throws(OpenSSLOracleError) {
        guard let algorithm = EVP_MAC_fetch(nil, "HMAC", nil) else {
            throw .operationFailed(function: "EVP_MAC_fetch", detail: OpenSSLOracleError.drainErrorQueue())
        }
        guard let context = EVP_MAC_CTX_new(algorithm) else {
            EVP_MAC_free(algorithm)
            throw .operationFailed(function: "EVP_MAC_CTX_new", detail: OpenSSLOracleError.drainErrorQueue())
        }
        // The parameter names are read during EVP_MAC_init only, so C strings scoped to this call suffice.
        let keyed = "digest".withCString { name in
            "SHA256".withCString { value in
                var parameters = [
                    OSSL_PARAM_construct_utf8_string(name, UnsafeMutablePointer(mutating: value), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return withNonNullBytes(key) { EVP_MAC_init(context, $0, $1, &parameters) == 1 }
            }
        }
        guard keyed else {
            EVP_MAC_CTX_free(context)
            EVP_MAC_free(algorithm)
            throw .keyRejected(detail: OpenSSLOracleError.drainErrorQueue())
        }
        self.algorithm = algorithm
        self.context = context
    }

    deinit {
        EVP_MAC_CTX_free(context)
        EVP_MAC_free(algorithm)
    }

    /// Writes the 32-byte tag of `message` to `output`; false if OpenSSL failed.
    public func authenticationCode(for message: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>) -> Bool {
        var length = 0
        // A NULL key re-initialises with the key already set (EVP_MAC_init(3)).
        guard EVP_MAC_init(context, nil, 0, nil) == 1 else {
            ERR_clear_error()
            return false
        }
        let updated = message.baseAddress.map {
            EVP_MAC_update(context, $0.assumingMemoryBound(to: UInt8.self), message.count) == 1
        } ?? true
        guard updated, EVP_MAC_final(context, output, &length, 32) == 1, length == 32 else {
            ERR_clear_error()
            return false
        }
        return true
    }

    /// The 32-byte tag of `message`.
    public func authenticationCode(for message: [UInt8]) throws(OpenSSLOracleError) -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: 32)
        let produced = message.withUnsafeBytes { bytes in
            tag.withUnsafeMutableBufferPointer { output in
                output.baseAddress.map { authenticationCode(for: bytes, into: $0) } ?? false
            }
        }
        guard produced else { throw .operationFailed(function: "EVP_MAC", detail: "HMAC-SHA256 failed") }
        return tag
    }
}
