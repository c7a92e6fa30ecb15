@testable import HookSpecCore  // SipHash128, the store's digest
import SeededRandom
import Testing

/// ReplayStore: at-most-once processing of `webhook-id`s, bounded in memory (SPEC §4).
@Suite("ReplayStore")
struct ReplayStoreTests {
    @Test("First sighting, then duplicates that report when the id was first seen")
    func duplicates() {
        var store = ReplayStore()
        #expect(store.record(id: "msg_1", now: 100) == .first)
        #expect(store.record(id: "msg_1", now: 150) == .duplicate(firstSeen: 100))
        // A duplicate does not refresh the id's age.
        #expect(store.record(id: "msg_1", now: 200) == .duplicate(firstSeen: 100))
        #expect(store.record(id: "msg_2", now: 200) == .first)
        #expect(store.count == 2)
        #expect(store.contains("msg_1"))
        #expect(!store.contains("MSG_1"))   // ids are compared exactly
    }

    @Test("Age eviction: an id is kept for exactly the retention window, then forgotten")
    func ageEviction() {
        var store = ReplayStore(retentionSeconds: 660)
        #expect(store.record(id: "a", now: 1_000) == .first)
        #expect(store.record(id: "b", now: 1_100) == .first)
        #expect(store.record(id: "a", now: 1_660) == .duplicate(firstSeen: 1_000))
        // At 1,661 "a" is older than 660 s: gone; "b" is not.
        #expect(store.record(id: "c", now: 1_661) == .first)
        #expect(!store.contains("a"))
        #expect(store.contains("b"))
        #expect(store.record(id: "a", now: 1_661) == .first)
        #expect(store.evictedEarly == 0)
        // Default retention covers the tolerance both ways plus skew.
        #expect(ReplayStore().retentionSeconds >= 2 * TimestampPolicy.strict.toleranceSeconds)
    }

    @Test("Capacity eviction drops the oldest id and counts it as evicted early")
    func capacityEviction() {
        var store = ReplayStore(retentionSeconds: 660, capacity: 3)
        for (index, id) in ["a", "b", "c"].enumerated() { #expect(store.record(id: id, now: Int64(index)) == .first) }
        #expect(store.record(id: "d", now: 3) == .first)
        #expect(store.count == 3)
        #expect(store.evictedEarly == 1)
        #expect(!store.contains("a"))
        // "a" can now be replayed: exactly the risk evictedEarly reports.
        #expect(store.record(id: "a", now: 4) == .first)
        #expect(store.evictedEarly == 2)
        #expect(!store.contains("b"))
        #expect(ReplayStore(capacity: 0).capacity == 1)
    }

    @Test("Many ids through a small store: the ring compacts and stays consistent")
    func churn() {
        var store = ReplayStore(retentionSeconds: 10, capacity: 500)
        var now: Int64 = 0
        for index in 0..<20_000 {
            if index % 100 == 0 { now += 1 }
            #expect(store.record(id: "id-\(index)", now: now) == .first)
        }
        // 100 ids per second for 11 seconds of retention would be 1,100: capacity caps it at 500.
        #expect(store.count == 500)
        #expect(store.contains("id-19999"))
        #expect(store.contains("id-19500"))
        #expect(!store.contains("id-19499"))
        #expect(store.record(id: "id-19999", now: now) == .duplicate(firstSeen: now))
        #expect(store.evictedEarly > 0)
    }

    @Test("Extreme clocks neither crash nor evict wrongly")
    func extremeClocks() {
        var store = ReplayStore()
        #expect(store.record(id: "a", now: .min) == .first)
        #expect(store.record(id: "b", now: .min + 1) == .first)
        #expect(store.record(id: "c", now: .max) == .first)
        #expect(store.contains("c"))
        #expect(!store.contains("a"))
        // A clock that goes backwards keeps ids longer, never shorter.
        var backwards = ReplayStore(retentionSeconds: 10)
        #expect(backwards.record(id: "x", now: 100) == .first)
        #expect(backwards.record(id: "y", now: 50) == .first)
        #expect(backwards.record(id: "x", now: 105) == .duplicate(firstSeen: 100))
    }

    @Test("SipHash-2-4-128 gives the reference implementation's vectors (veorq/SipHash vectors.h, key 00..0f)")
    func sipHashVectors() {
        let hasher = SipHash128(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)
        let expected: [(length: Int, hex: String)] = [
            (0, "a3817f04ba25a8e66df67214c7550293"),
            (1, "da87c1d86b99af44347659119b22fc45"),
            (2, "8177228da4a45dc7fca38bdef60affe4"),
            (3, "9c70b60c5267a94e5f33b6b02985ed51"),
            (15, "5493e99933b0a8117e08ec0f97cfc3d9"),
        ]
        for (length, hex) in expected {
            let message = (0..<length).map { UInt8($0) }
            let digest = message.withUnsafeBytes { hasher.hash($0) }
            var bytes: [UInt8] = []
            for word in [digest.low, digest.high] { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) } }
            #expect(bytes == HookSpecCoreTests.bytes(fromHex: hex), "length \(length)")
        }
        // The key bytes map to SipHash's words as the reference reads them (little-endian).
        let key = ReplayStore.DigestKey(bytes: (0..<16).map { UInt8($0) })
        #expect(key.sipHash == hasher)
    }

    @Test("Against a dictionary model: 200,000 seeded operations with age and capacity eviction give the same decisions")
    func modelCheck() {
        var random = SplitMix64(seed: 0x5EED_0012)
        var store = ReplayStore(retentionSeconds: 50, capacity: 300, key: ReplayStore.DigestKey(using: &random))
        // The model: what the store promises, written the simplest way.
        var seen: [String: Int64] = [:]
        var order: [(id: String, time: Int64)] = []
        var evictedEarly = 0
        var now: Int64 = 1_000
        for step in 0..<200_000 {
            if random.next() % 16 == 0 { now += Int64(random.next() % 4) }
            // A small id space so duplicates are frequent; sometimes a clock step backwards.
            if random.next() % 1_000 == 0 { now -= 3 }
            let id = "msg_\(random.next() % 1_200)"
            while let oldest = order.first, oldest.time < now - 50 {
                seen[oldest.id] = nil
                order.removeFirst()
            }
            let expected: ReplayStore.Decision
            if let firstSeen = seen[id] {
                expected = .duplicate(firstSeen: firstSeen)
            } else {
                if seen.count >= 300 {
                    seen[order.removeFirst().id] = nil
                    evictedEarly += 1
                }
                seen[id] = now
                order.append((id, now))
                expected = .first
            }
            let decision = store.record(id: id, now: now)
            guard decision == expected else {
                Issue.record("step \(step): store said \(decision), model \(expected)")
                return
            }
        }
        #expect(store.count == seen.count)
        #expect(store.evictedEarly == evictedEarly)
        for id in seen.keys { #expect(store.contains(id)) }
    }

    @Test("Stores with different keys agree on every decision (the key changes digests, not behaviour)")
    func keysAreIndependent() {
        var a = ReplayStore(capacity: 1_000, key: ReplayStore.DigestKey(bytes: [UInt8](repeating: 1, count: 16)))
        var b = ReplayStore(capacity: 1_000, key: ReplayStore.DigestKey(bytes: [UInt8](repeating: 2, count: 16)))
        for index in 0..<5_000 {
            let id = "id-\(index % 1_700)"
            #expect(a.record(id: id, now: Int64(index / 10)) == b.record(id: id, now: Int64(index / 10)))
        }
    }
}
