import Foundation
import NIOConcurrencyHelpers

/// A sender's clock for compressed retry schedules: each read is at least one second after the
/// last, so every attempt is signed at its own second however the scheduler spaces the attempts,
/// and never behind the real time, so a listener on the real clock finds every timestamp fresh
/// however long a starved machine takes to run the schedule.
final class SteppingClock: Sendable {
    private let last = NIOLockedValueBox<Double>(0)

    func read() -> Double {
        let now = Date().timeIntervalSince1970.rounded(.down)
        return last.withLockedValue { last in
            last = max(now, last + 1)
            return last
        }
    }
}
