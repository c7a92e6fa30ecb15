import Synchronization

/// Protected-header segments one verifier already took through every header rule to a key.
///
/// A sender signs each delivery with the same header per `kid`, so a receiver otherwise decodes,
/// parses, checks and looks up identical bytes on every token. The outcome of those steps depends
/// only on the segment's bytes and the verifier's fixed configuration, so reusing it changes no
/// verdict and no rejection code. A segment is remembered only after a signature over it
/// verified, so a forger cannot fill or churn the memo, and it holds at most `capacity` entries.
final class RS256HeaderMemo: Sendable {
    /// One entry per signing key in rotation is enough; four covers an overlap of several keys.
    static let capacity = 4

    private let entries = Mutex<[RS256ResolvedHeader]>([])

    /// The entry whose segment is exactly `segment`.
    func entry(for segment: UnsafeBufferPointer<UInt8>) -> RS256ResolvedHeader? {
        entries.withLock { entries in
            entries.first { entry in entry.segment.withUnsafeBufferPointer { $0.sameBytes(as: segment) } }
        }
    }

    /// Remembers a segment whose token verified; the oldest entry makes room.
    func remember(_ entry: RS256ResolvedHeader) {
        entries.withLock { entries in
            guard !entries.contains(where: { $0.segment == entry.segment }) else { return }
            if entries.count >= Self.capacity { entries.removeFirst() }
            entries.append(entry)
        }
    }

    /// How many segments are held (tests).
    var count: Int { entries.withLock { $0.count } }
}
