import HookSpecCore

/// A realistic delivery, the same on every run: `msg_` id, current-era timestamp, 1 KiB JSON body.
struct BenchmarkDelivery {
    let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    let timestamp: Int64 = 1_763_888_000
    let body: [UInt8]
    /// 32 fixed secret bytes (no randomness: runs must be comparable).
    let secretBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    /// 32 fixed Ed25519 seed bytes.
    let seed: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 53 &+ 7) }

    init(bodyBytes: Int = 1024) {
        let prefix = Array(#"{"type":"batch.succeeded","version":"v1","timestamp":"2026-11-23T08:00:00Z","data":{"id":"batches/abc123","output_file_uri":"gs://bucket/out.jsonl","pad":""#.utf8)
        let suffix = Array(#""}}"#.utf8)
        let filler = max(0, bodyBytes - prefix.count - suffix.count)
        body = prefix + (0..<filler).map { UInt8(ascii: "a") + UInt8($0 % 26) } + suffix
    }

    /// `id.timestamp.body`, the bytes every signature covers.
    var signedContent: [UInt8] {
        StandardWebhookSigner.signedContent(id: id, timestamp: String(timestamp), body: body)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so generated ids repeat run to run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
