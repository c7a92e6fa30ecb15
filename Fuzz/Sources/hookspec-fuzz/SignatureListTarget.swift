import HookSpecCore

/// `webhook-signature` lists under every leniency: bounds, canonical round trip, and strict
/// acceptance implying the same entries under every leniency.
enum SignatureListTarget {
    static let leniencies: [SignatureLeniency] = [
        [], .pythonReference, .lenientBase64, .anyLength, .skipMalformedEntries, .emptyVersionAsUnknown,
        [.lenientBase64, .anyLength, .skipMalformedEntries],
    ]

    static let target = FuzzTarget(name: "signature-list") { input in
        let header = FuzzInput.text(input)
        var strictEntries: [SignatureEntry]?
        for leniency in leniencies {
            switch SignatureList.parse(header, leniency: leniency) {
            case .failure(let rejection):
                FuzzCheck.coded(rejection, "signature list \(leniency.rawValue)")
                FuzzCheck.require(strictEntries == nil, "strict accepted a list that leniency \(leniency.rawValue) rejects")
            case .success(let entries):
                FuzzCheck.require(entries.count <= SignatureList.maximumEntries, "more than maximumEntries entries")
                for entry in entries {
                    if let known = entry.knownVersion {
                        FuzzCheck.require(entry.version.utf8.elementsEqual(known.rawValue.utf8), "known version with another label")
                        if !leniency.contains(.anyLength) {
                            FuzzCheck.require(entry.signature.count == known.signatureLength, "wrong signature length accepted")
                        }
                    } else {
                        FuzzCheck.require(entry.signature.isEmpty, "unknown version decoded")
                        FuzzCheck.require(entry.version != "v1" && entry.version != "v1a", "v1/v1a label left unknown")
                    }
                }
                if leniency.isEmpty {
                    strictEntries = entries
                    checkCanonical(entries, header: header)
                } else if let strictEntries {
                    FuzzCheck.require(entries == strictEntries, "leniency \(leniency.rawValue) reads a strict list differently")
                }
            }
        }
    }

    /// Strict entries re-encode to the exact text they were read from.
    static func checkCanonical(_ entries: [SignatureEntry], header: String) {
        let raw = header.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        for (entry, text) in zip(entries, raw) where entry.knownVersion != nil {
            let rebuilt = entry.version + "," + Base64Codec.encode(entry.signature)
            FuzzCheck.require(rebuilt.utf8.elementsEqual(text), "strict entry does not re-encode to its text")
        }
    }
}
