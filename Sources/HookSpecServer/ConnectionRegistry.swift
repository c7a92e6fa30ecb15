import NIOConcurrencyHelpers
import NIOCore

/// The open connections of one server and what its limits did to them, observable by tests.
public final class ConnectionRegistry: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var accepted = 0
        var peakOpen = 0
        var closures: [ConnectionClosure: Int] = [:]
    }

    private let state = NIOLockedValueBox(State())

    init() {}

    /// Connections open now.
    public var openCount: Int { state.withLockedValue { $0.open.count } }
    /// Most connections that were open at once.
    public var peakOpenCount: Int { state.withLockedValue { $0.peakOpen } }
    /// Connections accepted since the start.
    public var acceptedCount: Int { state.withLockedValue { $0.accepted } }

    /// How many connections the server closed for `reason`.
    public func closures(_ reason: ConnectionClosure) -> Int {
        state.withLockedValue { $0.closures[reason] ?? 0 }
    }

    func opened(_ channel: any Channel) {
        state.withLockedValue { state in
            state.open[ObjectIdentifier(channel)] = channel
            state.accepted += 1
            state.peakOpen = max(state.peakOpen, state.open.count)
        }
    }

    func closed(_ channel: any Channel) {
        _ = state.withLockedValue { $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func record(_ reason: ConnectionClosure) {
        state.withLockedValue { $0.closures[reason, default: 0] += 1 }
    }

    /// Closes every open connection (shutdown).
    func closeAll() {
        let channels = state.withLockedValue { Array($0.open.values) }
        for channel in channels { channel.close(promise: nil) }
    }
}
