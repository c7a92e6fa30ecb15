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

    /// Read entries one at a time and stop at the first match, so a malformed entry after a
    /// matching one is never read (the Python library's loop); strict parses the whole list first.
    public static let stopAtFirstMatch = SignatureLeniency(rawValue: 1 << 3)
    /// Treat an entry with an empty version (`,sig`) as an unknown version, not as malformed.
    public static let emptyVersionAsUnknown = SignatureLeniency(rawValue: 1 << 4)

    /// What the Python reference library accepts.
    public static let pythonReference: SignatureLeniency = [.lenientBase64, .anyLength, .stopAtFirstMatch, .emptyVersionAsUnknown]
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
        for raw in rawEntries(header) where entries.count < maximumEntries {
            switch parseEntry(raw, leniency: leniency) {
            case .success(let entry): entries.append(entry)
            case .failure(let rejection):
                if !leniency.contains(.skipMalformedEntries) { return .failure(rejection) }
            }
        }
        return .success(entries)
    }

    /// The raw entries of `header`, split at the byte ` ` (bounded by the header's length; callers
    /// bound the entries they parse to `maximumEntries`).
    static func rawEntries(_ header: String) -> RawEntries { RawEntries(header: header) }

    /// Entries produced one at a time, so the lazy reader never parses more than it tries.
    ///
    /// Separator positions come from one scan of the contiguous bytes; String indices are made
    /// from offsets only at entry boundaries (O(1) on native UTF-8 strings).
    struct RawEntries: Sequence, IteratorProtocol {
        private let utf8: String.UTF8View
        private let spaces: [Int]
        private var boundary = 0
        private var start = 0

        init(header: String) {
            var header = header
            header.makeContiguousUTF8()
            let utf8 = header.utf8
            self.utf8 = utf8
            self.spaces = utf8.withContiguousStorageIfAvailable { bytes in
                var offsets: [Int] = []
                for offset in bytes.indices where bytes[offset] == UInt8(ascii: " ") { offsets.append(offset) }
                return offsets
            } ?? utf8.indices.filter { utf8[$0] == UInt8(ascii: " ") }.map { utf8.distance(from: utf8.startIndex, to: $0) }
        }

        mutating func next() -> Substring? {
            guard boundary <= spaces.count else { return nil }
            let end = boundary < spaces.count ? spaces[boundary] : utf8.count
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            let upper = utf8.index(utf8.startIndex, offsetBy: end)
            boundary += 1
            start = end + 1
            return Substring(utf8[lower..<upper])
        }
    }

    /// Parses one raw entry under `leniency`.
    static func parseEntry(_ raw: Substring, leniency: SignatureLeniency) -> Result<SignatureEntry, Rejection> {
        let utf8 = raw.utf8
        if utf8.isEmpty { return .failure(.entryMalformed(.empty)) }
        let commas: (first: Int?, more: Bool) = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.firstIndex(of: UInt8(ascii: ",")) else { return (nil, false) }
            return (first, bytes[(first + 1)...].contains(UInt8(ascii: ",")))
        } ?? {
            guard let first = utf8.firstIndex(of: UInt8(ascii: ",")) else { return (nil, false) }
            return (utf8.distance(from: utf8.startIndex, to: first), utf8[utf8.index(after: first)...].contains(UInt8(ascii: ",")))
        }()
        guard let commaOffset = commas.first else { return .failure(.entryMalformed(.missingComma)) }
        if commas.more { return .failure(.entryMalformed(.extraComma)) }
        let comma = utf8.index(utf8.startIndex, offsetBy: commaOffset)
        let afterComma = utf8.index(after: comma)
        let version = Substring(utf8[..<comma]), encoded = Substring(utf8[afterComma...])
        if version.isEmpty, !leniency.contains(.emptyVersionAsUnknown) { return .failure(.entryMalformed(.emptyVersion)) }
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
