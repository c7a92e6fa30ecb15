import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// One connection's limits, between the HTTP codec and Hummingbird's request handling.
///
/// - The head has a deadline from the moment the connection is accepted, the body one from the
///   end of the head; neither restarts when bytes arrive.
/// - One request per connection: once the answer is written and the request fully read, the
///   connection is closed (so a pipelined second request is never served).
/// - After an early answer (written before the request ended), at most
///   `maximumDiscardedBytes` more body bytes are read and dropped.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        case awaitingHead
        case readingBody
        case requestRead
    }

    private let limits: HTTPServerLimits
    private let registry: ConnectionRegistry
    private var phase = Phase.awaitingHead
    private var deadline: Scheduled<Void>?
    private var answered = false
    private var discardedBytes = 0
    private var registered = false

    init(limits: HTTPServerLimits, registry: ConnectionRegistry) {
        self.limits = limits
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { begin(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        begin(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(context: context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head:
            guard phase == .awaitingHead else { break }
            phase = .readingBody
            arm(.bodyDeadline, seconds: limits.bodyDeadlineSeconds, context: context)
        case .body(let buffer):
            if answered {
                discardedBytes += buffer.readableBytes
                if discardedBytes > limits.maximumDiscardedBytes {
                    close(.discardLimit, context: context)
                    return
                }
            }
        case .end:
            phase = .requestRead
            deadline?.cancel()
            deadline = nil
            if answered {
                context.fireChannelRead(data)
                context.close(promise: nil)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = Self.unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        if let promise { written.futureResult.cascade(to: promise) }
        context.write(data, promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in
            self.answered = true
            // Closing while the client still sends would reset the connection and lose the answer.
            if self.phase == .requestRead { context.close(promise: nil) }
        }
    }

    // MARK: -

    private func begin(context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        registry.opened(context.channel)
        arm(.headDeadline, seconds: limits.headDeadlineSeconds, context: context)
    }

    private func end(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        if registered {
            registered = false
            registry.closed(context.channel)
        }
    }

    private func arm(_ reason: ConnectionClosure, seconds: Double, context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
            self.deadline = nil
            self.close(reason, context: context)
        }
    }

    private func close(_ reason: ConnectionClosure, context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        // Recorded before closing, so a client that sees the close also sees the reason.
        registry.record(reason)
        context.close(promise: nil)
    }
}
