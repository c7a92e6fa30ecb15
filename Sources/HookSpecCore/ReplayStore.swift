/// Remembers processed `webhook-id`s for a retention window, bounded in memory (SPEC §4).
///
/// Eviction is by age first (ids older than the window cannot come back: the timestamp check
/// rejects them), then by count when `capacity` is reached. An id evicted by count before its
/// time could be replayed; `evictedEarly` says how often that happened so a receiver can alert.
/// Pure: the caller passes `now`.
public struct ReplayStore: Sendable {
    /// What `record` decided.
    public enum Decision: Sendable, Hashable {
        /// First sighting: process it.
        case first
        /// Seen at `firstSeen`: answer 2xx, do not process again.
        case duplicate(firstSeen: Int64)
    }

    /// Seconds an id is kept: the tolerance both ways plus skew.
    public let retentionSeconds: Int64
    /// Most ids kept at once.
    public let capacity: Int
    /// Ids dropped by the capacity bound before their retention ended.
    public private(set) var evictedEarly: Int = 0

    private var seen: [String: Int64] = [:]
    // Insertion order for age eviction: a ring of (id, time) with a moving head.
    private var order: [(id: String, time: Int64)] = []
    private var head = 0

    /// A store keeping ids for `retentionSeconds` (default: twice the ±300 s tolerance plus 60 s skew).
    public init(retentionSeconds: Int64 = 660, capacity: Int = 1_000_000) {
        self.retentionSeconds = retentionSeconds
        self.capacity = max(1, capacity)
    }

    /// Number of ids held.
    public var count: Int { seen.count }

    /// Records `id` at `now`; says whether it was new.
    public mutating func record(id: String, now: Int64) -> Decision {
        evictExpired(now: now)
        if let firstSeen = seen[id] { return .duplicate(firstSeen: firstSeen) }
        if seen.count >= capacity {
            evictOldest()
            evictedEarly += 1
        }
        seen[id] = now
        order.append((id, now))
        return .first
    }

    /// Whether `id` is held, without recording it.
    public func contains(_ id: String) -> Bool { seen[id] != nil }

    private mutating func evictExpired(now: Int64) {
        let (cutoff, overflow) = now.subtractingReportingOverflow(retentionSeconds)
        guard !overflow else { return }
        while head < order.count, order[head].time < cutoff {
            evictOldest()
        }
    }

    private mutating func evictOldest() {
        guard head < order.count else { return }
        let oldest = order[head]
        // An id is held once, so the ring entry always names a live id.
        seen[oldest.id] = nil
        head += 1
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
