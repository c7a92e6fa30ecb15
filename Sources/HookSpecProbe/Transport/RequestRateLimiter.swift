/// Spaces requests evenly at most `requestsPerSecond` apart (SPEC §9.8: default 20/s).
///
/// Each caller reserves the next free slot before it sleeps, so concurrent callers never
/// share a slot and the actor is never held across the wait.
public actor RequestRateLimiter {
    /// The default rate for targets that are not loopback.
    public static let defaultRequestsPerSecond = 20.0

    /// Requests per second allowed.
    public nonisolated let requestsPerSecond: Double
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant?

    /// A limiter at `requestsPerSecond` (values at or below zero are treated as one per hour).
    public init(requestsPerSecond: Double) {
        let rate = requestsPerSecond > 0 && requestsPerSecond.isFinite ? requestsPerSecond : 1.0 / 3600
        self.requestsPerSecond = rate
        self.interval = .nanoseconds(Int64((1e9 / rate).rounded()))
    }

    /// The limiter a probe run should use: the requested rate, else the default for non-loopback targets, else none.
    public static func forTarget(_ target: ProbeTarget, requestedRate: Double?) -> RequestRateLimiter? {
        if let requestedRate { return RequestRateLimiter(requestsPerSecond: requestedRate) }
        return target.isLoopback ? nil : RequestRateLimiter(requestsPerSecond: defaultRequestsPerSecond)
    }

    /// Waits until this caller's slot; returns at once when the slot is now.
    public func acquire() async {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        if slot > now {
            // Cancellation only shortens the wait; the slot stays reserved.
            try? await Task.sleep(until: slot, clock: .continuous)
        }
    }
}
