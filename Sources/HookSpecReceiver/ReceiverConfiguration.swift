import Foundation
import HookSpecCore

/// Everything a `WebhookReceiver` needs: where it listens, its keys, limits and (for tests) a mutant.
public struct ReceiverConfiguration: Sendable {
    /// Address to bind; loopback by default.
    public var host: String
    /// Port to bind; 0 picks a free one, reported by `start()`.
    public var port: Int
    /// The one path that takes deliveries.
    public var path: String
    /// The scheme verified.
    public var scheme: ReceiverScheme
    /// A path whose GET lists the processed ids once processing is idle (SPEC §10 observation hook); nil: none.
    public var processingLogPath: String?
    /// `v1` secrets, tried in order (rotation).
    public var secrets: [WebhookSecret]
    /// `v1a` public keys, tried in order (before the JWKS's keys, if there is one).
    public var publicKeys: [Ed25519PublicKey]
    /// The JWKS URL: `jwt` keys, or `v1a` keys beside `publicKeys`.
    public var jwksURL: String?
    /// `jwt`: claim rules (audience, issuer, leeway, body binding).
    public var tokenPolicy: TokenPolicy?
    /// JWKS cache timing and refetch bounds.
    public var jwksCache: JWKSCache.Configuration
    /// Deadline of one JWKS fetch, in seconds (above 0, at most `longestJWKSFetchTimeoutSeconds`).
    public var jwksFetchTimeoutSeconds: Double
    /// The longest JWKS fetch deadline a receiver accepts.
    public static let longestJWKSFetchTimeoutSeconds = 60.0
    /// How the JWKS is fetched (URLSession unless a test injects another).
    public var documentFetcher: any DocumentFetching
    /// Verification policy; strict by default.
    public var policy: VerificationPolicy
    /// Largest body read; a larger one is answered 413 without reading it.
    public var maximumBodyBytes: Int
    /// Ids kept for replay detection at most (the store also evicts by age).
    public var replayCapacity: Int
    /// The rule to break, or nil for the reference receiver.
    public var mutant: ReceiverMutant?
    /// Seconds a connection may stay silent before it is closed (a client that never finishes its request).
    public var idleTimeoutSeconds: Double
    /// Seconds from accepting a connection to the end of the request head, however steadily bytes arrive.
    public var headDeadlineSeconds: Double
    /// Seconds from the end of the head to the end of the body, however steadily bytes arrive.
    public var bodyDeadlineSeconds: Double
    /// Connections open at once; further clients wait in the listen backlog.
    public var maximumConnections: Int
    /// Accepted deliveries waiting for processing at most; past it a delivery is processed before
    /// its answer (late, never refused: see `DeliveryLedger.Processing.inline`).
    public var deliveryQueueCapacity: Int
    /// How long the `slowAnswer` mutant holds a valid delivery (0 to 600 s); ignored otherwise.
    public var slowAnswerSeconds: Double
    /// Unix seconds now; a parameter so tests can move time.
    public var clock: @Sendable () -> Int64

    /// A loopback receiver on a free port at `/hook`.
    public init(
        host: String = "127.0.0.1", port: Int = 0, path: String = "/hook", scheme: ReceiverScheme = .v1, processingLogPath: String? = nil,
        secrets: [WebhookSecret] = [], publicKeys: [Ed25519PublicKey] = [],
        jwksURL: String? = nil, tokenPolicy: TokenPolicy? = nil, jwksCache: JWKSCache.Configuration = .init(),
        jwksFetchTimeoutSeconds: Double = 5, documentFetcher: any DocumentFetching = URLSessionDocumentFetcher(),
        policy: VerificationPolicy = .strict, maximumBodyBytes: Int = 1 << 20, replayCapacity: Int = 100_000,
        idleTimeoutSeconds: Double = 30, headDeadlineSeconds: Double = 10, bodyDeadlineSeconds: Double = 30,
        maximumConnections: Int = 512, deliveryQueueCapacity: Int = 10_000,
        mutant: ReceiverMutant? = nil, slowAnswerSeconds: Double = ReceiverMutant.slowAnswerSeconds,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970.rounded(.down)) }
    ) {
        self.host = host
        self.port = port
        self.path = path
        self.scheme = scheme
        self.processingLogPath = processingLogPath
        self.secrets = secrets
        self.publicKeys = publicKeys
        self.jwksURL = jwksURL
        self.tokenPolicy = tokenPolicy
        self.jwksCache = jwksCache
        self.jwksFetchTimeoutSeconds = jwksFetchTimeoutSeconds
        self.documentFetcher = documentFetcher
        self.policy = policy
        self.maximumBodyBytes = maximumBodyBytes
        self.replayCapacity = replayCapacity
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.headDeadlineSeconds = headDeadlineSeconds
        self.bodyDeadlineSeconds = bodyDeadlineSeconds
        self.maximumConnections = maximumConnections
        self.deliveryQueueCapacity = deliveryQueueCapacity
        self.mutant = mutant
        self.slowAnswerSeconds = slowAnswerSeconds
        self.clock = clock
    }
}

/// Why a receiver could not start.
public enum ReceiverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The scheme's keys are missing: no secret (`v1`), no public key or JWKS (`v1a`), no JWKS (`jwt`).
    case noKeys
    /// The mutant breaks a rule of another scheme.
    case mutantNotForScheme(mutant: String, scheme: String)
    /// `jwt` without an audience to check.
    case noAudience
    /// The JWKS URL is not an absolute http(s) URL.
    case badJWKSURL(String)
    /// The JWKS fetch timeout is not above 0 and at most 60 seconds.
    case badFetchTimeout(Double)
    /// The path does not start with `/` or holds a space, control character, `?` or `#`.
    case badPath(String)
    /// The port is not 0 to 65535.
    case badPort(Int)
    /// The slow-answer delay is not 0 to 600 seconds.
    case badDelay(Double)
    /// The idle timeout is not above 0 and at most 3600 seconds.
    case badIdleTimeout(Double)
    /// A connection limit or the queue capacity is out of range.
    case badLimit(String)
    /// `start()` was called on a receiver that is running or was stopped.
    case alreadyStarted
    /// The listening socket could not be opened.
    case bindFailed(String)

    /// The reason in one line, for the command line.
    public var description: String {
        switch self {
        case .noKeys: "the receiver needs its scheme's keys: a secret (v1), a whpk_ key or JWKS URL (v1a), a JWKS URL (jwt)"
        case .mutantNotForScheme(let mutant, let scheme): "mutant \(mutant) does not apply to scheme \(scheme)"
        case .noAudience: "a jwt receiver needs an audience"
        case .badJWKSURL(let url): "JWKS URL \(url) is not an absolute http(s) URL"
        case .badFetchTimeout(let seconds): "JWKS fetch timeout \(seconds) s is not above 0 and at most \(Int(ReceiverConfiguration.longestJWKSFetchTimeoutSeconds))"
        case .badPath(let path): "receiver path \(path) must start with / and hold no spaces, ? or #"
        case .badPort(let port): "receiver port \(port) is not 0 to 65535"
        case .badDelay(let seconds): "slow-answer delay \(seconds) s is not 0 to 600"
        case .badIdleTimeout(let seconds): "idle timeout \(seconds) s is not above 0 and at most 3600"
        case .badLimit(let why): "receiver limit: \(why)"
        case .alreadyStarted: "the receiver is already running"
        case .bindFailed(let why): "cannot listen: \(why)"
        }
    }
}
