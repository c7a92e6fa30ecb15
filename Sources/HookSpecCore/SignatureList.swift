/// How leniently `webhook-signature` entries are read (SPEC §3.1); strict is the empty set.
public struct SignatureLeniency: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Decode signatures as Python's `b64decode` does (stray characters, padding bits, extra padding).
    public static let lenientBase64 = SignatureLeniency(rawValue: 1 << 0)
    /// Accept a decoded signature of any length; it then simply fails to match.
    public static let anyLength = SignatureLeniency(rawValue: 1 << 1)
    /// Skip malformed entries as if they were of an unknown version instead of rejecting.
    public static let skipMalformedEntries = SignatureLeniency(rawValue: 1 << 2)

    /// What the Python reference library accepts.
    public static let pythonReference: SignatureLeniency = [.lenientBase64, .anyLength]
}

/// One parsed entry of `webhook-signature`.
public struct SignatureEntry: Sendable, Hashable {
    /// The version label before the comma (`v1`, `v1a`, or anything else).
    public let version: Substring
    /// The decoded signature, for `v1` and `v1a`; empty for other versions, which are never decoded.
    public let signature: [UInt8]
    /// The scheme, when the label is exactly `v1` or `v1a` (byte for byte; labels are case-sensitive).
    public let knownVersion: SignatureVersion?
}

/// Signature schemes of Standard Webhooks that the core verifies.
public enum SignatureVersion: String, Sendable, Hashable, CaseIterable, Codable {
    /// HMAC-SHA256 (SPEC §3.1).
    case v1
    /// Ed25519 (SPEC §3.2).
    case v1a

    /// Decoded signature length in bytes.
    public var signatureLength: Int { self == .v1 ? 32 : 64 }
}

/// Parses the space-separated list of `version,base64` entries.
public enum SignatureList {
    /// Most entries read from one header; more is an attack on the receiver's CPU, not a rotation.
    public static let maximumEntries = 64

    /// Parses `header` under `leniency`. Entries of unknown versions are kept, undecoded.
    ///
    /// Separators are the bytes ` ` and `,`, as the other implementations split them; Swift's
    /// grapheme clusters would otherwise glue a combining mark to a separator.
    public static func parse(_ header: String, leniency: SignatureLeniency) -> Result<[SignatureEntry], Rejection> {
        var entries: [SignatureEntry] = []
        let utf8 = header.utf8
        var start = utf8.startIndex
        while entries.count < maximumEntries {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: " ")) ?? utf8.endIndex
            switch parseEntry(Substring(utf8[start..<end]), leniency: leniency) {
            case .success(let entry): entries.append(entry)
            case .failure(let rejection):
                if !leniency.contains(.skipMalformedEntries) { return .failure(rejection) }
            }
            guard end != utf8.endIndex else { break }
            start = utf8.index(after: end)
        }
        return .success(entries)
    }

    static func parseEntry(_ raw: Substring, leniency: SignatureLeniency) -> Result<SignatureEntry, Rejection> {
        let utf8 = raw.utf8
        if utf8.isEmpty { return .failure(.entryMalformed(.empty)) }
        guard let comma = utf8.firstIndex(of: UInt8(ascii: ",")) else { return .failure(.entryMalformed(.missingComma)) }
        let afterComma = utf8.index(after: comma)
        if utf8[afterComma...].contains(UInt8(ascii: ",")) { return .failure(.entryMalformed(.extraComma)) }
        let version = Substring(utf8[..<comma]), encoded = Substring(utf8[afterComma...])
        if version.isEmpty { return .failure(.entryMalformed(.emptyVersion)) }
        let known: SignatureVersion
        if version.utf8.elementsEqual("v1".utf8) {
            known = .v1
        } else if version.utf8.elementsEqual("v1a".utf8) {
            known = .v1a
        } else {
            return .success(SignatureEntry(version: version, signature: [], knownVersion: nil))
        }
        let bytes: [UInt8]
        if leniency.contains(.lenientBase64) {
            guard case .success(let decoded) = Base64Codec.decode(encoded, mode: .pythonLenient) else {
                return .failure(.entryMalformed(.notBase64))
            }
            bytes = decoded
        } else {
            switch Base64Codec.decode(encoded, mode: .strict) {
            case .success(let decoded): bytes = decoded
            case .failure(.nonZeroPaddingBits): return .failure(.entryNonCanonicalBase64)
            case .failure:
                // Text that a lenient decoder reads as a signature of the right size (extra
                // padding, stray characters) is non-canonical; anything else is not base64 at all.
                if case .success(let lenient) = Base64Codec.decode(encoded, mode: .pythonLenient),
                    lenient.count == known.signatureLength {
                    return .failure(.entryNonCanonicalBase64)
                }
                return .failure(.entryMalformed(.notBase64))
            }
        }
        if bytes.count != known.signatureLength, !leniency.contains(.anyLength) {
            return .failure(.entryMalformed(.wrongLength))
        }
        return .success(SignatureEntry(version: version, signature: bytes, knownVersion: known))
    }
}
