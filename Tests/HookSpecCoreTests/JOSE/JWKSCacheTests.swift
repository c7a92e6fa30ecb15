import HookSpecCore
import Testing

/// SPEC §3.3: the JWKS is cached; an unknown `kid` triggers at most one refetch per cool-down.
@Suite("JWKS cache policy")
struct JWKSCacheTests {
    struct FetchFailed: Error {}

    static func document(_ kids: [String]) throws -> [UInt8] {
        let key = try JOSEFixtures.keys().trusted.publicKey
        return JSONWebKeySet.document(rsaKeys: kids.map { ($0, key) })
    }

    @Test("first lookup fetches; later lookups of a known kid use the cache until it expires")
    func cachesUntilExpiry() throws {
        var cache = JWKSCache(configuration: .init(maximumAgeSeconds: 3600, refetchCoolDownSeconds: 300))
        let doc = try Self.document(["a"])
        var fetches = 0
        let fetch: () throws -> [UInt8] = { fetches += 1; return doc }
        #expect(cache.plan(keyID: "a", now: 0) == .fetch)
        _ = cache.keySetSync(for: "a", now: 0, fetch: fetch)
        _ = cache.keySetSync(for: "a", now: 10, fetch: fetch)
        _ = cache.keySetSync(for: "a", now: 3599, fetch: fetch)
        #expect(fetches == 1)
        _ = cache.keySetSync(for: "a", now: 3600, fetch: fetch)
        #expect(fetches == 2)
    }

    @Test("one unknown kid causes one refetch per cool-down, however often it is sent")
    func unknownKidCoolDown() throws {
        var cache = JWKSCache(configuration: .init(maximumAgeSeconds: 3600, refetchCoolDownSeconds: 300))
        let doc = try Self.document(["a"])
        var fetches = 0
        _ = cache.keySetSync(for: "a", now: 0, fetch: { fetches += 1; return doc })
        #expect(cache.plan(keyID: "b", now: 100) == .fetch)
        for second in stride(from: Int64(100), to: 400, by: 7) {
            _ = cache.keySetSync(for: "b", now: second, fetch: { fetches += 1; return doc })
        }
        #expect(fetches == 2)
        _ = cache.keySetSync(for: "b", now: 400, fetch: { fetches += 1; return doc })
        #expect(fetches == 3)
    }

    @Test("random kids cause at most the cap of refetches per cool-down window")
    func sprayCap() throws {
        var cache = JWKSCache(configuration: .init(maximumAgeSeconds: 3600, refetchCoolDownSeconds: 300, maximumRefetchesPerCoolDown: 10))
        let doc = try Self.document(["a"])
        var fetches = 0
        _ = cache.keySetSync(for: "a", now: 0, fetch: { fetches += 1; return doc })
        for index in 0..<1000 {
            _ = cache.keySetSync(for: "random-\(index)", now: 10 + Int64(index / 10), fetch: { fetches += 1; return doc })
        }
        #expect(fetches == 1 + 10)
        // The window ends 300 s after its first refetch (at 10): the cap is available again.
        #expect(cache.plan(keyID: "fresh", now: 309) == .useCache)
        #expect(cache.plan(keyID: "fresh", now: 310) == .fetch)
    }

    @Test("a key published right after other unknown kids were tried is still picked up")
    func publishedAfterUnknownKids() throws {
        var cache = JWKSCache()
        let old = try Self.document(["old"])
        let new = try Self.document(["old", "new"])
        _ = cache.keySetSync(for: "old", now: 0, fetch: { old })
        _ = cache.keySetSync(for: "bogus-1", now: 5, fetch: { old })
        _ = cache.keySetSync(for: "bogus-2", now: 6, fetch: { old })
        // The publisher adds "new" now; its first delivery comes a second later.
        let set = try cache.keySetSync(for: "new", now: 7, fetch: { new }).get()
        #expect(set.mentions(keyID: "new"))
        #expect(cache.fetchCount == 4)
    }

