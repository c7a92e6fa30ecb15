/// Why a hookspec server could not start.
public enum HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The port is not 0 to 65535.
    case badPort(Int)
    /// A limit is out of range.
    case badLimit(String)
    /// `start()` was called on a server that is running or was stopped.
    case alreadyStarted
    /// The listening socket could not be opened.
    case bindFailed(String)

    /// The reason in one line.
    public var description: String {
        switch self {
        case .badPort(let port): "port \(port) is not 0 to 65535"
        case .badLimit(let why): why
        case .alreadyStarted: "the server is already running or was stopped"
        case .bindFailed(let why): "cannot listen: \(why)"
        }
    }
}
