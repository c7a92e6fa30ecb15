/// The JWKS caching rule of SPEC §3.3, as a pure value: the caller brings the clock and the fetch.
///
/// - A fresh cached set answers every lookup of a key it names without a fetch.
/// - An expired set (older than `maximumAgeSeconds`), or no set at all, is fetched on the next
///   lookup, unless a fetch was attempted within `refetchCoolDownSeconds` (a failing JWKS URL is
///   not hammered).
/// - A refetch trigger (an unknown `kid`, or a `v1a` signature no cached key verifies) causes a
///   refetch only if that same trigger caused none within the cool-down, and only while fewer
///   than `maximumRefetchesPerCoolDown` trigger refetches happened in the current cool-down
///   window. So a key published during a run is picked up even right after other unknown kids
///   were tried, while an attacker spraying random kids causes at most the cap per window (the
///   rate limit jwks-rsa applies, 10 by default).
/// - A failed fetch keeps the previous set and still counts as an attempt.
/// - What it keeps is bounded: one parsed set (bounded by `JSONWebKeySet.maximumBytes` and
///   `maximumKeys`) and at most `maximumRememberedTriggers` recent triggers.
public struct JWKSCache: Sendable {
    /// Timing and bounds of the cache.
    public struct Configuration: Sendable, Hashable {
        /// How long a fetched set is used before it is refetched.
        public var maximumAgeSeconds: Int64
        /// Smallest gap between two refetches for the same trigger, and the length of the window
        /// the refetch cap counts in.
        public var refetchCoolDownSeconds: Int64
        /// Refetches that triggers may cause in one cool-down window.
        public var maximumRefetchesPerCoolDown: Int
        /// Triggers remembered at most (the oldest are forgotten first).
        public var maximumRememberedTriggers: Int

        public init(
            maximumAgeSeconds: Int64 = 3600, refetchCoolDownSeconds: Int64 = 300,
            maximumRefetchesPerCoolDown: Int = 10, maximumRememberedTriggers: Int = 1024
        ) {
            precondition(maximumRefetchesPerCoolDown >= 0 && maximumRememberedTriggers >= 1, "JWKS cache bounds must be positive")
            self.maximumAgeSeconds = maximumAgeSeconds
            self.refetchCoolDownSeconds = refetchCoolDownSeconds
            self.maximumRefetchesPerCoolDown = maximumRefetchesPerCoolDown
            self.maximumRememberedTriggers = maximumRememberedTriggers
        }
    }

    /// Why a lookup might want a fresher set than the cached one.
    public enum Trigger: Sendable, Hashable {
        /// A token names this `kid`.
        case keyID(String)
        /// A `v1a` signature that no cached key verifies (no `kid` travels with `v1a`).
        case unmatchedSignature
    }

    /// What a lookup should do next.
    public enum Plan: Sendable, Equatable {
        /// Use the cached set.
        case useCache
        /// Fetch the document, then `record` the outcome.
        case fetch
    }

    /// Timing and bounds.
    public let configuration: Configuration
    /// The set in use, if any fetch ever succeeded.
    public private(set) var keySet: JSONWebKeySet?
    /// When `keySet` was fetched.
    public private(set) var fetchedAt: Int64?
    /// When a fetch was last attempted, successful or not.
    public private(set) var lastAttemptAt: Int64?
    /// Fetches attempted so far (for tests and reports).
    public private(set) var fetchCount = 0
    // When each recent trigger last caused a refetch.
    private var triggerAttempts: [Trigger: Int64] = [:]
    private var windowStart: Int64?
    private var refetchesInWindow = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Decides whether a lookup of `keyID` at `now` needs a fetch.
    public func plan(keyID: String, now: Int64) -> Plan {
        plan(trigger: .keyID(keyID), now: now)
    }

    /// Decides whether a lookup at `now` needs a fetch; `trigger` nil asks only for a usable set.
    public func plan(trigger: Trigger?, now: Int64) -> Plan {
        guard let keySet, let fetchedAt, now - fetchedAt < configuration.maximumAgeSeconds, now >= fetchedAt else {
            return attemptedWithinCoolDown(lastAttemptAt, now) ? .useCache : .fetch
        }
        switch trigger {
        case nil:
            return .useCache
        case .keyID(let keyID) where keySet.mentions(keyID: keyID):
            return .useCache
        case let trigger?:
            if attemptedWithinCoolDown(triggerAttempts[trigger], now) { return .useCache }
            return refetchesLeft(now) > 0 ? .fetch : .useCache
        }
    }

