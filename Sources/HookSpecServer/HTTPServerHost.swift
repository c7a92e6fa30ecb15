import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// One HTTP/1.1 server on Hummingbird with hookspec's limits: what the receiver and the
/// document host both run on.
///
/// `start()` binds (port 0 = a free one) and returns the bound port; `stop()` stops accepting,
/// closes open connections and waits until the server has finished. Every connection gets a
/// `ConnectionGuard` (deadlines, one request per connection) and counts against the cap.
public final class HTTPServerHost: Sendable {
    /// Answers one request; the connection closes after the answer and the request end.
    public typealias Responder = @Sendable (Request, consuming ResponseWriter, any Channel) async throws -> Void

    /// Address it binds.
    public let host: String
    /// Port it binds (0 = a free one).
    public let port: Int
    /// Limits per connection and in total.
    public let limits: HTTPServerLimits
    /// Open connections and what the limits did.
    public let connections = ConnectionRegistry()

    private enum RunState {
        case idle
        case starting
        case running(server: Server<HTTP1Channel>, task: Task<Void, Never>, port: Int)
        case stopped
    }

    private let responder: Responder
    private let state = NIOLockedValueBox(RunState.idle)

    public init(host: String = "127.0.0.1", port: Int = 0, limits: HTTPServerLimits = HTTPServerLimits(), responder: @escaping Responder) {
        self.host = host
        self.port = port
        self.limits = limits
        self.responder = responder
    }

    /// The bound port while running.
    public var boundPort: Int? {
        state.withLockedValue { if case .running(_, _, let port) = $0 { port } else { nil } }
    }

    /// Binds and starts serving; returns the bound port.
    public func start() async throws(HTTPServerError) -> Int {
        guard (0...65_535).contains(port) else { throw .badPort(port) }
        if let problem = limits.problem() { throw problem }
        let claimed = state.withLockedValue { state -> Bool in
            guard case .idle = state else { return false }
            state = .starting
            return true
        }
        guard claimed else { throw .alreadyStarted }

        let limits = self.limits, registry = connections
        let channel = HTTP1Channel(
            responder: responder,
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [ConnectionGuard(limits: limits, registry: registry)],
                idleTimeout: .nanoseconds(Int64(limits.idleTimeoutSeconds * 1e9)),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: limits.maximumHeaderBytes, maxHeaderListSize: limits.maximumHeaderBytes,
                    maxHeaderFieldCount: limits.maximumHeaderFields)))
        let (started, startedContinuation) = AsyncStream.makeStream(of: Result<Int, HTTPServerError>.self)
        let server = Server(
            childChannelSetup: channel,
            configuration: ServerConfiguration(
                address: .hostname(host, port: port), backlog: limits.backlog, reuseAddress: true,
                availableConnectionsDelegate: ConnectionCap(maximum: limits.maximumConnections)),
            onServerRunning: { listener in
                if let port = listener.localAddress?.port {
                    startedContinuation.yield(.success(port))
                } else {
                    startedContinuation.yield(.failure(.bindFailed("no local port after bind")))
                }
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "hookspec.server", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task {
            do {
                try await server.run()
                startedContinuation.yield(.failure(.bindFailed("the server stopped before it ran")))
            } catch {
                startedContinuation.yield(.failure(.bindFailed(String(describing: error))))
            }
            startedContinuation.finish()
        }
        var outcome = Result<Int, HTTPServerError>.failure(.bindFailed("the server ended without a result"))
        for await first in started {
            outcome = first
            break
        }
        switch outcome {
        case .success(let bound):
            let kept = state.withLockedValue { state -> Bool in
                guard case .starting = state else { return false }
                state = .running(server: server, task: task, port: bound)
                return true
            }
            guard kept else {
                try? await server.shutdownGracefully()
                await task.value
                throw .alreadyStarted
            }
            return bound
        case .failure(let error):
            await task.value
            state.withLockedValue { $0 = .stopped }
            throw error
        }
    }

    /// Stops accepting, closes every open connection and waits for the server to end. Idempotent.
    public func stop() async {
        let running = state.withLockedValue { state -> (Server<HTTP1Channel>, Task<Void, Never>)? in
            defer { state = .stopped }
            if case .running(let server, let task, _) = state { return (server, task) }
            return nil
        }
        guard let (server, task) = running else { return }
        // Open connections first: graceful shutdown would otherwise wait for each to end by itself.
        connections.closeAll()
        try? await server.shutdownGracefully()
        connections.closeAll()
        await task.value
    }
}
