import HookSpecCore
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
}
