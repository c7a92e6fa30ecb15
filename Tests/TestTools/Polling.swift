import Foundation

/// Asks `found` every 50 ms (suspending, never blocking a cooperative thread) until it answers,
/// `running` turns false or `seconds` pass; then asks once more, because a task the starved pool
/// wakes past the deadline may find the answer long there.
public func poll<Value>(seconds: Double, while running: () -> Bool, _ found: () -> Value?) async -> Value? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, running() {
        if let value = found() { return value }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return found()
}
