/// The JWKS caching rule of SPEC §3.3, as a pure value: the caller brings the clock and the fetch.
///
/// - A fresh cached set answers every lookup without a fetch.
/// - An expired set (older than `maximumAgeSeconds`) is refetched on the next lookup.
/// - An unknown `kid` triggers a refetch only if no fetch was attempted within
///   `refetchCoolDownSeconds`; otherwise the lookup answers from the cache (so an attacker
///   spraying random `kid`s causes at most one fetch per cool-down).
/// - A failed fetch keeps the previous set and still starts the cool-down.
/// - What it keeps is bounded: one parsed set, itself bounded by `JSONWebKeySet.maximumBytes`
///   and `maximumKeys`.
public struct JWKSCache: Sendable {
    /// Timing of the cache.
    public struct Configuration: Sendable, Hashable {
        /// How long a fetched set is used before it is refetched.
        public var maximumAgeSeconds: Int64
        /// Smallest gap between two fetch attempts caused by unknown `kid`s or failures.
        public var refetchCoolDownSeconds: Int64

        public init(maximumAgeSeconds: Int64 = 3600, refetchCoolDownSeconds: Int64 = 300) {
            self.maximumAgeSeconds = maximumAgeSeconds
            self.refetchCoolDownSeconds = refetchCoolDownSeconds
        }
    }

    /// What a lookup should do next.
    public enum Plan: Sendable, Equatable {
        /// Use the cached set.
        case useCache
        /// Fetch the document, then `record` the outcome.
        case fetch
    }

    /// Timing.
    public let configuration: Configuration
    /// The set in use, if any fetch ever succeeded.
    public private(set) var keySet: JSONWebKeySet?
    /// When `keySet` was fetched.
    public private(set) var fetchedAt: Int64?
    /// When a fetch was last attempted, successful or not.
    public private(set) var lastAttemptAt: Int64?
    /// Fetches attempted so far (for tests and reports).
    public private(set) var fetchCount = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Decides whether a lookup of `keyID` at `now` needs a fetch.
    public func plan(keyID: String, now: Int64) -> Plan {
        guard let keySet, let fetchedAt else { return coolingDown(now) ? .useCache : .fetch }
        if now - fetchedAt >= configuration.maximumAgeSeconds || now < fetchedAt {
            return coolingDown(now) ? .useCache : .fetch
        }
        if keySet.mentions(keyID: keyID) { return .useCache }
        return coolingDown(now) ? .useCache : .fetch
    }

    private func coolingDown(_ now: Int64) -> Bool {
        guard let lastAttemptAt else { return false }
        return now >= lastAttemptAt && now - lastAttemptAt < configuration.refetchCoolDownSeconds
    }

    /// Records a fetched document; a malformed one keeps the previous set and is returned as the rejection.
    @discardableResult
    public mutating func record(fetched document: [UInt8], now: Int64) -> Result<JSONWebKeySet, Rejection> {
        lastAttemptAt = now
        fetchCount += 1
        do {
            let parsed = try JSONWebKeySet(parsing: document)
            keySet = parsed
            fetchedAt = now
            return .success(parsed)
        } catch {
            return .failure(error)
        }
    }

    /// Records a fetch that failed before any document arrived (timeout, refused, non-2xx).
    public mutating func recordFailure(now: Int64) {
        lastAttemptAt = now
        fetchCount += 1
    }

    /// Looks up `keyID`, fetching through `fetch` when the plan says so; returns the set to verify with.
    ///
    /// `fetch` is the caller's I/O (with its own timeout); an error it throws counts as a failed fetch.
    public mutating func keySet(
        for keyID: String, now: Int64, fetch: () async throws -> [UInt8]
    ) async -> Result<JSONWebKeySet, Rejection> {
        if plan(keyID: keyID, now: now) == .fetch {
            do {
                let document = try await fetch()
                if case .failure(let rejection) = record(fetched: document, now: now), keySet == nil {
                    return .failure(rejection)
                }
            } catch {
                recordFailure(now: now)
            }
        }
        guard let keySet else { return .failure(.jwksMalformed("no JWKS could be fetched")) }
        return .success(keySet)
    }

    /// The synchronous form of `keySet(for:now:fetch:)`, for callers whose fetch is not async.
    public mutating func keySetSync(
        for keyID: String, now: Int64, fetch: () throws -> [UInt8]
    ) -> Result<JSONWebKeySet, Rejection> {
        if plan(keyID: keyID, now: now) == .fetch {
            do {
                let document = try fetch()
                if case .failure(let rejection) = record(fetched: document, now: now), keySet == nil {
                    return .failure(rejection)
                }
            } catch {
                recordFailure(now: now)
            }
        }
        guard let keySet else { return .failure(.jwksMalformed("no JWKS could be fetched")) }
        return .success(keySet)
    }
}
