/// The common `v1` case decided without allocation: a strict policy and a `webhook-signature`
/// made only of canonical `v1,<44 base64 characters>` entries.
///
/// It reaches the verdict `SignatureList.parse` followed by `EntryMatcher.firstMatch` would
/// (same entries read, same order of entries then keys, same indices), but decodes entries into
/// a stack buffer and computes each secret's tag at most once, into another. Anything else (a
/// `v1a` or unknown entry, a malformed one, an empty entry) is `notApplicable`, and the general
/// path, which names the exact rejection, decides.
enum StrictV1Matcher {
    enum Outcome: Equatable {
        /// The list is not all canonical `v1` entries: let the general path decide.
        case notApplicable
        /// Entry `entryIndex` carries the tag of secret `keyIndex`.
        case matched(entryIndex: Int, keyIndex: Int)
        /// Every entry is a well-formed `v1` entry and none carries a secret's tag.
        case mismatched
    }

    /// `v1,` + 44 base64 characters (32 bytes, one `=`).
    private static let entryLength = 3 + 44
    /// Tags that fit the bitmask of tags already computed.
    private static let maximumSecrets = 64

    static func match(signatureHeader: String, secrets: [WebhookSecret], id: String, timestamp: String, body: [UInt8]) -> Outcome {
        guard !secrets.isEmpty, secrets.count <= maximumSecrets else { return .notApplicable }
        let tagLength = HMACSHA256Key.tagByteCount
        return signatureHeader.withContiguousUTF8 { header in
            let entryCapacity = min(SignatureList.maximumEntries, header.count / entryLength + 1)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: entryCapacity * tagLength) { decoded in
                guard let entryCount = decodeEntries(header, into: decoded) else { return .notApplicable }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: secrets.count * tagLength) { tags in
                    id.withContiguousUTF8 { idBytes in
                        timestamp.withContiguousUTF8 { timestampBytes in
                            body.withUnsafeBytes { bodyBytes in
                                var computed: UInt64 = 0
                                for entryIndex in 0..<entryCount {
                                    let entry = decoded.baseAddress! + entryIndex * tagLength
                                    for keyIndex in secrets.indices {
                                        let tag = tags.baseAddress! + keyIndex * tagLength
                                        if computed & (1 << UInt64(keyIndex)) == 0 {
                                            secrets[keyIndex].keyedHMAC.authenticationCode(
                                                id: idBytes, timestamp: timestampBytes, body: bodyBytes, into: tag)
                                            computed |= 1 << UInt64(keyIndex)
                                        }
                                        if HMACSHA256Key.constantTimeEqual(tag, entry, count: tagLength) {
                                            return .matched(entryIndex: entryIndex, keyIndex: keyIndex)
                                        }
                                    }
                                }
                                return .mismatched
                            }
                        }
                    }
                }
            }
        }
    }

    /// Decodes every entry the general parser would read (at most `SignatureList.maximumEntries`)
    /// into `output`, 32 bytes each; nil as soon as one is not a canonical `v1` entry.
    private static func decodeEntries(_ header: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let tagLength = HMACSHA256Key.tagByteCount
        var count = 0
        var start = 0
        while start <= header.count, count < SignatureList.maximumEntries {
            // A canonical entry ends exactly `entryLength` bytes on, at a space or the end; a space
            // earlier would fail the prefix or the base64 below, so the entry need not be scanned for one.
            let end = start + entryLength
            guard end <= header.count, end == header.count || header[end] == UInt8(ascii: " "),
                header[start] == UInt8(ascii: "v"), header[start + 1] == UInt8(ascii: "1"), header[start + 2] == UInt8(ascii: ",")
            else { return nil }
            let encoded = UnsafeBufferPointer(rebasing: header[(start + 3)..<end])
            let slot = UnsafeMutableBufferPointer(rebasing: output[(count * tagLength)..<((count + 1) * tagLength)])
            guard case .success(tagLength) = Base64Codec.decodeStrict(encoded, into: slot) else { return nil }
            count += 1
            start = end + 1
        }
        return count
    }
}
