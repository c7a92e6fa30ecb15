import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A slowloris client: one connection to the receiver that sends as slowly as its kind says,
/// records how long it lived and whether the receiver closed it, and reconnects until stopped.
final class SlowClient: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How a slow client misbehaves.
    enum Kind: String, Sendable, Hashable {
        /// A request line, then one header byte every drip interval; the head never ends.
        case headDrip = "head drip"
        /// A complete head announcing 100,000 body bytes, then one body byte every drip interval.
        case bodyDrip = "body drip"
        /// Connects and sends nothing.
        case silent
    }

    private let kind: Kind
    private let interval: TimeAmount
    private let run: SlowClientRun
    private var timer: Scheduled<Void>?
    private var opened = NIODeadline.now()
    private var sent = 0

    init(kind: Kind, interval: TimeAmount, run: SlowClientRun) {
        self.kind = kind
        self.interval = interval
        self.run = run
    }

    func channelActive(context: ChannelHandlerContext) {
        opened = .now()
        switch kind {
        case .headDrip:
            write("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", context)
            drip(context)
        case .bodyDrip:
            write("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{", context)
            drip(context)
        case .silent:
            break
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        let lived = Double((NIODeadline.now() - opened).nanoseconds) / 1e9
        run.ended(kind, livedSeconds: lived, bytesSent: sent)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Whatever the receiver answers (a 408 or nothing) is dropped; the close is what counts.
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func drip(_ context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: interval) {
            self.write(self.kind == .headDrip ? "a" : " ", context)
            self.drip(context)
        }
    }

    private func write(_ text: String, _ context: ChannelHandlerContext) {
        sent += text.utf8.count
        context.writeAndFlush(Self.wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
    }
}

/// The slow clients of one benchmark run: starts them, reconnects each one the receiver drops,
/// and stops them all, returning what happened per kind.
final class SlowClientRun: Sendable {
    private struct State {
        var stopping = false
        var channels: [ObjectIdentifier: (channel: any Channel, kind: SlowClient.Kind)] = [:]
        var tallies: [SlowClient.Kind: ReceiverLoadBenchmark.SlowTally] = [:]
    }

    private let group: any EventLoopGroup
    private let port: Int
    private let state = NIOLockedValueBox(State())

    init(group: any EventLoopGroup, port: Int) {
        self.group = group
        self.port = port
    }

    /// Opens `count` connections of each kind.
    func start(_ kinds: [(SlowClient.Kind, Int)]) {
        for (kind, count) in kinds {
            for _ in 0..<count { connect(kind) }
        }
    }

    private func connect(_ kind: SlowClient.Kind) {
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SlowClient(kind: kind, interval: ReceiverLoadBenchmark.dripInterval, run: self))
                }
            }
        bootstrap.connect(host: "127.0.0.1", port: port).whenSuccess { channel in
            let keep = self.state.withLockedValue { state -> Bool in
                guard !state.stopping else { return false }
                state.channels[ObjectIdentifier(channel)] = (channel, kind)
                state.tallies[kind, default: .init()].connections += 1
                return true
            }
            if !keep { channel.close(promise: nil) }
            channel.closeFuture.whenComplete { _ in
                _ = self.state.withLockedValue { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
    }

    /// A connection ended; unless the run is stopping, the receiver closed it, and it is replaced.
    func ended(_ kind: SlowClient.Kind, livedSeconds: Double, bytesSent: Int) {
        let reconnect = state.withLockedValue { state -> Bool in
            state.tallies[kind, default: .init()].bytesSent += bytesSent
            guard !state.stopping else { return false }
            state.tallies[kind, default: .init()].closedByReceiver += 1
            state.tallies[kind, default: .init()].longestSeconds = max(state.tallies[kind, default: .init()].longestSeconds, livedSeconds)
            return true
        }
        if reconnect { connect(kind) }
    }

    /// Closes every slow connection still open and returns the tallies.
    func stop() async -> [SlowClient.Kind: ReceiverLoadBenchmark.SlowTally] {
        let open = state.withLockedValue { state -> [(channel: any Channel, kind: SlowClient.Kind)] in
            state.stopping = true
            for entry in state.channels.values { state.tallies[entry.kind, default: .init()].openAtEnd += 1 }
            return Array(state.channels.values)
        }
        for entry in open { try? await entry.channel.close() }
        return state.withLockedValue { $0.tallies }
    }
}
