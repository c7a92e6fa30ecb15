/// What one hookspec server allows a client: deadlines, sizes and connection counts.
///
/// The request head and the request body each have a deadline of their own that does not restart
/// when a byte arrives (Go's `ReadHeaderTimeout`, nginx's `client_header_timeout`): a client that
/// drips one byte every few seconds is cut off when its deadline passes, however steady the drip.
public struct HTTPServerLimits: Sendable, Hashable {
    /// Seconds from accepting a connection to the end of the request head.
    public var headDeadlineSeconds: Double
    /// Seconds from the end of the head to the end of the body.
    public var bodyDeadlineSeconds: Double
    /// Seconds a connection may stay silent before it is closed (Hummingbird's idle timeout).
    public var idleTimeoutSeconds: Double
    /// Connections open at once; past it the listener stops accepting until one closes.
    public var maximumConnections: Int
    /// Pending connections the kernel queues while the listener is not accepting.
    public var backlog: Int
    /// Largest header field, and largest head in total, in bytes.
    public var maximumHeaderBytes: Int
    /// Most header fields in one head.
    public var maximumHeaderFields: Int
    /// Body bytes read and dropped after an early answer (404, 413, ...) before the connection is
    /// closed: enough for the client to see the answer rather than a reset, bounded.
    public var maximumDiscardedBytes: Int

    /// Defaults for a receiver on the open internet.
    public init(
        headDeadlineSeconds: Double = 10, bodyDeadlineSeconds: Double = 30, idleTimeoutSeconds: Double = 30,
        maximumConnections: Int = 512, backlog: Int = 256,
        maximumHeaderBytes: Int = 64 * 1024, maximumHeaderFields: Int = 200, maximumDiscardedBytes: Int = 8 << 20
    ) {
        self.headDeadlineSeconds = headDeadlineSeconds
        self.bodyDeadlineSeconds = bodyDeadlineSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maximumConnections = maximumConnections
        self.backlog = backlog
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumHeaderFields = maximumHeaderFields
        self.maximumDiscardedBytes = maximumDiscardedBytes
    }

    /// Why these limits cannot be used, or nil.
    public func problem() -> HTTPServerError? {
        for (name, seconds) in [("head deadline", headDeadlineSeconds), ("body deadline", bodyDeadlineSeconds), ("idle timeout", idleTimeoutSeconds)]
        where !(seconds > 0 && seconds <= 3600) {
            return .badLimit("\(name) \(seconds) s is not above 0 and at most 3600")
        }
        guard (1...100_000).contains(maximumConnections) else { return .badLimit("connection cap \(maximumConnections) is not 1 to 100000") }
        guard (1...65_535).contains(backlog) else { return .badLimit("backlog \(backlog) is not 1 to 65535") }
        guard (1024...(1 << 20)).contains(maximumHeaderBytes) else { return .badLimit("header limit \(maximumHeaderBytes) is not 1 KiB to 1 MiB") }
        guard (1...10_000).contains(maximumHeaderFields) else { return .badLimit("header field limit \(maximumHeaderFields) is not 1 to 10000") }
        guard maximumDiscardedBytes >= 0 else { return .badLimit("discard limit \(maximumDiscardedBytes) is negative") }
        return nil
    }
}
