import Crypto

/// A `v1` HMAC secret: the bytes after `whsec_`, base64-decoded (SPEC §3.1).
///
/// Its description shows only a short prefix, so a secret can never reach a log whole.
public struct WebhookSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The prefix every Standard Webhooks secret carries.
    public static let prefix = "whsec_"
    /// Smallest key length Standard Webhooks allows, in bytes.
    public static let minimumLength = 24
    /// Largest key length Standard Webhooks allows, in bytes.
    public static let maximumLength = 64

    let key: SymmetricKey
    // The HMAC state after absorbing the padded key (RFC 2104 ipad/opad blocks), prepared once
    // per secret as OpenSSL's HMAC_CTX reuse does, so each delivery only hashes its own bytes.
    let keyedHMAC: HMACSHA256Key
    /// Number of key bytes.
    public let byteCount: Int
    private let redacted: String

    /// Leniencies of secret parsing; each mirrors a library that accepts more than the spec.
    public struct ParsingOptions: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Accept the base64 text without `whsec_` (Python strips the prefix only if present).
        public static let unprefixed = ParsingOptions(rawValue: 1 << 0)
        /// Read the base64 as Python's `b64decode` does.
        public static let lenientBase64 = ParsingOptions(rawValue: 1 << 1)
        /// Accept keys outside 24 to 64 bytes.
        public static let anyLength = ParsingOptions(rawValue: 1 << 2)
        /// Accept base64 without its `=` padding. The Python library (1.1.0) appends `==` before
        /// `b64decode`, which ignores padding it does not need; strict decoding pads exactly.
        public static let appendPadding = ParsingOptions(rawValue: 1 << 3)

        /// What the Python reference library accepts.
        public static let pythonReference: ParsingOptions = [.unprefixed, .lenientBase64, .anyLength, .appendPadding]
    }

    /// Parses `whsec_` + base64 text.
    public init(parsing text: String, options: ParsingOptions = []) throws(Rejection) {
        guard !text.isEmpty else { throw .secretMalformed(.empty) }
        let encoded: Substring
        if text.hasPrefix(Self.prefix) {
            encoded = text.dropFirst(Self.prefix.count)
        } else if options.contains(.unprefixed) {
            encoded = Substring(text)
        } else {
            throw .secretMalformed(.missingPrefix)
        }
        guard !encoded.isEmpty else { throw .secretMalformed(.empty) }
        let mode: Base64Codec.Mode = options.contains(.lenientBase64) ? .pythonLenient : .strict
        var padded = encoded
        if options.contains(.appendPadding) {
            if mode == .pythonLenient {
                padded += "=="
            } else if encoded.utf8.count % 4 >= 2 {
                padded += String(repeating: "=", count: 4 - encoded.utf8.count % 4)
            }
        }
        guard case .success(let bytes) = Base64Codec.decode(padded, mode: mode), !bytes.isEmpty else {
            throw .secretMalformed(.notBase64)
        }
        try self.init(rawBytes: bytes, options: options)
    }

    /// Uses raw key bytes as they are (SPEC §3.1: "raw bytes too").
    public init(rawBytes: [UInt8], options: ParsingOptions = []) throws(Rejection) {
        guard !rawBytes.isEmpty else { throw .secretMalformed(.empty) }
        if !options.contains(.anyLength),
            !(Self.minimumLength...Self.maximumLength).contains(rawBytes.count) {
            throw .secretLength(bytes: rawBytes.count)
        }
        self.key = SymmetricKey(data: rawBytes)
        self.keyedHMAC = rawBytes.withUnsafeBytes { HMACSHA256Key(key: $0) }
        self.byteCount = rawBytes.count
        let encoded = Base64Codec.encode(rawBytes)
        self.redacted = Self.prefix + encoded.prefix(4) + "…"
    }

    /// A fresh random secret of `byteCount` bytes.
    public static func random(byteCount: Int = 32) throws(Rejection) -> WebhookSecret {
        let key = SymmetricKey(size: .init(bitCount: byteCount * 8))
        return try WebhookSecret(rawBytes: key.withUnsafeBytes { Array($0) })
    }

    /// The secret in `whsec_` form, for hookspec's own sender and for printing once to its owner.
    public func exportedText() -> String {
        Self.prefix + key.withUnsafeBytes { Base64Codec.encode($0) }
    }

    /// The key bytes; used by diagnostics that sign the wrong way on purpose (SPEC §9.6).
    public func withUnsafeKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try key.withUnsafeBytes(body)
    }

    public var description: String { redacted }
    public var debugDescription: String { "WebhookSecret(\(redacted), \(byteCount) bytes)" }
}
