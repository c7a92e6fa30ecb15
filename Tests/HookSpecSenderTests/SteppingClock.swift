import Foundation
import NIOConcurrencyHelpers

/// A sender's clock for compressed retry schedules: each read is one second after the last, so
/// every attempt is signed at its own second however the scheduler spaces the attempts.
/// Starting at the real time keeps the timestamps within a listener's freshness tolerance.
final class SteppingClock: Sendable {
    private let reads = NIOLockedValueBox(0)
    private let start = Date().timeIntervalSince1970.rounded(.down)

    func read() -> Double {
        start + Double(reads.withLockedValue { value in
            defer { value += 1 }
            return value
        })
    }
}
