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
/// `bytes` are written the moment the connection is up, then `pieces` in order, `gapMilliseconds`
/// apart, until the server closes or they run out. Every write is made on the client's event loop,
/// never from the test's task: a starved cooperative pool (CI's busy 2 cores) once held the first
/// write back for over 10 s, and the server's head deadline, rightly, closed the silent connection.
/// A write that fails because the server already closed is part of the outcome, not an error.
/// `giveUpSeconds` is only a hang guard: no test outcome depends on it when the server behaves.
func rawExchangeOutcome(
    port: Int, bytes: [UInt8], group: any EventLoopGroup, then pieces: [[UInt8]] = [], gapMilliseconds: Int64 = 0,
    giveUpSeconds: Int64 = 5
) async throws -> RawExchangeOutcome {
    let gaveUp = NIOLockedValueBox(false)
    let received = NIOLockedValueBox<[UInt8]>([])
    let script = WriteScript(first: bytes, pieces: pieces, gap: .milliseconds(gapMilliseconds))
    let channel = try await ClientBootstrap(group: group)
        .connectTimeout(.seconds(2))
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ScriptedClient(script: script, received: received))
            }
        }
        .connect(host: "127.0.0.1", port: port).get()
    let timeout = channel.eventLoop.scheduleTask(in: .seconds(giveUpSeconds)) {
        gaveUp.withLockedValue { $0 = true }
        channel.close(promise: nil)
    }
    try? await channel.closeFuture.get()
    timeout.cancel()
    return RawExchangeOutcome(received: received.withLockedValue { $0 }, closedByServer: !gaveUp.withLockedValue { $0 })
}

/// A connection that only connects: it sends nothing until closed.
func openSilentConnection(port: Int, group: any EventLoopGroup) async throws -> any Channel {
    try await ClientBootstrap(group: group).connectTimeout(.seconds(2)).connect(host: "127.0.0.1", port: port).get()
}

/// What a raw client writes: one block at once, then pieces paced on the event loop.
private struct WriteScript: Sendable {
    let first: [UInt8]
    let pieces: [[UInt8]]
    let gap: TimeAmount
}

/// Plays a `WriteScript` from `channelActive` and collects every byte the server sends.
private final class ScriptedClient: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private let script: WriteScript
    private let received: NIOLockedValueBox<[UInt8]>
    private var next = 0
    private var pending: Scheduled<Void>?

    init(script: WriteScript, received: NIOLockedValueBox<[UInt8]>) {
        self.script = script
        self.received = received
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: script.first)), promise: nil)
        writeNext(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending?.cancel()
        pending = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(Self.unwrapInboundIn(data).readableBytesView)
        received.withLockedValue { $0.append(contentsOf: bytes) }
    }

    private func writeNext(context: ChannelHandlerContext) {
        guard next < script.pieces.count, context.channel.isActive else { return }
        guard script.gap > .zero else {
            // No pacing asked for: everything goes out now (the server may close part-way through).
            while next < script.pieces.count {
                context.write(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: script.pieces[next])), promise: nil)
                next += 1
            }
            context.flush()
            return
        }
        pending = context.eventLoop.assumeIsolated().scheduleTask(in: script.gap) {
            self.pending = nil
            guard context.channel.isActive else { return }
            context.writeAndFlush(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: self.script.pieces[self.next])), promise: nil)
            self.next += 1
            self.writeNext(context: context)
        }
    }
}
