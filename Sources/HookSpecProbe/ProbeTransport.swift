/// The bytes of one HTTP/1.1 request exactly as a probe case means them (SPEC §9.4).
///
/// Header names keep their casing and order, duplicates stay duplicates, values may hold any
/// bytes; the transport writes them as given and adds only what the case leaves out
/// (`Host`, `Content-Length`), unless the case says it controls those too.
public struct ProbeRequest: Sendable, Hashable {
    /// HTTP method, normally `POST`.
    public var method: String
    /// Header fields as raw bytes, in order.
    public var headers: [(name: [UInt8], value: [UInt8])]
    /// The raw body.
    public var body: [UInt8]
    /// When true the transport adds no `Host` or `Content-Length` of its own.
    public var rawFraming: Bool

    public init(method: String = "POST", headers: [(name: [UInt8], value: [UInt8])], body: [UInt8], rawFraming: Bool = false) {
        self.method = method
        self.headers = headers
        self.body = body
        self.rawFraming = rawFraming
    }

    public static func == (lhs: ProbeRequest, rhs: ProbeRequest) -> Bool {
        lhs.method == rhs.method && lhs.body == rhs.body && lhs.rawFraming == rhs.rawFraming
            && lhs.headers.count == rhs.headers.count
            && zip(lhs.headers, rhs.headers).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(body)
        for header in headers {
            hasher.combine(header.name)
            hasher.combine(header.value)
        }
    }
}

/// What came back, or why nothing usable did.
public enum ProbeAnswer: Sendable, Hashable {
    /// A complete HTTP response.
    case response(ProbeResponse)
    /// The transport failed; the case's verdict is ERROR (SPEC §9.2).
    case transportFailure(TransportFailure)
}

/// A complete HTTP response as received.
public struct ProbeResponse: Sendable, Hashable {
    /// Status code.
    public var status: Int
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// Body bytes, truncated at the transport's response limit.
    public var body: [UInt8]
    /// Seconds from the first byte sent to the last byte of the answer.
    public var latencySeconds: Double
    /// True when the body was longer than the transport keeps and `body` holds only its start.
    public var bodyTruncated: Bool

    public init(
        status: Int, headers: [(name: String, value: String)], body: [UInt8], latencySeconds: Double,
        bodyTruncated: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latencySeconds = latencySeconds
        self.bodyTruncated = bodyTruncated
    }

    public static func == (lhs: ProbeResponse, rhs: ProbeResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.latencySeconds == rhs.latencySeconds
            && lhs.bodyTruncated == rhs.bodyTruncated
            && lhs.headers.count == rhs.headers.count
            && zip(lhs.headers, rhs.headers).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        hasher.combine(body)
        for header in headers {
            hasher.combine(header.name)
            hasher.combine(header.value)
        }
    }
}

/// Why a request produced no usable answer.
public enum TransportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case connectionRefused
    case timedOut(afterSeconds: Double)
    case connectionReset
    case tlsFailure(String)
    case malformedResponse(String)
    case nameResolution(String)
    case other(String)
    /// The run's request budget was spent before this request (SPEC §9.8); nothing was sent.
    case budgetExhausted(limit: Int)
    /// The answer's head passed the transport's head limits (bytes of names and values, or fields);
    /// reading stopped there.
    case responseHeadTooLarge(maximumBytes: Int, maximumFields: Int)
    /// More informational (1xx) heads came than the transport reads before the final answer.
    case tooManyInformationalResponses(limit: Int)

    public var description: String {
        switch self {
        case .connectionRefused: "connection refused"
        case .timedOut(let seconds): "no complete answer within \(seconds) s"
        case .connectionReset: "connection reset by the target"
        case .tlsFailure(let why): "TLS failure: \(why)"
        case .malformedResponse(let why): "malformed HTTP response: \(why)"
        case .nameResolution(let why): "cannot resolve the target: \(why)"
        case .other(let why): why
        case .budgetExhausted(let limit): "request budget of \(limit) spent; not sent"
        case .responseHeadTooLarge(let bytes, let fields): "response head larger than \(bytes) bytes of headers or \(fields) fields; not read further"
        case .tooManyInformationalResponses(let limit): "more than \(limit) informational (1xx) answers before the final one; not read further"
        }
    }
}

/// Sends one request and returns the answer; implementations own timeouts and never throw.
public protocol ProbeTransport: Sendable {
    /// Sends `request` to the probe's target; returns within the transport's timeout.
    func send(_ request: ProbeRequest) async -> ProbeAnswer
}
