/// When the emulator retries a failed delivery: exponential backoff (30 s doubling) over 24 hours,
/// every delay multiplied by the time factor so a test sees the whole schedule in seconds.
public struct RetrySchedule: Sendable, Hashable {
    /// Seconds to wait before each retry, before the time factor: 30, 60, 120, ... and a last one
    /// that makes the total exactly 24 h.
    public static let delays: [Double] = {
        var delays: [Double] = []
        var next = 30.0
        while delays.reduce(0, +) + next < 86_400 {
            delays.append(next)
            next *= 2
        }
        delays.append(86_400 - delays.reduce(0, +))
        return delays
    }()

    /// Multiplies every delay (1 = real time; 0.0001 = the 24 h in under 9 s).
    public let timeFactor: Double

    /// A schedule compressed by `timeFactor` (above 0, at most 1).
    public init(timeFactor: Double) {
        precondition(timeFactor > 0 && timeFactor <= 1, "a time factor is above 0 and at most 1")
        self.timeFactor = timeFactor
    }

    /// The delay before retry `retry` (1-based), or nil when the schedule is over.
    public func delay(beforeRetry retry: Int) -> Double? {
        guard retry >= 1, retry <= Self.delays.count else { return nil }
        return Self.delays[retry - 1] * timeFactor
    }
}
