import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Writes bytes to 127.0.0.1:port and returns every byte received until the server closes (the
/// request says `Connection: close`, or is one the server refuses), or a 120 s hang guard passes.
func rawExchange(port: Int, bytes: [UInt8], group: any EventLoopGroup) async throws -> [UInt8] {
    try await rawExchangeOutcome(port: port, bytes: bytes, group: group, giveUpSeconds: 120).received
}

/// What a raw exchange saw, and whether the server closed the connection before the client gave up.
struct RawExchangeOutcome {
    let received: [UInt8]
    let closedByServer: Bool
}

/// Like `rawExchange`, also telling who closed the connection (decided on the event loop, not by wall time).
///
/// `pieces` are written in order, `gapMilliseconds` apart, until the server closes or they run out; a
/// write that fails because the server already closed is part of the outcome, not an error.
/// `giveUpSeconds` is only a hang guard: no test outcome depends on it when the server behaves.
func rawExchangeOutcome(
    port: Int, bytes: [UInt8], group: any EventLoopGroup, then pieces: [[UInt8]] = [], gapMilliseconds: Int64 = 0,
    giveUpSeconds: Int64 = 5
) async throws -> RawExchangeOutcome {
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
    let timeout = channel.eventLoop.scheduleTask(in: .seconds(giveUpSeconds)) {
        gaveUp.withLockedValue { $0 = true }
        channel.close(promise: nil)
    }
    // The server may close before (or while) we write: that is an outcome, not a failure.
    try? await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
    for piece in pieces where channel.isActive {
        if gapMilliseconds > 0 { try? await Task.sleep(nanoseconds: UInt64(gapMilliseconds) * 1_000_000) }
        try? await channel.writeAndFlush(channel.allocator.buffer(bytes: piece))
    }
    try? await channel.closeFuture.get()
    timeout.cancel()
    return RawExchangeOutcome(received: received.withLockedValue { $0 }, closedByServer: !gaveUp.withLockedValue { $0 })
}

/// A connection that only connects: it sends nothing until closed.
func openSilentConnection(port: Int, group: any EventLoopGroup) async throws -> any Channel {
    try await ClientBootstrap(group: group).connectTimeout(.seconds(2)).connect(host: "127.0.0.1", port: port).get()
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
