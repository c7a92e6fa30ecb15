import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Writes bytes to 127.0.0.1:port and returns every byte received until the server closes (or 5 s pass).
func rawExchange(port: Int, bytes: [UInt8], group: any EventLoopGroup) async throws -> [UInt8] {
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
    let timeout = channel.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
    try? await closed.get()
    timeout.cancel()
    return received.withLockedValue { $0 }
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
