/// Remembers processed `webhook-id`s for a retention window, bounded in memory (SPEC §4).
///
/// Eviction is by age first (ids older than the window cannot come back: the timestamp check
/// rejects them), then by count when `capacity` is reached. An id evicted by count before its
/// time could be replayed; `evictedEarly` says how often that happened so a receiver can alert.
/// Pure: the caller passes `now`.
///
/// Each id is held as a 128-bit SipHash-2-4 digest under a key of the store's own, not as text:
/// 24 bytes in an append-only, time-ordered list (compacted once a quarter of it is evicted),
/// plus an 8-byte slot in an open-addressing table kept between 35 % and 70 % full: 40 to 47
/// bytes per held id while filling (42 measured at a million; a `[String: Int64]` took 155),
/// up to about 53 under churn before the list compacts. Ids themselves are not kept, so "seen"
/// means "same digest": with `n` ids held, a new id is wrongly taken for a duplicate with
/// probability at most n / 2^128 (about 3e-33 for a million), and over a store's life of N
/// recorded ids at most N^2 / 2^129. The key is secret to the store and SipHash is a PRF, so a
/// sender choosing ids cannot aim at a collision; that is why ids need no exact comparison.
public struct ReplayStore: Sendable {
    /// What `record` decided.
    public enum Decision: Sendable, Hashable {
        /// First sighting: process it.
        case first
        /// Seen at `firstSeen`: answer 2xx, do not process again.
        case duplicate(firstSeen: Int64)
    }

    /// The 128-bit key of the id digests; a store's key should be secret and its own.
    public struct DigestKey: Sendable, Hashable {
        let sipHash: SipHash128

