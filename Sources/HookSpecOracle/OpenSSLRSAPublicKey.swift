import COpenSSL

/// An OpenSSL RSA public key, loaded once, for RSASSA-PKCS1-v1_5 checks (RS256, SPEC §3.3).
///
/// Not `Sendable`: it owns an `EVP_PKEY` and a reusable digest context.
public final class OpenSSLRSAPublicKey {
    private let key: OpaquePointer
    private let context: OpaquePointer

    /// Builds the key from big-endian modulus and public exponent (JWK `n`, `e`) with
    /// `OSSL_PARAM_BLD` and `EVP_PKEY_fromdata`.
    public convenience init(modulus: [UInt8], exponent: [UInt8]) throws(OpenSSLOracleError) {
        guard !modulus.isEmpty, !exponent.isEmpty else { throw .keyRejected(detail: "empty RSA modulus or exponent") }
        try self.init(loaded: Self.fromData(modulus: modulus, exponent: exponent))
    }

    /// Reads an X.509 SubjectPublicKeyInfo DER holding an RSA key; trailing bytes are refused.
    public convenience init(spki: [UInt8]) throws(OpenSSLOracleError) {
        try self.init(loaded: RSAKeyDER.read(spki, what: "SPKI DER", with: d2i_PUBKEY))
    }

    private init(loaded: OpaquePointer) throws(OpenSSLOracleError) {
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

    /// Modulus size in bits.
    public var bitCount: Int { Int(EVP_PKEY_get_bits(key)) }

    /// Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature over `message`.
    public func isValidPKCS1SHA256Signature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        defer {
            EVP_MD_CTX_reset(context)
            ERR_clear_error()
        }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, EVP_sha256(), nil, key) == 1, let keyContext,
            EVP_PKEY_CTX_set_rsa_padding(keyContext, hookspec_RSA_PKCS1_PADDING) == 1
        else { return false }
        return withNonNullBytes(signature) { signaturePointer, signatureCount in
            withNonNullBytes(message) { messagePointer, messageCount in
                EVP_DigestVerify(context, signaturePointer, signatureCount, messagePointer, messageCount) == 1
            }
        }
    }

    private static func fromData(modulus: [UInt8], exponent: [UInt8]) throws(OpenSSLOracleError) -> OpaquePointer {
        guard modulus.count <= 16384 / 8, exponent.count <= 64 else { throw .keyRejected(detail: "RSA parameters are too large") }
        let n = modulus.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        let e = exponent.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        let builder = OSSL_PARAM_BLD_new()
        // The builder keeps pointers to the BIGNUMs and to the key names until to_param, so
        // everything is freed only after the key exists; the names are static in the shim.
        defer {
            OSSL_PARAM_BLD_free(builder)
            BN_free(n)
            BN_free(e)
        }
        guard let n, let e, let builder,
            OSSL_PARAM_BLD_push_BN(builder, hookspec_OSSL_PKEY_PARAM_RSA_N(), n) == 1,
            OSSL_PARAM_BLD_push_BN(builder, hookspec_OSSL_PKEY_PARAM_RSA_E(), e) == 1,
            let parameters = OSSL_PARAM_BLD_to_param(builder)
        else {
            throw .operationFailed(function: "OSSL_PARAM_BLD", detail: OpenSSLOracleError.drainErrorQueue())
        }
        defer { OSSL_PARAM_free(parameters) }
        guard let keyContext = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw .operationFailed(function: "EVP_PKEY_CTX_new_from_name", detail: OpenSSLOracleError.drainErrorQueue())
        }
        defer { EVP_PKEY_CTX_free(keyContext) }
        var key: OpaquePointer?
        guard EVP_PKEY_fromdata_init(keyContext) == 1,
            EVP_PKEY_fromdata(keyContext, &key, hookspec_EVP_PKEY_PUBLIC_KEY, parameters) == 1,
            let key
        else { throw .keyRejected(detail: OpenSSLOracleError.drainErrorQueue()) }
        return key
    }
}
