import HookSpecCore

/// The receiver's JWKS: the core's pure `JWKSCache` wired to a real fetch.
///
/// An actor, and a fetch in flight is joined rather than repeated, so concurrent deliveries
/// naming one unknown `kid` cause one fetch.
actor JWKSSource {
    let url: String
    private let fetcher: any DocumentFetching
    private let timeoutSeconds: Double
    private var cache: JWKSCache
    private var inFlight: Task<Rejection?, Never>?

    init(url: String, configuration: JWKSCache.Configuration, fetcher: any DocumentFetching, timeoutSeconds: Double) {
        self.url = url
        self.cache = JWKSCache(configuration: configuration)
        self.fetcher = fetcher
        self.timeoutSeconds = timeoutSeconds
    }

    /// Fetches attempted through the cache so far.
    var fetchCount: Int { cache.fetchCount }

    /// The set to verify with, fetched when the cache's rule says so.
    func keySet(trigger: JWKSCache.Trigger?, now: Int64) async -> Result<JSONWebKeySet, Rejection> {
        // Join a fetch in flight; it has recorded its outcome (and cleared itself) when it ends.
        while let running = inFlight { _ = await running.value }
        guard cache.plan(trigger: trigger, now: now) == .fetch else { return cache.current }
        let fetch = Task { await self.fetchAndRecord(trigger: trigger, now: now) }
        inFlight = fetch
        if let rejection = await fetch.value { return .failure(rejection) }
        return cache.current
    }

    /// One fetch through the cache; returns the document's rejection when nothing usable is cached.
    private func fetchAndRecord(trigger: JWKSCache.Trigger?, now: Int64) async -> Rejection? {
        defer { inFlight = nil }
        switch await fetcher.fetch(url: url, timeoutSeconds: timeoutSeconds, maximumBytes: JSONWebKeySet.maximumBytes) {
        case .success(let document):
            if case .failure(let rejection) = cache.record(fetched: document, now: now, trigger: trigger), cache.keySet == nil {
                return rejection
            }
        case .failure:
            cache.recordFailure(now: now, trigger: trigger)
        }
        return nil
    }

    /// A fresh fetch that bypasses the cache (what the fetch-every-delivery mutant does).
    func uncachedKeySet() async -> Result<JSONWebKeySet, Rejection> {
        await Self.fetchSet(url: url, fetcher: fetcher, timeoutSeconds: timeoutSeconds)
    }

    /// One fetch of `url`, parsed as a JWKS, without any caching.
    static func fetchSet(url: String, fetcher: any DocumentFetching, timeoutSeconds: Double) async -> Result<JSONWebKeySet, Rejection> {
        switch await fetcher.fetch(url: url, timeoutSeconds: timeoutSeconds, maximumBytes: JSONWebKeySet.maximumBytes) {
        case .success(let document):
            do { return .success(try JSONWebKeySet(parsing: document)) } catch { return .failure(error) }
        case .failure(let failure):
            return .failure(.jwksMalformed("JWKS fetch failed: \(failure)"))
        }
    }
}
