import HTTPTypes
import HummingbirdCore
import NIOCore

/// A complete answer as every hookspec server writes it: explicit length, `Connection: close`.
public struct ServerAnswer: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Extra header fields, written in this order after `Content-Type`.
    public var headers: [(name: String, value: String)]
    /// The body (not written for HEAD, but still counted in `Content-Length`).
    public var body: [UInt8]
    /// `Content-Type`.
    public var contentType: String

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], contentType: String = "application/json") {
        self.status = status
        self.headers = headers
        self.body = body
        self.contentType = contentType
    }

    /// The HTTPTypes head: status with its standard reason phrase, then the fields.
    package func head() -> HTTPResponse {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        fields[.contentLength] = String(body.count)
        fields[.connection] = "close"
        return HTTPResponse(status: HTTPResponse.Status(code: status, reasonPhrase: Self.reason(status)), headerFields: fields)
    }

    /// Writes the answer; `includeBody` is false for HEAD.
    package func write(to writer: consuming ResponseWriter, includeBody: Bool = true) async throws {
        try await writer.write(response: head(), body: includeBody ? ResponseBody(byteBuffer: ByteBuffer(bytes: body)) : ResponseBody())
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: ""
        }
    }
}
