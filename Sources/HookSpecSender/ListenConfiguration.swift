import HookSpecCore

/// What `hookspec listen` needs: where to listen, the keys a correct sender signs with, what to
/// answer and when to stop.
public struct ListenConfiguration: Sendable {
    /// Address to bind; loopback unless the caller says otherwise.
    public var host: String
    /// Port (0 = a free one).
    public var port: Int
    /// `v1` secrets the sender should hold; every live one must sign each delivery.
    public var secrets: [WebhookSecret]
    /// `v1a` public keys; every one must sign each delivery.
    public var publicKeys: [Ed25519PublicKey]
    /// `jwt` key set and claim rules; nil when the sender is not expected to send tokens.
    public var jwks: JSONWebKeySet?
    /// Claim rules for `jwt` deliveries.
    public var tokenPolicy: TokenPolicy?
    /// Largest accepted difference between `webhook-timestamp` and the local clock, in seconds.
    public var toleranceSeconds: Int64
    /// Largest body read, in bytes.
    public var maximumBodyBytes: Int
    /// The answers, attempt by attempt.
    public var answers: AnswerScript
    /// Unix seconds, from the caller's clock.
    public var clock: @Sendable () -> Double

    /// A configuration; everything but the keys has a default.
    public init(
        host: String = "127.0.0.1", port: Int = 0, secrets: [WebhookSecret] = [], publicKeys: [Ed25519PublicKey] = [],
        jwks: JSONWebKeySet? = nil, tokenPolicy: TokenPolicy? = nil, toleranceSeconds: Int64 = 300,
        maximumBodyBytes: Int = 1 << 20, answers: AnswerScript = AnswerScript(), clock: @escaping @Sendable () -> Double
    ) {
        self.host = host
        self.port = port
        self.secrets = secrets
        self.publicKeys = publicKeys
        self.jwks = jwks
        self.tokenPolicy = tokenPolicy
        self.toleranceSeconds = toleranceSeconds
        self.maximumBodyBytes = maximumBodyBytes
        self.answers = answers
        self.clock = clock
    }
}
