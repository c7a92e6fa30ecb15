import HookSpecCore
import HookSpecServer
import NIOConcurrencyHelpers

/// One answered request, for `hookspec serve`'s log line: never carries a secret or a body.
public struct DeliveryOutcome: Sendable, Hashable {
    /// The `webhook-id` header as sent (attacker-controlled text: escape it before printing).
    public let id: String?
    /// The HTTP status answered.
    public let status: Int
    /// The short code answered (`accepted`, `duplicate`, a rejection code, ...).
    public let code: String
}

/// The reference Standard Webhooks receiver on hookspec's Hummingbird server (SPEC §6), or one of
/// its mutants (SPEC §9.5).
///
/// POST to `configuration.path` with a signed JSON envelope gets 200 quickly; anything invalid a 4xx
/// with `{"error":"<code>"}`; a duplicate `webhook-id` 200 without processing it again. Accepted
/// deliveries are processed off the request path; `ledger` and `processed` make that observable.
public final class WebhookReceiver: Sendable {
    /// The configuration it was made with.
    public let configuration: ReceiverConfiguration
    /// Replay decisions and processing counts.
    public let ledger: DeliveryLedger
    /// Every processed delivery, in processing order (single consumer; newest 10 000 kept if unread).
    public let processed: AsyncStream<ProcessedDelivery>
    /// Every answered request (single consumer; newest 10 000 kept if unread).
    public let outcomes: AsyncStream<DeliveryOutcome>

    private let server: HTTPServerHost
    private let exchange: ReceiverExchange
    private let jobs: AsyncStream<ReceiverExchange.Job>
    private let processedContinuation: AsyncStream<ProcessedDelivery>.Continuation
    private let outcomeContinuation: AsyncStream<DeliveryOutcome>.Continuation
    private let worker = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// A receiver that is not yet listening; checks the configuration now.
    public init(configuration: ReceiverConfiguration) throws(ReceiverError) {
        try Self.checkKeys(configuration)
        let path = configuration.path
        func isPlainPath(_ path: String) -> Bool {
            path.hasPrefix("/") && !path.utf8.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") || $0 == 0x7F })
        }
        guard isPlainPath(path) else { throw .badPath(path) }
        if let log = configuration.processingLogPath, !isPlainPath(log) || log == path { throw .badPath(log) }
        guard (0...65_535).contains(configuration.port) else { throw .badPort(configuration.port) }
        guard (0...600).contains(configuration.slowAnswerSeconds) else { throw .badDelay(configuration.slowAnswerSeconds) }
        guard configuration.idleTimeoutSeconds > 0, configuration.idleTimeoutSeconds <= 3600 else {
            throw .badIdleTimeout(configuration.idleTimeoutSeconds)
        }
        guard (0...1_000_000).contains(configuration.deliveryQueueCapacity) else {
            throw .badLimit("delivery queue capacity \(configuration.deliveryQueueCapacity) is not 0 to 1000000")
        }
        let limits = HTTPServerLimits(
            headDeadlineSeconds: configuration.headDeadlineSeconds, bodyDeadlineSeconds: configuration.bodyDeadlineSeconds,
            idleTimeoutSeconds: configuration.idleTimeoutSeconds, maximumConnections: configuration.maximumConnections,
            maximumDiscardedBytes: 8 * max(configuration.maximumBodyBytes, 1 << 16))
        if let problem = limits.problem() { throw .badLimit(problem.description) }

        self.configuration = configuration
        self.ledger = DeliveryLedger(replayCapacity: configuration.replayCapacity)
        (processed, processedContinuation) = AsyncStream.makeStream(of: ProcessedDelivery.self, bufferingPolicy: .bufferingNewest(10_000))
        (outcomes, outcomeContinuation) = AsyncStream.makeStream(of: DeliveryOutcome.self, bufferingPolicy: .bufferingNewest(10_000))
        // Unbounded here, bounded by admission: the ledger queues at most `deliveryQueueCapacity`.
        let (jobs, jobsContinuation) = AsyncStream.makeStream(of: ReceiverExchange.Job.self)
        self.jobs = jobs
        var policy = configuration.policy
        policy.maximumBodyBytes = min(policy.maximumBodyBytes, configuration.maximumBodyBytes)
        let verifier = StandardWebhookVerifier(secrets: configuration.secrets, policy: policy)
        let jwks = configuration.jwksURL.map {
            JWKSSource(url: $0, configuration: configuration.jwksCache, fetcher: configuration.documentFetcher,
                       timeoutSeconds: configuration.jwksFetchTimeoutSeconds)
        }
        let outcomeContinuation = self.outcomeContinuation, processedContinuation = self.processedContinuation
        let exchange = ReceiverExchange(
            path: path, processingLogPath: configuration.processingLogPath, maximumBodyBytes: max(0, configuration.maximumBodyBytes), mutant: configuration.mutant,
            slowAnswerSeconds: configuration.slowAnswerSeconds, queueCapacity: configuration.deliveryQueueCapacity,
            judge: DeliveryJudge(
                scheme: configuration.scheme, verifier: verifier, tokenPolicy: configuration.tokenPolicy,
                mutant: configuration.mutant, maximumBodyBytes: configuration.maximumBodyBytes),
            keys: ReceiverKeys(
                scheme: configuration.scheme, publicKeys: configuration.publicKeys, jwks: jwks, mutant: configuration.mutant,
                fetcher: configuration.documentFetcher, fetchTimeoutSeconds: configuration.jwksFetchTimeoutSeconds),
            ledger: ledger, clock: configuration.clock, jobs: jobsContinuation,
            processedInline: { processedContinuation.yield($0) },
            report: { outcomeContinuation.yield($0) })
        self.exchange = exchange
        self.server = HTTPServerHost(host: configuration.host, port: configuration.port, limits: limits) { request, writer, _ in
            try await exchange.respond(to: request, writer: writer)
        }
    }

