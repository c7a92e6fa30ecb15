import HummingbirdCore
import NIOConcurrencyHelpers

/// Serves documents (a JWKS, an attacker's JWKS) at paths on loopback and logs every request.
///
/// GET or HEAD of a published path answers 200 with its body; another method on it 405; any
/// other path 404. The log keeps the newest `logCapacity` requests.
public final class DocumentHost: Sendable {
    /// Requests kept in the log.
    public static let logCapacity = 10_000

    private struct Document: Sendable {
        let body: [UInt8]
        let contentType: String
    }

    private struct State {
        var documents: [String: Document] = [:]
        var label: String?
        var log: [DocumentFetch] = []
        var logStart = 0
        var sequence = 0
    }

    private let state = NIOLockedValueBox(State())
    private let server: HTTPServerHost

    public convenience init(host: String = "127.0.0.1", port: Int = 0) {
        self.init(host: host, port: port, logCapacity: Self.logCapacity)
    }

    /// A host whose log keeps the newest `logCapacity` requests (tests use a small one).
    package init(host: String, port: Int, logCapacity: Int) {
        precondition(logCapacity > 0, "the fetch log keeps at least one request")
        let state = self.state
        server = HTTPServerHost(host: host, port: port, limits: HTTPServerLimits(headDeadlineSeconds: 10, bodyDeadlineSeconds: 10)) {
            request, writer, _ in
            let answer = Self.answer(method: request.method.rawValue, path: request.uri.path, state: state, logCapacity: logCapacity)
            try await answer.write(to: writer, includeBody: request.method != .head)
        }
    }

    /// Starts serving; returns the bound port.
    public func start() async throws -> Int {
        try await server.start()
    }

    /// Stops serving. Idempotent.
    public func stop() async {
        await server.stop()
    }

    /// Serves `body` at `path` from now on (replacing what was there).
    public func publish(path: String, body: [UInt8], contentType: String = "application/json") {
        state.withLockedValue { $0.documents[path] = Document(body: body, contentType: contentType) }
    }

    /// Stops serving `path`: it answers 404 from now on.
    public func withdraw(path: String) {
        _ = state.withLockedValue { $0.documents.removeValue(forKey: path) }
    }

    /// Sets the label recorded with the requests that arrive from now on.
    public func setLabel(_ label: String?) {
        state.withLockedValue { $0.label = label }
    }

    /// The logged requests, oldest first.
    public func fetches() -> [DocumentFetch] {
        state.withLockedValue { Array($0.log[$0.logStart...]) }
    }

    /// Connection counts and deadline closures of the underlying server.
    public var connections: ConnectionRegistry { server.connections }

    private static func answer(method: String, path: String, state: NIOLockedValueBox<State>, logCapacity: Int) -> ServerAnswer {
        state.withLockedValue { state in
            let answer: ServerAnswer
            switch (state.documents[path], method) {
            case (let document?, "GET"), (let document?, "HEAD"):
                answer = ServerAnswer(status: 200, body: document.body, contentType: document.contentType)
            case (.some, _):
                answer = ServerAnswer(status: 405, headers: [("Allow", "GET, HEAD")], body: Array(#"{"error":"method_not_allowed"}"#.utf8))
            case (nil, _):
                answer = ServerAnswer(status: 404, body: Array(#"{"error":"not_found"}"#.utf8))
            }
            state.sequence += 1
            state.log.append(DocumentFetch(sequence: state.sequence, method: method, path: path, label: state.label, status: answer.status))
            // Drop the oldest in batches so appending stays amortised O(1).
            if state.log.count - state.logStart > logCapacity {
                state.logStart += 1
                if state.logStart >= logCapacity {
                    state.log.removeFirst(state.logStart)
                    state.logStart = 0
                }
            }
            return answer
        }
    }
}