        /// The key from 16 bytes (SipHash's key layout: two little-endian words).
        public init(bytes: [UInt8]) {
            precondition(bytes.count == 16, "a ReplayStore digest key is 16 bytes")
            let word = { (offset: Int) in bytes[offset..<(offset + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
            self.sipHash = SipHash128(k0: word(0), k1: word(8))
        }

        /// A key drawn from `generator` (a cryptographically secure one outside tests).
        public init(using generator: inout some RandomNumberGenerator) {
            self.sipHash = SipHash128(k0: generator.next(), k1: generator.next())
        }
    }

    /// Largest `capacity`: sequence numbers are 32 bits and must not wrap within the held span.
    public static let maximumCapacity = 1 << 31

    /// Seconds an id is kept: the tolerance both ways plus skew.
    public let retentionSeconds: Int64
    /// Most ids kept at once.
    public let capacity: Int
    /// Ids dropped by the capacity bound before their retention ended.
    public private(set) var evictedEarly: Int = 0
    /// Number of ids held.
    public private(set) var count = 0

    private let key: DigestKey
    /// Held ids oldest first from `head`; evicted ones before `head` until the list compacts.
    private var entries: [Entry] = []
    private var head = 0
    /// The sequence number of `entries[0]`; entry `i` has sequence `base &+ i` (wrapping).
    private var base: UInt32 = 0
    /// Open addressing, linear probing. 0 is empty; else bit 63 set, the digest's home bits
    /// (31) above bit 32, and the entry's sequence number below. At most 70 % full.
    private var table: [UInt64]

    private struct Entry {
        var digest: SipHash128.Digest
        var time: Int64
    }

    private static let occupied: UInt64 = 1 << 63
    private static let tagMask: UInt64 = 0x7FFF_FFFF_0000_0000

    /// A store keeping ids for `retentionSeconds` (default: twice the ±300 s tolerance plus 60 s
    /// skew), its digest key drawn from the system's secure random source.
    public init(retentionSeconds: Int64 = 660, capacity: Int = 1_000_000) {
        var system = SystemRandomNumberGenerator()
        self.init(retentionSeconds: retentionSeconds, capacity: capacity, key: DigestKey(using: &system))
    }

    /// A store whose digest key is given (tests and reproducible runs pass a fixed one).
    public init(retentionSeconds: Int64 = 660, capacity: Int = 1_000_000, key: DigestKey) {
        precondition(capacity <= Self.maximumCapacity, "ReplayStore capacity above \(Self.maximumCapacity)")
        self.retentionSeconds = retentionSeconds
        self.capacity = max(1, capacity)
        self.key = key
        self.table = Array(repeating: 0, count: 64)
    }

    /// Records `id` at `now`; says whether it was new.
    public mutating func record(id: String, now: Int64) -> Decision {
        evictExpired(now: now)
        let digest = Self.digest(of: id, key: key)
        if let index = find(digest) { return .duplicate(firstSeen: entries[index].time) }
        if count >= capacity {
            evictOldest()
            evictedEarly += 1
        }
        if (count + 1) * 10 > table.count * 7 { rebuildTable(slots: table.count * 2) }
        let sequence = base &+ UInt32(truncatingIfNeeded: entries.count)
        entries.append(Entry(digest: digest, time: now))
        insert(digest, sequence: sequence)
        count += 1
        return .first
    }

    /// Whether `id` is held, without recording it.
    public func contains(_ id: String) -> Bool { find(Self.digest(of: id, key: key)) != nil }

    private static func digest(of id: String, key: DigestKey) -> SipHash128.Digest {
        id.withContiguousUTF8 { key.sipHash.hash(UnsafeRawBufferPointer($0)) }
    }

    private static func tag(_ digest: SipHash128.Digest) -> UInt64 { digest.low & tagMask }

    private func home(ofTag tag: UInt64) -> Int { Int(truncatingIfNeeded: tag >> 32) & (table.count - 1) }

    /// The index in `entries` of the held entry with this digest.
    private func find(_ digest: SipHash128.Digest) -> Int? {
        let wanted = Self.occupied | Self.tag(digest)
        let mask = table.count - 1
        var slot = home(ofTag: Self.tag(digest))
        while table[slot] != 0 {
            if table[slot] & (Self.occupied | Self.tagMask) == wanted {
                let index = Int(UInt32(truncatingIfNeeded: table[slot]) &- base)
                if entries[index].digest == digest { return index }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ digest: SipHash128.Digest, sequence: UInt32) {
        let tag = Self.tag(digest)
        let mask = table.count - 1
        var slot = home(ofTag: tag)
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = Self.occupied | tag | UInt64(sequence)
    }

    private mutating func evictExpired(now: Int64) {
        let (cutoff, overflow) = now.subtractingReportingOverflow(retentionSeconds)
        guard !overflow else { return }
        while count > 0, entries[head].time < cutoff { evictOldest() }
    }

    /// Removes the oldest entry and its table slot (backward-shift deletion, no tombstones).
    private mutating func evictOldest() {
        guard count > 0 else { return }
        let mask = table.count - 1
        let sequence = UInt64(base &+ UInt32(truncatingIfNeeded: head))
        var hole = home(ofTag: Self.tag(entries[head].digest))
        // The oldest entry is in the table, so this probe ends at its slot.
        while table[hole] & 0xFFFF_FFFF != sequence { hole = (hole + 1) & mask }
        var next = (hole + 1) & mask
        while table[next] != 0 {
            let nextHome = home(ofTag: table[next] & Self.tagMask)
            // Move `next` back into the hole unless its home lies cyclically in (hole, next].
            if (next - nextHome) & mask >= (next - hole) & mask {
                table[hole] = table[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        table[hole] = 0
        head += 1
        count -= 1
        // Drop the evicted prefix once it is a quarter of the list: sequence numbers, and so
        // the table, stay valid; only `base` moves.
        if head >= 1024, head * 4 >= entries.count {
            entries.removeFirst(head)
            base &+= UInt32(truncatingIfNeeded: head)
            head = 0
        }
    }

    private mutating func rebuildTable(slots: Int) {
        table = Array(repeating: 0, count: slots)
        for index in head..<entries.count {
            insert(entries[index].digest, sequence: base &+ UInt32(truncatingIfNeeded: index))
        }
    }
}