    private static func checkKeys(_ configuration: ReceiverConfiguration) throws(ReceiverError) {
        if let url = configuration.jwksURL {
            let lowered = url.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), url.count > 8,
                !url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
            else { throw .badJWKSURL(url) }
        }
        guard configuration.jwksFetchTimeoutSeconds > 0, configuration.jwksFetchTimeoutSeconds <= ReceiverConfiguration.longestJWKSFetchTimeoutSeconds else {
            throw .badFetchTimeout(configuration.jwksFetchTimeoutSeconds)
        }
        if let mutant = configuration.mutant, !mutant.schemes.contains(configuration.scheme) {
            throw .mutantNotForScheme(mutant: mutant.name, scheme: configuration.scheme.rawValue)
        }
        switch configuration.scheme {
        case .v1:
            guard !configuration.secrets.isEmpty else { throw .noKeys }
        case .v1a:
            guard !configuration.publicKeys.isEmpty || configuration.jwksURL != nil else { throw .noKeys }
        case .jwt:
            guard configuration.jwksURL != nil else { throw .noKeys }
            guard let audience = configuration.tokenPolicy?.audience, !audience.isEmpty else { throw .noAudience }
        }
    }

    /// Open connections and what the deadlines and caps did to them.
    public var connections: ConnectionRegistry { server.connections }

    /// Starts listening; returns the bound port (the free one chosen when the configured port is 0).
    public func start() async throws(ReceiverError) -> Int {
        let port: Int
        do {
            port = try await server.start()
        } catch {
            switch error {
            case .alreadyStarted: throw .alreadyStarted
            case .badPort(let port): throw .badPort(port)
            case .badLimit(let why): throw .badLimit(why)
            case .bindFailed(let why): throw .bindFailed(why)
            }
        }
        let jobs = self.jobs, ledger = self.ledger, processedContinuation = self.processedContinuation
        // Processing happens here, after the answer: the request path only queues (SPEC §6).
        let task = Task {
            for await job in jobs {
                processedContinuation.yield(ledger.markProcessed(job.delivery, processing: .queued))
            }
        }
        worker.withLockedValue { $0 = task }
        return port
    }

    /// Stops listening, lets queued deliveries finish processing, and ends both streams. Idempotent.
    public func stop() async {
        await server.stop()
        exchange.jobs.finish()
        let task = worker.withLockedValue { task in
            defer { task = nil }
            return task
        }
        await task?.value
        ledger.releaseWaiters()
        processedContinuation.finish()
        outcomeContinuation.finish()
    }
}
