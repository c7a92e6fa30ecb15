import HTTPTypes
import HookSpecCore
import HookSpecServer
import HummingbirdCore

/// One request to the receiver, from head to answer: what every connection shares.
///
/// Immutable settings and thread-safe sinks only, so it is handed to the server as is.
struct ReceiverExchange: Sendable {
    /// An accepted delivery waiting for the processing worker.
    struct Job: Sendable {
        let delivery: AcceptedDelivery
    }

    let path: String
    let maximumBodyBytes: Int
    let mutant: ReceiverMutant?
    let slowAnswerSeconds: Double
    let queueCapacity: Int
    let judge: DeliveryJudge
    let keys: ReceiverKeys
    let ledger: DeliveryLedger
    let clock: @Sendable () -> Int64
    let jobs: AsyncStream<Job>.Continuation
    let processedInline: @Sendable (ProcessedDelivery) -> Void
    let report: @Sendable (DeliveryOutcome) -> Void

    func respond(to request: Request, writer: consuming ResponseWriter) async throws {
        let headers = HeaderFields(request.headers.map { (name: $0.name.rawName, value: Self.withoutOptionalWhitespace($0.value)) })
        let id = headers.fields.first { $0.name.lowercased() == WebhookHeader.id }?.value
        let answer: ReceiverAnswer
        if let early = earlyAnswer(to: request) {
            // The rest of the body is read and dropped by the server, up to its discard bound.
            answer = early
        } else {
            if headers.fields.contains(where: { $0.name.lowercased() == "expect" && $0.value.lowercased() == "100-continue" }) {
                // curl and other senders wait (about 1 s) for this before sending a body over 1 KiB.
                try await writer.writeInformationalHead(HTTPResponse(status: .continue))
            }
            if let body = try await readBody(request) {
                answer = await decide(headers: headers, body: body)
            } else {
                answer = .tooLarge
            }
        }
        try await Self.serverAnswer(answer).write(to: writer)
        report(DeliveryOutcome(id: id, status: answer.status, code: answer.code))
    }

    // MARK: - Decisions

    private func earlyAnswer(to request: Request) -> ReceiverAnswer? {
        let target = request.head.path ?? "/"
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        if mutant == .redirectToTrailingSlash, path == self.path {
            return ReceiverAnswer(status: 308, code: ReceiverAnswer.ReceiverCode.redirected, headers: ["Location": self.path + "/"])
        }
        guard path == self.path || (mutant == .redirectToTrailingSlash && path == self.path + "/") else { return .notFound }
        guard request.method == .post else { return .methodNotAllowed }
        let lengths = request.headers[values: .contentLength]
        if lengths.count == 1, let length = Int(lengths[0]), length > maximumBodyBytes {
            return .tooLarge
        }
        return nil
    }

    /// The raw body, byte for byte; nil once it exceeds the limit (the rest is left to the server to drop).
    private func readBody(_ request: Request) async throws -> [UInt8]? {
        var body: [UInt8] = []
        for try await buffer in request.body {
            guard body.count + buffer.readableBytes <= maximumBodyBytes else { return nil }
            body.append(contentsOf: buffer.readableBytesView)
        }
        return body
    }

    private func decide(headers: HeaderFields, body: [UInt8]) async -> ReceiverAnswer {
        let now = clock()
        switch await judged(headers: headers, body: body, now: now) {
        case .answer(let answer):
            return answer
        case .accept(let delivery):
            let admission = ledger.admit(delivery, now: now, processDuplicates: mutant == .noReplayProtection, queueCapacity: queueCapacity)
            switch admission.processing {
            case .none: break
            case .queued: jobs.yield(Job(delivery: delivery))
            case .inline: processedInline(ledger.markProcessed(delivery, processing: .inline))
            }
            let reply: ReceiverAnswer
            if admission.isDuplicate {
                reply = mutant == .conflictOnDuplicate ? ReceiverAnswer(status: 409, code: RejectionCode.replayed.rawValue) : .duplicate
            } else {
                reply = .accepted
            }
            if mutant == .slowAnswer {
                try? await Task.sleep(nanoseconds: UInt64(slowAnswerSeconds * 1e9))
            }
            return reply
        }
    }

    /// The judge's decision with the keys resolved; a `v1a` signature no known key verifies makes
    /// the JWKS refetch once (rate-limited) in case the sender rotated to a new key.
    private func judged(headers: HeaderFields, body: [UInt8], now: Int64) async -> DeliveryJudge.Decision {
        let resolved = await keys.resolve(headers: headers, now: now)
        let decision = judge.judge(headers: headers, body: body, now: now, keys: resolved)
        guard keys.scheme == .v1a, keys.jwks != nil, case .answer(let answer) = decision,
            answer.code == RejectionCode.signatureMismatch.rawValue
        else { return decision }
        let before = await keys.fetchCount()
        let refreshed = await keys.resolve(headers: headers, now: now, refetch: .unmatchedSignature)
        guard await keys.fetchCount() > before else { return decision }
        return judge.judge(headers: headers, body: body, now: now, keys: refreshed)
    }

    private static func serverAnswer(_ answer: ReceiverAnswer) -> ServerAnswer {
        let contentType = answer.headers["Content-Type"] ?? "application/json"
        let extra = answer.headers.filter { $0.key != "Content-Type" }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        return ServerAnswer(status: answer.status, headers: extra, body: answer.body, contentType: contentType)
    }

    // RFC 9110 §5.5: spaces and tabs around a field value are not part of it.
    private static func withoutOptionalWhitespace(_ value: String) -> String {
        let utf8 = value.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        guard let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return value }
        return String(value[first...last])
    }
}
