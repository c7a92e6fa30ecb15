/// What `hookspec emulate` needs: where to listen, how fast time runs, when to give up on a webhook.
public struct EmulatorConfiguration: Sendable {
    /// Address to bind; loopback by default.
    public var host: String
    /// Port (0 = a free one).
    public var port: Int
    /// Retry delays and the 24 h rotation grace are multiplied by it.
    public var timeFactor: Double
    /// Events whose whole retry schedule failed, in a row, before the webhook is disabled.
    public var disableAfterFailedEvents: Int
    /// Seconds one delivery attempt may take.
    public var deliveryTimeoutSeconds: Double
    /// How dynamic-webhook deliveries are signed.
    public var dynamicScheme: DynamicScheme
    /// The keys dynamic deliveries are signed with; nil: an Ed25519 key made for the run
    /// (`jwt` needs keys with an RSA key).
    public var dynamicKeys: DynamicSigningKeys?
    /// The `aud` of `jwt` delivery tokens.
    public var dynamicAudience: String
    /// The `iss` of `jwt` delivery tokens, if any.
    public var dynamicIssuer: String?
    /// The SQLite file webhooks, their secrets and the dynamic keys are kept in; nil: memory only.
    public var statePath: String?
    /// Unix seconds, from the caller's clock.
    public var clock: @Sendable () -> Double

    /// The `aud` of `jwt` delivery tokens unless the caller names another.
    public static let defaultAudience = "hookspec-emulate"

    /// A configuration with defaults: real time, disabled after one failed event, 10 s per attempt,
    /// dynamic deliveries signed `v1a` with a key made for the run.
    public init(
        host: String = "127.0.0.1", port: Int = 0, timeFactor: Double = 1, disableAfterFailedEvents: Int = 1,
        deliveryTimeoutSeconds: Double = 10, dynamicScheme: DynamicScheme = .v1a, dynamicKeys: DynamicSigningKeys? = nil,
        dynamicAudience: String = defaultAudience, dynamicIssuer: String? = nil, statePath: String? = nil, clock: @escaping @Sendable () -> Double
    ) {
        self.host = host
        self.port = port
        self.timeFactor = timeFactor
        self.disableAfterFailedEvents = disableAfterFailedEvents
        self.deliveryTimeoutSeconds = deliveryTimeoutSeconds
        self.dynamicScheme = dynamicScheme
        self.dynamicKeys = dynamicKeys
        self.dynamicAudience = dynamicAudience
        self.dynamicIssuer = dynamicIssuer
        self.statePath = statePath
        self.clock = clock
    }
}

/// One delivery attempt the emulator made, for `GET /hookspec/deliveries` and tests.
public struct EmulatorAttempt: Sendable, Hashable {
    /// The webhook, or for a dynamic delivery the job whose config named the URI.
    public let webhookID: String
    /// Where it went.
    public let uri: String
    /// `v1` for registered webhooks, the dynamic scheme otherwise.
    public let scheme: String
    /// `webhook-id` of the event (the same on every attempt).
    public let eventID: String
    /// Event type.
    public let type: String
    /// 1-based.
    public let attempt: Int
    /// Status answered, or nil when the request failed (connection, timeout).
    public let status: Int?
    /// Signature entries sent (one per live secret; one for a dynamic delivery).
    public let entries: Int
}
