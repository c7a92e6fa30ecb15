/// Fetches one document over HTTP with a deadline and a size bound: how the receiver reaches a JWKS.
///
/// A protocol so tests can count or fail fetches without a network.
public protocol DocumentFetching: Sendable {
    /// The body of a 2xx answer to GET `url`, or why there is none. Never longer than
    /// `maximumBytes`; never takes (much) longer than `timeoutSeconds`.
    func fetch(url: String, timeoutSeconds: Double, maximumBytes: Int) async -> Result<[UInt8], DocumentFetchError>
}

/// Why a document fetch failed.
public enum DocumentFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an absolute http or https URL.
    case badURL(String)
    /// No complete answer before the deadline.
    case timedOut(seconds: Double)
    /// The body (declared or received) exceeded the bound; reading stopped there.
    case tooLarge(limit: Int)
    /// The server answered a non-2xx status (redirects are not followed).
    case status(Int)
    /// Connection or protocol failure.
    case transport(String)

    /// The reason in one line (URLs are the operator's own configuration, printed as given).
    public var description: String {
        switch self {
        case .badURL(let url): "\(url) is not an http(s) URL"
        case .timedOut(let seconds): "no answer within \(seconds) s"
        case .tooLarge(let limit): "document larger than \(limit) bytes"
        case .status(let status): "answered HTTP \(status)"
        case .transport(let why): "transport: \(why)"
        }
    }
}
