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

    @Test("unknown kids cause one refetch per cool-down, however many arrive")
    func unknownKidCoolDown() throws {
        var cache = JWKSCache(configuration: .init(maximumAgeSeconds: 3600, refetchCoolDownSeconds: 300))
        let doc = try Self.document(["a"])
        var fetches = 0
        _ = cache.keySetSync(for: "a", now: 0, fetch: { fetches += 1; return doc })
        #expect(cache.plan(keyID: "b", now: 100) == .useCache)
        for second in stride(from: Int64(1), to: 300, by: 7) {
            _ = cache.keySetSync(for: "random-\(second)", now: second, fetch: { fetches += 1; return doc })
        }
        #expect(fetches == 1)
        _ = cache.keySetSync(for: "b", now: 300, fetch: { fetches += 1; return doc })
        #expect(fetches == 2)
        _ = cache.keySetSync(for: "c", now: 301, fetch: { fetches += 1; return doc })
        #expect(fetches == 2)
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
