import NIOCore
import NIOHTTP1

/// Start and end of one exchange, shared by the two handlers of a request's pipeline (event loop only).
final class ExchangeTimes {
    var firstByteSent: NIODeadline?
}

/// The parts of `TransportConfiguration` that bound what one answer may hold in memory.
struct ResponseLimits {
    let bodyBytes: Int
    let headBytes: Int
    let headerFields: Int
    let informationalResponses: Int

    init(_ configuration: TransportConfiguration) {
        bodyBytes = configuration.maximumResponseBodyBytes
        headBytes = configuration.maximumResponseHeadBytes
        headerFields = configuration.maximumResponseHeaderFields
        informationalResponses = configuration.maximumInformationalResponses
    }

    /// The HTTP decoder's limits: one field and the whole head within `headBytes`, at most `headerFields` fields.
    var decoderConfiguration: NIOHTTPDecoderLimitConfiguration {
        var configuration = NIOHTTPDecoderLimitConfiguration()
        configuration.maxHeaderFieldSize = headBytes
        configuration.maxHeaderListSize = headBytes
        configuration.maxHeaderFieldCount = headerFields
        return configuration
    }
}

/// Turns the request head the collector writes into the case's exact bytes.
///
/// It sits between the socket (or TLS) and the response decoder, so the decoder still sees
/// a request head (it needs the method to frame the answer) while the wire gets the raw bytes.
final class RawRequestWriter: ChannelOutboundHandler {
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = ByteBuffer

    private var wireBytes: [UInt8]?
    private let times: ExchangeTimes

    init(wireBytes: [UInt8], times: ExchangeTimes) {
        self.wireBytes = wireBytes
        self.times = times
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head = Self.unwrapOutboundIn(data), let bytes = wireBytes else {
            promise?.succeed()
            return
        }
        wireBytes = nil
        times.firstByteSent = .now()
        context.write(Self.wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: promise)
    }
}

/// Collects one HTTP response and completes the exchange exactly once: answer, failure or timeout.
final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let requestHead: HTTPRequestHead
    private let promise: EventLoopPromise<ProbeAnswer>
    private let deadline: NIODeadline
    private let totalTimeoutSeconds: Double
    private let limits: ResponseLimits
    private let times: ExchangeTimes

    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private var truncated = false
    private var informationalHeads = 0
    private var completed = false
    private var connected = false
    private var timer: Scheduled<Void>?

    init(
        requestHead: HTTPRequestHead, promise: EventLoopPromise<ProbeAnswer>, deadline: NIODeadline,
        totalTimeoutSeconds: Double, limits: ResponseLimits, times: ExchangeTimes
    ) {
        self.requestHead = requestHead
        self.promise = promise
        self.deadline = deadline
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.limits = limits
        self.times = times
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // The total deadline covers connect, TLS, sending and reading: it starts before connect.
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            complete(.transportFailure(.timedOut(afterSeconds: totalTimeoutSeconds)), context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        guard connected else {
            // The connect failed: its own error (refused, timed out, unresolvable) answers the
            // promise through the bootstrap, and must not be pre-empted by a generic "closed".
            timer?.cancel()
            timer = nil
            return
        }
        complete(.transportFailure(.malformedResponse("connection closed before a complete answer")), context: nil)
    }

    func channelActive(context: ChannelHandlerContext) {
        connected = true
        context.writeAndFlush(Self.wrapOutboundOut(.head(requestHead)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !completed else { return }
        switch Self.unwrapInboundIn(data) {
        case .head(let responseHead) where (100..<200).contains(responseHead.status.code) && responseHead.status.code != 101:
            informationalHeads += 1
            if informationalHeads > limits.informationalResponses {
                complete(.transportFailure(.tooManyInformationalResponses(limit: limits.informationalResponses)), context: context)
            }
        case .head(let responseHead):
            head = responseHead
        case .body(let buffer):
            let room = limits.bodyBytes - body.count
            if buffer.readableBytes > room { truncated = true }
            if room > 0 {
                body.append(contentsOf: buffer.readableBytesView.prefix(room))
            }
        case .end:
            guard let head else {
                complete(.transportFailure(.malformedResponse("answer ended without a status line")), context: context)
                return
            }
            let end = NIODeadline.now()
            let start = times.firstByteSent ?? end
            let latency = Double((end - start).nanoseconds) / 1e9
            let response = ProbeResponse(
                status: Int(head.status.code),
                headers: head.headers.map { (name: $0.name, value: $0.value) },
                body: body, latencySeconds: latency, bodyTruncated: truncated)
            complete(.response(response), context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let parserError = error as? HTTPParserError, parserError == .headerOverflow {
            complete(
                .transportFailure(.responseHeadTooLarge(maximumBytes: limits.headBytes, maximumFields: limits.headerFields)),
                context: context)
            return
        }
        complete(.transportFailure(TransportErrorMapping.failure(for: error, connectTimeoutSeconds: nil)), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let why = head == nil ? "connection closed without an answer" : "connection closed before the answer was complete"
        complete(.transportFailure(.malformedResponse(why)), context: context)
        context.fireChannelInactive()
    }

    private func complete(_ answer: ProbeAnswer, context: ChannelHandlerContext?) {
        guard !completed else { return }
        completed = true
        timer?.cancel()
        timer = nil
        promise.succeed(answer)
        context?.close(promise: nil)
    }
}
