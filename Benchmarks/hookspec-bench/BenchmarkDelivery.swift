import SeededRandom
import HookSpecCore

#if canImport(Glibc)
import Glibc
#endif

/// A realistic delivery, the same on every run: `msg_` id, current-era timestamp, 1 KiB JSON body.
struct BenchmarkDelivery {
    let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    /// A fixed ten-digit time by default; `current` when a peer library reads the wall clock.
    let timestamp: Int64
    let body: [UInt8]
    /// 32 fixed secret bytes (no randomness: runs must be comparable).
    let secretBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    /// 32 fixed Ed25519 seed bytes.
    let seed: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 53 &+ 7) }

    init(bodyBytes: Int = 1024, timestamp: Int64 = 1_763_888_000) {
        self.timestamp = timestamp
        let prefix = Array(#"{"type":"batch.succeeded","version":"v1","timestamp":"2026-11-23T08:00:00Z","data":{"id":"batches/abc123","output_file_uri":"gs://bucket/out.jsonl","pad":""#.utf8)
        let suffix = Array(#""}}"#.utf8)
        let filler = max(0, bodyBytes - prefix.count - suffix.count)
        body = prefix + (0..<filler).map { UInt8(ascii: "a") + UInt8($0 % 26) } + suffix
    }

    /// The same delivery stamped with the wall clock (ten digits, so the signed bytes keep their length).
    static func current() -> BenchmarkDelivery {
        BenchmarkDelivery(timestamp: Int64(time(nil)))
    }

    /// `id.timestamp.body`, the bytes every signature covers.
    var signedContent: [UInt8] {
        StandardWebhookSigner.signedContent(id: id, timestamp: String(timestamp), body: body)
    }
}
