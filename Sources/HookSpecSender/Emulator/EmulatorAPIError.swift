import HookSpecProbe

/// An error as the Gemini API writes it: `{"error":{"code":404,"message":"...","status":"NOT_FOUND"}}`.
public struct EmulatorAPIError: Error, Sendable, Hashable {
    /// HTTP status.
    public let code: Int
    /// Google RPC status name.
    public let status: String
    /// Human message (never key material).
    public let message: String

    static func notFound(_ what: String) -> EmulatorAPIError { EmulatorAPIError(code: 404, status: "NOT_FOUND", message: what) }
    static func invalid(_ why: String) -> EmulatorAPIError { EmulatorAPIError(code: 400, status: "INVALID_ARGUMENT", message: why) }
    static func methodNotAllowed(_ method: String) -> EmulatorAPIError {
        EmulatorAPIError(code: 405, status: "UNIMPLEMENTED", message: "method \(method) is not supported here")
    }

    /// The JSON body.
    var json: String {
        #"{"error":{"code":\#(code),"message":\#(EnvelopeText.quoted(message)),"status":\#(EnvelopeText.quoted(status))}}"#
    }
}
