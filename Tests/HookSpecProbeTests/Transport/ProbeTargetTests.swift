import HookSpecProbe
import Testing

@Suite("Probe target URLs, rate limit and budget")
struct ProbeTargetTests {
    @Test("parses scheme, host, port and request target")
    func parse() throws {
        let target = try ProbeTarget(url: "http://127.0.0.1:8080/hook?x=1")
        #expect(target.scheme == .http && target.host == "127.0.0.1" && target.port == 8080 && target.requestTarget == "/hook?x=1")
        #expect(target.isLoopback && target.isIPLiteral)
        let https = try ProbeTarget(url: "https://example.com")
        #expect(https.port == 443 && https.requestTarget == "/" && !https.isLoopback && https.hostHeader == "example.com")
        let v6 = try ProbeTarget(url: "http://[::1]:9/x")
        #expect(v6.host == "::1" && v6.isLoopback && v6.hostHeader == "[::1]:9")
        #expect(try ProbeTarget(url: "http://localhost:1/").isLoopback)
    }

    @Test("refuses what a probe URL must not be", arguments: [
        "ftp://x/", "http://", "http://x:0/", "http://x:99999/", "http://x:abc/", "http://u:p@x/", "http://x/#f", "http://x/a b",
    ])
    func refuse(url: String) {
        #expect(throws: ProbeTargetError.self) { try ProbeTarget(url: url) }
    }

    @Test("the default rate limit applies to remote targets only, unless a rate is set")
    func rateLimitDefault() async throws {
        #expect(RequestRateLimiter.forTarget(try ProbeTarget(url: "http://127.0.0.1:1/"), requestedRate: nil) == nil)
        let remote = try #require(RequestRateLimiter.forTarget(try ProbeTarget(url: "https://example.com/"), requestedRate: nil))
        #expect(remote.requestsPerSecond == 20)
        let asked = try #require(RequestRateLimiter.forTarget(try ProbeTarget(url: "http://127.0.0.1:1/"), requestedRate: 5))
        #expect(asked.requestsPerSecond == 5)
    }

    @Test("the limiter spaces requests at least 1/rate apart")
    func rateLimitSpacing() async {
        let limiter = RequestRateLimiter(requestsPerSecond: 50)
        let started = ContinuousClock.now
        for _ in 0..<6 { await limiter.acquire() }
        // Five intervals of 20 ms must have passed: a lower bound, which no machine speed can break.
        #expect(ContinuousClock.now - started >= .milliseconds(100))
    }

    @Test("a budget allows exactly its limit")
    func budget() async {
        let budget = RequestBudget(limit: 3)
        var taken = 0
        for _ in 0..<10 where await budget.take() { taken += 1 }
        #expect(taken == 3)
        #expect(await budget.remaining == 0)
    }
}
