/// Why the server closed a connection before or instead of a normal end of exchange.
public enum ConnectionClosure: String, Sendable, Hashable, CaseIterable {
    /// The request head was not complete by its deadline.
    case headDeadline = "head-deadline"
    /// The request body was not complete by its deadline.
    case bodyDeadline = "body-deadline"
    /// More body bytes arrived after an early answer than the server drops.
    case discardLimit = "discard-limit"
}
