import HummingbirdCore

/// Hummingbird's accept gate: past `maximum` open connections the listener stops accepting, so
/// further clients wait in the kernel's backlog until a connection closes.
struct ConnectionCap: AvailableConnectionsDelegate {
    let maximum: Int
    private var open = 0

    init(maximum: Int) {
        self.maximum = maximum
    }

    mutating func connectionOpened() { open += 1 }
    mutating func connectionClosed() { open -= 1 }
    func isAcceptingNewConnections() -> Bool { open < maximum }
}
