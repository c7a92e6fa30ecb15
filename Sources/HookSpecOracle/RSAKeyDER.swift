import COpenSSL

/// Reads one RSA `EVP_PKEY` from DER with an OpenSSL `d2i_*` reader, refusing trailing bytes and non-RSA keys.
enum RSAKeyDER {
    /// The `d2i_*` shape shared by `d2i_PUBKEY` and `d2i_AutoPrivateKey`.
    typealias Reader = (UnsafeMutablePointer<OpaquePointer?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> OpaquePointer?

    /// The parsed key (the caller owns it); `what` names the DER in error messages.
    static func read(_ der: [UInt8], what: String, with reader: Reader) throws(OpenSSLOracleError) -> OpaquePointer {
        guard !der.isEmpty, der.count <= Int(Int32.max) else { throw .keyRejected(detail: "\(what) is empty or too large") }
        var consumed = 0
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let key = reader(nil, &cursor, buffer.count)
            if let cursor, let base = buffer.baseAddress { consumed = cursor - base }
            return key
        }
        guard let parsed else { throw .keyRejected(detail: OpenSSLOracleError.drainErrorQueue()) }
        guard consumed == der.count, EVP_PKEY_is_a(parsed, "RSA") == 1 else {
            EVP_PKEY_free(parsed)
            throw .keyRejected(detail: consumed == der.count ? "\(what) holds a key that is not RSA" : "bytes after the \(what)")
        }
        return parsed
    }
}
