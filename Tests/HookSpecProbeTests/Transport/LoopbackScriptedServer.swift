import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// What a scripted loopback server does with each connection.
enum ScriptedBehaviour: Sendable {
    /// Sends these bytes once `afterBytes` request bytes arrived, then closes.
    case answer([UInt8], afterBytes: Int)
    /// Reads everything and never answers.
    case hang
    /// Resets the connection (SO_LINGER 0, then close) as soon as bytes arrive.
    case reset
}

/// A tiny TCP server on 127.0.0.1 with a free port that misbehaves on purpose; records what it received.
final class LoopbackScriptedServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let received: NIOLockedValueBox<[UInt8]>

    private init(port: Int, channel: any Channel, received: NIOLockedValueBox<[UInt8]>) {
        self.port = port
        self.channel = channel
        self.received = received
    }

    /// Starts the server; `tls` wraps every connection in TLS with that context.
    static func start(group: any EventLoopGroup, behaviour: ScriptedBehaviour, tls: NIOSSLContext? = nil) async throws -> LoopbackScriptedServer {
        let received = NIOLockedValueBox<[UInt8]>([])
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if let tls {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try child.pipeline.syncOperations.addHandler(ScriptedHandler(behaviour: behaviour, received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ScriptedServerError.noPort }
        return LoopbackScriptedServer(port: port, channel: channel, received: received)
    }

    /// Every byte received so far, over all connections.
    var receivedBytes: [UInt8] { received.withLockedValue { $0 } }

    func stop() async {
        try? await channel.close()
    }
}

enum ScriptedServerError: Error { case noPort }

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let behaviour: ScriptedBehaviour
    private let received: NIOLockedValueBox<[UInt8]>
    private var count = 0
    private var answered = false

    init(behaviour: ScriptedBehaviour, received: NIOLockedValueBox<[UInt8]>) {
        self.behaviour = behaviour
        self.received = received
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = Self.unwrapInboundIn(data)
        let bytes = Array(buffer.readableBytesView)
        received.withLockedValue { $0.append(contentsOf: bytes) }
        count += bytes.count
        switch behaviour {
        case .hang:
            break
        case .reset:
            guard !answered else { return }
            answered = true
            if let provider = context.channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                    context.channel.close(promise: nil)
                }
            } else {
                context.close(promise: nil)
            }
        case .answer(let answer, let afterBytes):
            guard !answered, count >= afterBytes else { return }
            answered = true
            context.writeAndFlush(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: answer))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
