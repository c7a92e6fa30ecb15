import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// How a hostile loopback target treats each connection (issue 10, item 4).
enum HostileBehaviour: Sendable {
    /// Accepts, reads, never answers (over TLS: never finishes the handshake, as TLS is not spoken).
    case silent
    /// Sends a complete head announcing a body, then nothing.
    case headThenStall
    /// Sends an answer whose head never ends, one byte per `interval`.
    case drip(interval: TimeAmount)
    /// A chunked body that never ends, one `chunkBytes` chunk per `interval`.
    case endlessChunkedBody(chunkBytes: Int, interval: TimeAmount)
    /// A 200 whose body is `bytes` long, sent as fast as the reader takes it.
    case hugeBody(bytes: Int)
    /// A 200 with a single header line of `bytes` bytes.
    case longHeaderLine(bytes: Int)
    /// A 200 with `count` header fields.
    case manyHeaders(count: Int)
    /// A status line that is not HTTP.
    case invalidHTTP
    /// A banner of another protocol, sent on connect before the request arrives.
    case foreignBanner
    /// Half an answer, then a reset (SO_LINGER 0).
    case resetMidAnswer
    /// `100 Continue` heads, `count` of them, then a 200.
    case continueFlood(count: Int)
    /// A redirect to the same URL, every time.
    case redirectLoop(path: String)
    /// A proper 204 (the control for the TLS certificate cases).
    case accept
}

/// A loopback server on a free port that misbehaves as told; counts connections and kept no bytes.
final class HostileServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let connectionCount: NIOLockedValueBox<Int>

    private init(port: Int, channel: any Channel, connectionCount: NIOLockedValueBox<Int>) {
        self.port = port
        self.channel = channel
        self.connectionCount = connectionCount
    }

    /// Starts the server; `tls` speaks TLS with that context on every connection.
    static func start(group: any EventLoopGroup, behaviour: HostileBehaviour, tls: NIOSSLContext? = nil) async throws -> HostileServer {
        let connections = NIOLockedValueBox(0)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                connections.withLockedValue { $0 += 1 }
                return child.eventLoop.makeCompletedFuture {
                    if let tls {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try child.pipeline.syncOperations.addHandler(HostileHandler(behaviour: behaviour))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ScriptedServerError.noPort }
        return HostileServer(port: port, channel: channel, connectionCount: connections)
    }

    /// Connections accepted so far.
    var connections: Int { connectionCount.withLockedValue { $0 } }

    func stop() async {
        try? await channel.close()
    }
}

private final class HostileHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let behaviour: HostileBehaviour
    private var started = false
    private var timer: Scheduled<Void>?
    private var open = true
    private var remainingBody = 0

    init(behaviour: HostileBehaviour) {
        self.behaviour = behaviour
    }

    func channelActive(context: ChannelHandlerContext) {
        if case .foreignBanner = behaviour {
            started = true
            send(context, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        open = false
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Answers start at the first request byte; the rest of the request is read and dropped.
        guard !started else { return }
        started = true
        switch behaviour {
        case .silent, .foreignBanner:
            break
        case .headThenStall:
            send(context, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")
        case .drip(let interval):
            send(context, "HTTP/1.1 200 OK\r\nX-Drip: ")
            // The header value grows forever: the head never reaches its blank line.
            every(interval, context) { self.send(context, "a") }
        case .endlessChunkedBody(let chunkBytes, let interval):
            send(context, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = String(chunkBytes, radix: 16) + "\r\n" + String(repeating: "c", count: chunkBytes) + "\r\n"
            every(interval, context) { self.send(context, chunk) }
        case .hugeBody(let bytes):
            remainingBody = bytes
            send(context, "HTTP/1.1 200 OK\r\nContent-Length: \(bytes)\r\n\r\n")
            writeMoreBody(context)
        case .longHeaderLine(let bytes):
            send(context, "HTTP/1.1 200 OK\r\nX-Long: " + String(repeating: "l", count: bytes) + "\r\nContent-Length: 0\r\n\r\n")
        case .manyHeaders(let count):
            var head = "HTTP/1.1 200 OK\r\n"
            for index in 0..<count { head += "X-H\(index): v\r\n" }
            send(context, head + "Content-Length: 0\r\n\r\n")
        case .invalidHTTP:
            send(context, "HTTP/1.1 two hundred OK\r\nContent-Length: 0\r\n\r\n")
        case .resetMidAnswer:
            send(context, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
            if let provider = context.channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        case .continueFlood(let count):
            send(context, String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: count) + "HTTP/1.1 204 No Content\r\n\r\n")
        case .redirectLoop(let path):
            let port = context.channel.localAddress?.port ?? 0
            send(context, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:\(port)\(path)\r\nContent-Length: 0\r\n\r\n", thenClose: true)
        case .accept:
            send(context, "HTTP/1.1 204 No Content\r\n\r\n", thenClose: true)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { writeMoreBody(context) }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Runs `action` every `interval` until the connection closes.
    private func every(_ interval: TimeAmount, _ context: ChannelHandlerContext, _ action: @escaping () -> Void) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: interval) {
            guard self.open else { return }
            action()
            self.every(interval, context, action)
        }
    }

    /// Writes the huge body while the socket takes it: the server never holds more than one piece.
    private func writeMoreBody(_ context: ChannelHandlerContext) {
        let piece = 64 * 1024
        while remainingBody > 0, context.channel.isWritable {
            let size = min(piece, remainingBody)
            remainingBody -= size
            var buffer = context.channel.allocator.buffer(capacity: size)
            buffer.writeRepeatingByte(0x62, count: size)
            context.write(Self.wrapOutboundOut(buffer), promise: nil)
            context.flush()
        }
    }

    private func send(_ context: ChannelHandlerContext, _ text: String, thenClose: Bool = false) {
        let future = context.writeAndFlush(Self.wrapOutboundOut(context.channel.allocator.buffer(string: text)))
        if thenClose {
            future.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
