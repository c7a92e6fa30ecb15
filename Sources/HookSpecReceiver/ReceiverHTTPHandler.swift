import HookSpecCore
import NIOCore
import NIOHTTP1

/// Reads one request on one connection, answers it, closes (one request per connection).
final class ReceiverHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case collecting(HTTPRequestHead, [UInt8])
        // An answer went out early (404, 405, 413, 308); the rest of the request is read and dropped
        // so the client sees the answer rather than a reset, up to a bound.
        case discarding(droppedBytes: Int)
        case answered
    }

    private let core: ReceiverCore
    private var state = State.idle

    init(core: ReceiverCore) {
        self.core = core
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (Self.unwrapInboundIn(data), state) {
        case (.head(let head), .idle):
            if let early = earlyAnswer(to: head) {
                state = .discarding(droppedBytes: 0)
                send(early, id: Self.webhookID(head.headers), context: context, close: false)
            } else {
                state = .collecting(head, [])
                // curl and other senders wait (about 1 s) for this before sending a body over 1 KiB.
                if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                    context.writeAndFlush(Self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
                }
            }
        case (.body(let buffer), .collecting(let head, var body)):
            guard body.count + buffer.readableBytes <= core.maximumBodyBytes else {
                state = .discarding(droppedBytes: 0)
                send(.tooLarge, id: Self.webhookID(head.headers), context: context, close: false)
                return
            }
            state = .idle  // drop the array's second reference before appending
            body.append(contentsOf: buffer.readableBytesView)
            state = .collecting(head, body)
        case (.body(let buffer), .discarding(let dropped)):
            let total = dropped + buffer.readableBytes
            if total > 8 * max(core.maximumBodyBytes, 1 << 16) {
                state = .answered
                context.close(promise: nil)
            } else {
                state = .discarding(droppedBytes: total)
            }
        case (.end, .collecting(let head, let body)):
            state = .answered
            answer(head: head, body: body, context: context)
        case (.end, .discarding):
            state = .answered
            context.close(promise: nil)
        default:
            // Parts after the answer (a pipelined second request) are not served: one request per connection.
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A client that stops sending mid-request (or never starts) loses its connection.
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Protocol errors get their 400 from NIO's HTTPServerProtocolErrorHandler; anything else just closes.
        context.close(promise: nil)
    }

    // MARK: - Decisions

    private func earlyAnswer(to head: HTTPRequestHead) -> ReceiverAnswer? {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? head.uri
        if core.mutant == .redirectToTrailingSlash, path == core.path {
            return ReceiverAnswer(status: 308, code: ReceiverAnswer.ReceiverCode.redirected, headers: ["Location": core.path + "/"])
        }
        guard path == core.path || (core.mutant == .redirectToTrailingSlash && path == core.path + "/") else { return .notFound }
        guard head.method == .POST else { return .methodNotAllowed }
        let lengths = head.headers["content-length"]
        if lengths.count == 1, let length = Int(lengths[0]), length > core.maximumBodyBytes {
            return .tooLarge
        }
        return nil
    }

    private func answer(head: HTTPRequestHead, body: [UInt8], context: ChannelHandlerContext) {
        let headers = HeaderFields(head.headers.map { (name: $0.name, value: Self.withoutOptionalWhitespace($0.value)) })
        let now = core.clock()
        let id = Self.webhookID(head.headers)
        switch core.judge.judge(headers: headers, body: body, now: now) {
        case .answer(let answer):
            send(answer, id: id, context: context, close: true)
        case .accept(let delivery):
            let reply: ReceiverAnswer
            switch core.ledger.admit(delivery, now: now, processDuplicates: core.mutant == .noReplayProtection) {
            case .process:
                core.jobs.yield(delivery)
                reply = .accepted
            case .duplicate:
                if core.mutant == .noReplayProtection { core.jobs.yield(delivery) }
                reply = core.mutant == .conflictOnDuplicate
                    ? ReceiverAnswer(status: 409, code: RejectionCode.replayed.rawValue)
                    : .duplicate
            }
            if core.mutant == .slowAnswer {
                context.eventLoop.assumeIsolated().scheduleTask(in: core.slowAnswer) {
                    self.send(reply, id: id, context: context, close: true)
                }
            } else {
                send(reply, id: id, context: context, close: true)
            }
        }
    }

    // RFC 9110 §5.5: spaces and tabs around a field value are not part of it. The parser drops the
    // leading ones; trailing ones (and a leading tab after a space) can survive, so trim both ends here.
    private static func withoutOptionalWhitespace(_ value: String) -> String {
        let utf8 = value.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        guard let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return value }
        return String(value[first...last])
    }

    private static func webhookID(_ headers: HTTPHeaders) -> String? {
        headers[WebhookHeader.id].first
    }

    // MARK: - Writing

    private func send(_ answer: ReceiverAnswer, id: String?, context: ChannelHandlerContext, close: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            headers.replaceOrAdd(name: name, value: value)
        }
        headers.add(name: "Content-Length", value: String(answer.body.count))
        headers.add(name: "Connection", value: "close")
        let status = HTTPResponseStatus(statusCode: answer.status)
        context.write(Self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(Self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: answer.body)))), promise: nil)
        let written = context.writeAndFlush(Self.wrapOutboundOut(.end(nil)))
        if close {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
        core.report(DeliveryOutcome(id: id, status: answer.status, code: answer.code))
    }
}