    @Test("the remembered triggers are bounded; forgetting one never lifts the cap")
    func rememberedTriggersBounded() throws {
        var cache = JWKSCache(configuration: .init(refetchCoolDownSeconds: 300, maximumRefetchesPerCoolDown: 3, maximumRememberedTriggers: 2))
        let doc = try Self.document(["a"])
        var fetches = 0
        _ = cache.keySetSync(for: "a", now: 0, fetch: { fetches += 1; return doc })
        for kid in ["x", "y", "z", "x", "y", "z", "w"] {
            _ = cache.keySetSync(for: kid, now: 1, fetch: { fetches += 1; return doc })
        }
        #expect(fetches == 1 + 3)
    }

    @Test("a v1a signature that no cached key verifies triggers a refetch like an unknown kid")
    func unmatchedSignatureTrigger() throws {
        var cache = JWKSCache()
        let doc = try Self.document(["a"])
        cache.record(fetched: doc, now: 0)
        #expect(cache.plan(trigger: nil, now: 10) == .useCache)
        #expect(cache.plan(trigger: .unmatchedSignature, now: 10) == .fetch)
        cache.record(fetched: doc, now: 10, trigger: .unmatchedSignature)
        #expect(cache.plan(trigger: .unmatchedSignature, now: 20) == .useCache)
        #expect(cache.plan(trigger: .unmatchedSignature, now: 310) == .fetch)
    }

    @Test("a rotated key is found after the refetch")
    func rotation() throws {
        var cache = JWKSCache()
        let old = try Self.document(["old"])
        let new = try Self.document(["old", "new"])
        _ = cache.keySetSync(for: "old", now: 0, fetch: { old })
        let set = try cache.keySetSync(for: "new", now: 400, fetch: { new }).get()
        #expect(set.mentions(keyID: "new"))
    }

    @Test("a failed or malformed fetch keeps the previous set and starts the cool-down")
    func failures() throws {
        var cache = JWKSCache()
        let doc = try Self.document(["a"])
        _ = cache.keySetSync(for: "a", now: 0, fetch: { doc })
        let afterFailure = cache.keySetSync(for: "b", now: 400, fetch: { throw FetchFailed() })
        #expect(try afterFailure.get().mentions(keyID: "a"))
        #expect(cache.plan(keyID: "b", now: 500) == .useCache)
        let afterGarbage = cache.keySetSync(for: "b", now: 700, fetch: { Array("garbage".utf8) })
        #expect(try afterGarbage.get().mentions(keyID: "a"))
        #expect(cache.fetchCount == 3)
    }

    @Test("with nothing cached, a failed fetch is a typed rejection and is not retried within the cool-down")
    func nothingCached() {
        var cache = JWKSCache()
        var fetches = 0
        let first = cache.keySetSync(for: "a", now: 0, fetch: { fetches += 1; throw FetchFailed() })
        #expect(JOSEFixtures.code(first) == "jwks_malformed")
        _ = cache.keySetSync(for: "a", now: 10, fetch: { fetches += 1; throw FetchFailed() })
        #expect(fetches == 1)
    }

    @Test("a clock that goes backwards does not pin a stale set forever")
    func clockBackwards() throws {
        var cache = JWKSCache()
        let doc = try Self.document(["a"])
        var fetches = 0
        _ = cache.keySetSync(for: "a", now: 10_000, fetch: { fetches += 1; return doc })
        _ = cache.keySetSync(for: "a", now: 5_000, fetch: { fetches += 1; return doc })
        #expect(fetches == 2)
    }

    @Test("the async form fetches through the caller's closure")
    func asyncFetch() async throws {
        var cache = JWKSCache()
        let doc = try Self.document(["a"])
        let set = try await cache.keySet(for: "a", now: 0, fetch: { doc }).get()
        #expect(set.mentions(keyID: "a"))
    }
}
