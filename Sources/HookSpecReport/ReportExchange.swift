/// One request a case sent and what came back, as display text: the builder has already
/// redacted signatures and leaked secrets and made the bytes printable; writers only escape.
public struct ReportExchange: Sendable, Hashable {
    /// What was sent.
    public var request: ReportRequest
    /// What came back, or why nothing did.
    public var answer: ReportAnswer

    /// An exchange.
    public init(request: ReportRequest, answer: ReportAnswer) {
        self.request = request
        self.answer = answer
    }
}

/// A header field as display text.
public struct ReportHeader: Sendable, Hashable {
    /// Field name as sent or received (casing kept).
    public var name: String
    /// Field value (signature payloads already redacted).
    public var value: String

    /// A field `name: value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTTP request as sent.
public struct ReportRequest: Sendable, Hashable {
    /// Method (`POST`).
    public var method: String
    /// The URL it went to.
    public var url: String
    /// Header fields in order.
    public var headers: [ReportHeader]
    /// The body as printable text (possibly shortened, see `bodyByteCount`).
    public var body: String
    /// The body's real length in bytes.
    public var bodyByteCount: Int

    /// A request.
    public init(method: String, url: String, headers: [ReportHeader], body: String, bodyByteCount: Int) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.bodyByteCount = bodyByteCount
    }
}

/// An HTTP response as received.
public struct ReportResponse: Sendable, Hashable {
    /// Status code.
    public var status: Int
    /// Header fields in order.
    public var headers: [ReportHeader]
    /// The body as printable text, redacted and shortened.
    public var body: String
    /// Seconds from the request to the end of the answer.
    public var latencySeconds: Double

    /// A response.
    public init(status: Int, headers: [ReportHeader], body: String, latencySeconds: Double) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latencySeconds = latencySeconds
    }
}

/// What came back for one request.
public enum ReportAnswer: Sendable, Hashable {
    /// A complete HTTP response.
    case response(ReportResponse)
    /// No usable answer: `cause` names the kind of transport failure (`connection refused`,
    /// `timeout`, `TLS`, `DNS`, `not sent`) so that equal causes group; `detail` says the rest.
    case noAnswer(cause: String, detail: String)
}

extension ReportExchange {
    /// The request as lines: `POST url`, the header fields, a blank line, the body.
    public var requestText: String {
        var text = request.method + " " + request.url + "\n"
        for header in request.headers { text += header.name + ": " + header.value + "\n" }
        text += "\n" + (request.bodyByteCount == 0 ? "(empty body)" : request.body)
        if request.bodyByteCount > request.body.utf8.count, !request.body.hasSuffix("bytes in all)") {
            text += "\n(\(request.bodyByteCount) bytes in all)"
        }
        return text
    }

    /// The answer as lines: `HTTP 401 after 0.003 s`, header fields, a blank line, the body; or why there was none.
    public var answerText: String {
        switch answer {
        case .noAnswer(let cause, let detail):
            return "no answer: " + cause + (detail.isEmpty || detail == cause ? "" : ": " + detail)
        case .response(let response):
            var text = "HTTP \(response.status) after " + DecimalSeconds.text(response.latencySeconds) + " s\n"
            for header in response.headers { text += header.name + ": " + header.value + "\n" }
            return text + "\n" + (response.body.isEmpty ? "(empty body)" : response.body)
        }
    }

    /// One line: `HTTP 401` or `no answer (connection refused)`.
    public var answerSummary: String {
        switch answer {
        case .noAnswer(let cause, _): "no answer (" + cause + ")"
        case .response(let response): "HTTP \(response.status)"
        }
    }
}
