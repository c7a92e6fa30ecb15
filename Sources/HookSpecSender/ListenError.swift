/// Why `hookspec listen` could not start or finish.
public enum ListenError: Error, Sendable, Hashable, CustomStringConvertible {
    case badPort(Int)
    case badLimit(String)
    case bindFailed(String)
    case alreadyStarted
    case catalogUnavailable(String)
    case recordingFailed(String)
    /// The sender's JWKS could not be fetched or read.
    case jwksUnavailable(url: String, reason: String)

    public var description: String {
        switch self {
        case .badPort(let port): "port \(port) is not 0 to 65535"
        case .badLimit(let why): why
        case .bindFailed(let why): "could not listen: \(why)"
        case .alreadyStarted: "the listener was already started"
        case .catalogUnavailable(let why): "the event catalog is unavailable: \(why)"
        case .recordingFailed(let why): "could not record a delivery: \(why)"
        case .jwksUnavailable(let url, let reason): "the JWKS at \(url) is unusable: \(reason)"
        }
    }
}
