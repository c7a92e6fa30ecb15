/// Remembers processed `webhook-id`s for a retention window, bounded in memory (SPEC §4).
///
/// Eviction is by age first (ids older than the window cannot come back: the timestamp check
/// rejects them), then by count when `capacity` is reached. An id evicted by count before its
/// time could be replayed; `evictedEarly` says how often that happened so a receiver can alert.
/// Pure: the caller passes `now`.
///
/// Each id is held as a 128-bit SipHash-2-4 digest under a key of its own store, not as text:
/// 24 bytes in a time-ordered ring plus an 8-byte slot in an open-addressing table kept at most
/// half full, about 42 bytes per id at a million (a `[String: Int64]` took 155). Ids themselves
/// are not kept, so "seen" means "same digest": with `n` ids held, a new id is wrongly taken
/// for a duplicate with probability at most n / 2^128 (about 3e-33 for a million), and over the
/// store's whole life with N ids recorded at most N^2 / 2^129. The key is secret to the store,
/// so a sender choosing ids cannot aim at a collision (SipHash is a PRF); without the key that
/// bound holds whatever the ids are.
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

    /// Largest `capacity`: ring positions are stored in 32 bits.
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
    /// Held ids in insertion order: a ring of `ring.count` (a power of two) entries from `head`.
    private var ring: [Entry]
    private var head = 0
    /// Open addressing, linear probing: 0 is empty, else the home bits of the digest (upper
    /// 32 bits) and the ring position + 1 (lower 32 bits). Never more than half full.
    private var table: [UInt64]

    private struct Entry {
        var digest: SipHash128.Digest
        var time: Int64
    }

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
        self.ring = Array(repeating: Entry(digest: .init(low: 0, high: 0), time: 0), count: 16)
        self.table = Array(repeating: 0, count: 32)
    }

    /// Records `id` at `now`; says whether it was new.
    public mutating func record(id: String, now: Int64) -> Decision {
        evictExpired(now: now)
        let digest = Self.digest(of: id, key: key)
        if let position = find(digest) { return .duplicate(firstSeen: ring[position].time) }
        if count >= capacity {
            evictOldest()
            evictedEarly += 1
        }
        if count == ring.count { resize(ringCount: ring.count * 2) }
        if (count + 1) * 2 > table.count { resize(ringCount: ring.count, tableCount: table.count * 2) }
        let position = (head + count) & (ring.count - 1)
        ring[position] = Entry(digest: digest, time: now)
        insert(digest, at: position)
        count += 1
        return .first
    }

    /// Whether `id` is held, without recording it.
    public func contains(_ id: String) -> Bool { find(Self.digest(of: id, key: key)) != nil }

    private static func digest(of id: String, key: DigestKey) -> SipHash128.Digest {
        id.withContiguousUTF8 { key.sipHash.hash(UnsafeRawBufferPointer($0)) }
    }

    private static func slotTag(_ digest: SipHash128.Digest) -> UInt64 { digest.low & 0xFFFF_FFFF_0000_0000 }

    private func home(ofTag tag: UInt64) -> Int { Int(truncatingIfNeeded: tag >> 32) & (table.count - 1) }

    private func find(_ digest: SipHash128.Digest) -> Int? {
        let tag = Self.slotTag(digest)
        var slot = home(ofTag: tag)
        while table[slot] != 0 {
            if table[slot] & 0xFFFF_FFFF_0000_0000 == tag {
                let position = Int(truncatingIfNeeded: table[slot] & 0xFFFF_FFFF) - 1
                if ring[position].digest == digest { return position }
            }
            slot = (slot + 1) & (table.count - 1)
        }
        return nil
    }

    private mutating func insert(_ digest: SipHash128.Digest, at position: Int) {
        let tag = Self.slotTag(digest)
        var slot = home(ofTag: tag)
        while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
        table[slot] = tag | UInt64(position + 1)
    }

    private mutating func evictExpired(now: Int64) {
        let (cutoff, overflow) = now.subtractingReportingOverflow(retentionSeconds)
        guard !overflow else { return }
        while count > 0, ring[head].time < cutoff { evictOldest() }
    }

    /// Removes the ring's oldest entry and its table slot (backward-shift deletion, no tombstones).
    private mutating func evictOldest() {
        guard count > 0 else { return }
        let mask = table.count - 1
        let wanted = UInt64(head + 1)
        var hole = home(ofTag: Self.slotTag(ring[head].digest))
        // The oldest entry is in the table, so this probe ends at its slot.
        while table[hole] & 0xFFFF_FFFF != wanted { hole = (hole + 1) & mask }
        var next = (hole + 1) & mask
        while table[next] != 0 {
            let nextHome = home(ofTag: table[next] & 0xFFFF_FFFF_0000_0000)
            // Move `next` back into the hole unless its home lies cyclically in (hole, next].
            if (next - nextHome) & mask >= (next - hole) & mask {
                table[hole] = table[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        table[hole] = 0
        head = (head + 1) & (ring.count - 1)
        count -= 1
    }

    /// Re-lays the ring from position 0 and rebuilds the table at the given sizes.
    private mutating func resize(ringCount: Int, tableCount: Int? = nil) {
        var newRing = Array(repeating: Entry(digest: .init(low: 0, high: 0), time: 0), count: ringCount)
        for offset in 0..<count { newRing[offset] = ring[(head + offset) & (ring.count - 1)] }
        ring = newRing
        head = 0
        table = Array(repeating: 0, count: tableCount ?? table.count)
        for position in 0..<count { insert(ring[position].digest, at: position) }
    }
}