    private func attemptedWithinCoolDown(_ at: Int64?, _ now: Int64) -> Bool {
        guard let at else { return false }
        return now >= at && now - at < configuration.refetchCoolDownSeconds
    }

    private func refetchesLeft(_ now: Int64) -> Int {
        guard let windowStart, attemptedWithinCoolDown(windowStart, now) else { return configuration.maximumRefetchesPerCoolDown }
        return configuration.maximumRefetchesPerCoolDown - refetchesInWindow
    }

    /// Records a fetched document; a malformed one keeps the previous set and is returned as the rejection.
    @discardableResult
    public mutating func record(fetched document: [UInt8], now: Int64, trigger: Trigger? = nil) -> Result<JSONWebKeySet, Rejection> {
        recordAttempt(now: now, trigger: trigger)
        do {
            let parsed = try JSONWebKeySet(parsing: document)
            keySet = parsed
            fetchedAt = now
            return .success(parsed)
        } catch {
            return .failure(error)
        }
    }

    /// Records a fetch that failed before any document arrived (timeout, refused, non-2xx, oversized).
    public mutating func recordFailure(now: Int64, trigger: Trigger? = nil) {
        recordAttempt(now: now, trigger: trigger)
    }

    private mutating func recordAttempt(now: Int64, trigger: Trigger?) {
        lastAttemptAt = now
        fetchCount += 1
        // Only a refetch of a fresh set is a trigger's doing; an expiry or first fetch is not counted.
        guard let trigger, let fetchedAt, now - fetchedAt < configuration.maximumAgeSeconds, now >= fetchedAt else { return }
        if refetchesLeft(now) == configuration.maximumRefetchesPerCoolDown {
            windowStart = now
            refetchesInWindow = 0
        }
        refetchesInWindow += 1
        if triggerAttempts[trigger] == nil, triggerAttempts.count >= configuration.maximumRememberedTriggers {
            triggerAttempts = triggerAttempts.filter { attemptedWithinCoolDown($0.value, now) }
            if triggerAttempts.count >= configuration.maximumRememberedTriggers,
                let oldest = triggerAttempts.min(by: { $0.value < $1.value })?.key {
                triggerAttempts.removeValue(forKey: oldest)
            }
        }
        triggerAttempts[trigger] = now
    }

    /// Looks up `keyID`, fetching through `fetch` when the plan says so; returns the set to verify with.
    ///
    /// `fetch` is the caller's I/O (with its own timeout); an error it throws counts as a failed fetch.
    public mutating func keySet(
        for keyID: String, now: Int64, fetch: () async throws -> [UInt8]
    ) async -> Result<JSONWebKeySet, Rejection> {
        let trigger = Trigger.keyID(keyID)
        if plan(trigger: trigger, now: now) == .fetch {
            do {
                let document = try await fetch()
                if case .failure(let rejection) = record(fetched: document, now: now, trigger: trigger), keySet == nil {
                    return .failure(rejection)
                }
            } catch {
                recordFailure(now: now, trigger: trigger)
            }
        }
        return current
    }

    /// The synchronous form of `keySet(for:now:fetch:)`, for callers whose fetch is not async.
    public mutating func keySetSync(
        for keyID: String, now: Int64, fetch: () throws -> [UInt8]
    ) -> Result<JSONWebKeySet, Rejection> {
        let trigger = Trigger.keyID(keyID)
        if plan(trigger: trigger, now: now) == .fetch {
            do {
                let document = try fetch()
                if case .failure(let rejection) = record(fetched: document, now: now, trigger: trigger), keySet == nil {
                    return .failure(rejection)
                }
            } catch {
                recordFailure(now: now, trigger: trigger)
            }
        }
        return current
    }

    /// The cached set, or why there is none.
    public var current: Result<JSONWebKeySet, Rejection> {
        guard let keySet else { return .failure(.jwksMalformed("no JWKS could be fetched")) }
        return .success(keySet)
    }
}
