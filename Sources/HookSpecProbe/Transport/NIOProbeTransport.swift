import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Sends each `ProbeRequest` byte for byte over its own connection and reads the HTTP/1.1 answer.
///
/// Never follows redirects (a 3xx is an answer like any other), never throws: every outcome is a
/// `ProbeAnswer` within `configuration.totalTimeoutSeconds`. The event loop group belongs to the
/// caller, who shuts it down after the last `send` returned.
public struct NIOProbeTransport: ProbeTransport {
    /// Where requests go.
    public let target: ProbeTarget
    /// Timeouts, limits, certificate trust.
    public let configuration: TransportConfiguration
    private let group: any EventLoopGroup
    private let tlsContext: NIOSSLContext?
    private let rateLimiter: RequestRateLimiter?
    private let budget: RequestBudget?

    /// A transport to `target`; loads the CA file now so a bad one fails before any request.
    public init(
        target: ProbeTarget, configuration: TransportConfiguration = .init(), group: any EventLoopGroup,
        rateLimiter: RequestRateLimiter? = nil, budget: RequestBudget? = nil
    ) throws(TransportSetupError) {
        guard configuration.totalTimeoutSeconds > 0, configuration.totalTimeoutSeconds.isFinite else {
            throw .badTimeout("total timeout must be a positive number of seconds")
        }
        guard configuration.connectTimeoutSeconds > 0, configuration.connectTimeoutSeconds.isFinite else {
            throw .badTimeout("connect timeout must be a positive number of seconds")
        }
        guard configuration.maximumResponseHeadBytes > 0, configuration.maximumResponseHeaderFields > 0,
            configuration.maximumInformationalResponses >= 0, configuration.maximumResponseBodyBytes >= 0
        else {
            throw .badLimit("response limits must be positive (informational answers and body bytes may be 0)")
        }
        self.target = target
        self.configuration = configuration
        self.group = group
        self.rateLimiter = rateLimiter
        self.budget = budget
        self.tlsContext = target.scheme == .https ? try Self.makeTLSContext(trust: configuration.trust) : nil
    }

    /// Sends `request` on a new connection; budget first, then the rate limit, then the wire.
    public func send(_ request: ProbeRequest) async -> ProbeAnswer {
        if let budget, await !budget.take() {
            return .transportFailure(.budgetExhausted(limit: budget.limit))
        }
        if let rateLimiter { await rateLimiter.acquire() }

        let loop = group.next()
        let promise = loop.makePromise(of: ProbeAnswer.self)
        let total = configuration.totalTimeoutSeconds
        let connectSeconds = min(configuration.connectTimeoutSeconds, total)
        let deadline = NIODeadline.now() + .nanoseconds(Int64(total * 1e9))
        let wire = ProbeRequestWire.bytes(for: request, target: target)
        // The decoder only needs the method (HEAD answers have no body); the URI is informational.
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: target.requestTarget)
        let limits = ResponseLimits(configuration)
        let decoderLimits = limits.decoderConfiguration
        let tlsContext = self.tlsContext
        let serverName = target.isIPLiteral ? nil : target.host

        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.nanoseconds(Int64(connectSeconds * 1e9)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let times = ExchangeTimes()
                    let sync = channel.pipeline.syncOperations
                    if let tlsContext {
                        try sync.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverName))
                    }
                    try sync.addHandler(RawRequestWriter(wireBytes: wire, times: times))
                    // 1xx heads are forwarded so the collector can count them against their cap.
                    try sync.addHandler(ByteToMessageHandler(HTTPResponseDecoder(
                        leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .forward, limitConfiguration: decoderLimits)))
                    try sync.addHandler(ResponseCollector(
                        requestHead: head, promise: promise, deadline: deadline,
                        totalTimeoutSeconds: total, limits: limits, times: times))
                }
            }
        bootstrap.connect(host: target.host, port: target.port).whenFailure { error in
            promise.succeed(.transportFailure(TransportErrorMapping.failure(for: error, connectTimeoutSeconds: connectSeconds)))
        }
        // The promise never fails: every path above succeeds it with an answer or a failure.
        return (try? await promise.futureResult.get()) ?? .transportFailure(.other("exchange ended without an answer"))
    }

    private static func makeTLSContext(trust: CertificateTrust) throws(TransportSetupError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch trust {
        case .system:
            break
        case .systemAnd(let path):
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw .caFileUnreadable(path: path, reason: String(describing: error))
            }
            guard !certificates.isEmpty else { throw .caFileUnreadable(path: path, reason: "no PEM certificate in it") }
            tls.additionalTrustRoots = [.certificates(certificates)]
        case .insecure:
            tls.certificateVerification = .none
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw .tlsConfiguration(String(describing: error))
        }
    }
}
