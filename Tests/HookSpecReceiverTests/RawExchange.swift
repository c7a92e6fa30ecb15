import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Writes bytes to 127.0.0.1:port and returns every byte received until the server closes (or 5 s pass).
func rawExchange(port: Int, bytes: [UInt8], group: any EventLoopGroup) async throws -> [UInt8] {
    try await rawExchangeOutcome(port: port, bytes: bytes, group: group).received
}

/// What a raw exchange saw, and whether the server closed the connection before the client's 5 s give-up.
struct RawExchangeOutcome {
    let received: [UInt8]
    let closedByServer: Bool
}

/// Like `rawExchange`, also telling who closed the connection (decided on the event loop, not by wall time).
func rawExchangeOutcome(port: Int, bytes: [UInt8], group: any EventLoopGroup) async throws -> RawExchangeOutcome {
    let gaveUp = NIOLockedValueBox(false)
    let received = NIOLockedValueBox<[UInt8]>([])
    let channel = try await ClientBootstrap(group: group)
        .connectTimeout(.seconds(2))
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ByteCollector(received: received))
            }
        }
        .connect(host: "127.0.0.1", port: port).get()
    try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    let closed = channel.closeFuture
    let timeout = channel.eventLoop.scheduleTask(in: .seconds(5)) {
        gaveUp.withLockedValue { $0 = true }
        channel.close(promise: nil)
    }
    try? await closed.get()
    timeout.cancel()
    return RawExchangeOutcome(received: received.withLockedValue { $0 }, closedByServer: !gaveUp.withLockedValue { $0 })
}

private final class ByteCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let received: NIOLockedValueBox<[UInt8]>
    init(received: NIOLockedValueBox<[UInt8]>) { self.received = received }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(Self.unwrapInboundIn(data).readableBytesView)
        received.withLockedValue { $0.append(contentsOf: bytes) }
    }
}
