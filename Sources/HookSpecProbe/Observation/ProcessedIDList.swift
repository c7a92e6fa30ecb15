/// The text an observation hook prints: one processed `webhook-id` per line (SPEC §10).
public enum ProcessedIDList {
    /// Most bytes of hook output read; the rest is ignored (and said so by `truncated`).
    public static let maximumBytes = 4 << 20

    /// How many lines of `output` are exactly `webhookID` (surrounding whitespace and a CR ignored).
    public static func count(of webhookID: String, in output: [UInt8]) -> Int {
        let wanted = Array(webhookID.utf8)
        var count = 0
        for line in output.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) }) else { continue }
            if line[first...last].elementsEqual(wanted) { count += 1 }
        }
        return count
    }
}
