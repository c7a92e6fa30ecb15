import HookSpecCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// One answered request, for `hookspec serve`'s log line: never carries a secret or a body.
public struct DeliveryOutcome: Sendable, Hashable {
    /// The `webhook-id` header as sent (attacker-controlled text: escape it before printing).
    public let id: String?
    /// The HTTP status answered.
    public let status: Int
    /// The short code answered (`accepted`, `duplicate`, a rejection code, ...).
    public let code: String
}

/// The reference Standard Webhooks receiver on SwiftNIO (SPEC §6), or one of its mutants (SPEC §9.5).
///
/// POST to `configuration.path` with a signed JSON envelope gets 200 quickly; anything invalid a 4xx
/// with `{"error":"<code>"}`; a duplicate `webhook-id` 200 without processing it again. Accepted
/// deliveries are processed off the request path; `ledger` and `processed` make that observable.
/// The event loop group belongs to the caller; `stop()` before shutting it down.
public final class WebhookReceiver: Sendable {
    /// The configuration it was made with.
    public let configuration: ReceiverConfiguration
    /// Replay decisions and processing counts.
    public let ledger: DeliveryLedger
    /// Every processed delivery, in processing order (single consumer; newest 10 000 kept if unread).
    public let processed: AsyncStream<ProcessedDelivery>
    /// Every answered request (single consumer; newest 10 000 kept if unread).
    public let outcomes: AsyncStream<DeliveryOutcome>

    private struct RunState {
        var channel: (any Channel)?
        var worker: Task<Void, Never>?
        var stopped = false
    }

    private let group: any EventLoopGroup
    private let core: ReceiverCore
    private let jobs: AsyncStream<AcceptedDelivery>
    private let processedContinuation: AsyncStream<ProcessedDelivery>.Continuation
    private let outcomeContinuation: AsyncStream<DeliveryOutcome>.Continuation
    private let run = NIOLockedValueBox(RunState())

    /// A receiver that is not yet listening; checks the configuration now.
    public init(configuration: ReceiverConfiguration, group: any EventLoopGroup) throws(ReceiverError) {
        guard !configuration.secrets.isEmpty || !configuration.publicKeys.isEmpty else { throw .noKeys }
        let path = configuration.path
        guard path.hasPrefix("/"), !path.utf8.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") || $0 == 0x7F })
        else { throw .badPath(path) }
        guard (0...65_535).contains(configuration.port) else { throw .badPort(configuration.port) }
        guard (0...600).contains(configuration.slowAnswerSeconds) else { throw .badDelay(configuration.slowAnswerSeconds) }
        guard configuration.idleTimeoutSeconds > 0, configuration.idleTimeoutSeconds <= 3600 else {
            throw .badIdleTimeout(configuration.idleTimeoutSeconds)
        }

        self.configuration = configuration
        self.group = group
        self.ledger = DeliveryLedger(replayCapacity: configuration.replayCapacity)
        (processed, processedContinuation) = AsyncStream.makeStream(of: ProcessedDelivery.self, bufferingPolicy: .bufferingNewest(10_000))
        (outcomes, outcomeContinuation) = AsyncStream.makeStream(of: DeliveryOutcome.self, bufferingPolicy: .bufferingNewest(10_000))
        let (jobs, jobsContinuation) = AsyncStream.makeStream(of: AcceptedDelivery.self)
        self.jobs = jobs
        var policy = configuration.policy
        policy.maximumBodyBytes = min(policy.maximumBodyBytes, configuration.maximumBodyBytes)
        let verifier = StandardWebhookVerifier(secrets: configuration.secrets, publicKeys: configuration.publicKeys, policy: policy)
        let outcomeContinuation = self.outcomeContinuation
        self.core = ReceiverCore(
            path: path, maximumBodyBytes: max(0, configuration.maximumBodyBytes), mutant: configuration.mutant,
            slowAnswer: .nanoseconds(Int64(configuration.slowAnswerSeconds * 1e9)),
            judge: DeliveryJudge(verifier: verifier, mutant: configuration.mutant, maximumBodyBytes: configuration.maximumBodyBytes),
            ledger: ledger, clock: configuration.clock, jobs: jobsContinuation,
            report: { outcomeContinuation.yield($0) })
    }

    /// Starts listening; returns the bound port (the free one chosen when the configured port is 0).
    public func start() async throws(ReceiverError) -> Int {
        let alreadyRunning = run.withLockedValue { $0.channel != nil || $0.stopped }
        guard !alreadyRunning else { throw .alreadyStarted }
        let core = self.core
        // The slow mutant's own wait must not count as the client being idle.
        let idleSeconds = configuration.idleTimeoutSeconds + (configuration.mutant == .slowAnswer ? configuration.slowAnswerSeconds : 0)
        let idle = TimeAmount.nanoseconds(Int64(idleSeconds * 1e9))
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idle))
                        try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try child.pipeline.syncOperations.addHandler(ReceiverHTTPHandler(core: core))
                    }
                }
                .bind(host: configuration.host, port: configuration.port).get()
        } catch {
            throw .bindFailed(String(describing: error))
        }
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw .bindFailed("no local port after bind")
        }
        let jobs = self.jobs, ledger = self.ledger, processedContinuation = self.processedContinuation
        // Processing happens here, after the answer: the request path only queues (SPEC §6).
        let worker = Task {
            for await delivery in jobs {
                processedContinuation.yield(ledger.markProcessed(delivery))
            }
        }
        let lost = run.withLockedValue { state -> Bool in
            guard state.channel == nil, !state.stopped else { return true }
            state.channel = channel
            state.worker = worker
            return false
        }
        if lost {
            worker.cancel()
            try? await channel.close()
            throw .alreadyStarted
        }
        return port
    }

    /// Stops listening, lets queued deliveries finish processing, and ends both streams. Idempotent.
    public func stop() async {
        let (channel, worker) = run.withLockedValue { state -> ((any Channel)?, Task<Void, Never>?) in
            state.stopped = true
            defer { state.channel = nil; state.worker = nil }
            return (state.channel, state.worker)
        }
        try? await channel?.close()
        core.jobs.finish()
        await worker?.value
        ledger.releaseWaiters()
        processedContinuation.finish()
        outcomeContinuation.finish()
    }
}

/// What every connection's handler shares: immutable settings and thread-safe sinks.
struct ReceiverCore: Sendable {
    let path: String
    let maximumBodyBytes: Int
    let mutant: ReceiverMutant?
    let slowAnswer: TimeAmount
    let judge: DeliveryJudge
    let ledger: DeliveryLedger
    let clock: @Sendable () -> Int64
    let jobs: AsyncStream<AcceptedDelivery>.Continuation
    let report: @Sendable (DeliveryOutcome) -> Void
}
