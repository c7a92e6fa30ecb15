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
    /// Unix seconds, from the caller's clock.
    public var clock: @Sendable () -> Double

    /// A configuration with defaults: real time, disabled after one failed event, 10 s per attempt.
    public init(
        host: String = "127.0.0.1", port: Int = 0, timeFactor: Double = 1, disableAfterFailedEvents: Int = 1,
        deliveryTimeoutSeconds: Double = 10, clock: @escaping @Sendable () -> Double
    ) {
        self.host = host
        self.port = port
        self.timeFactor = timeFactor
        self.disableAfterFailedEvents = disableAfterFailedEvents
        self.deliveryTimeoutSeconds = deliveryTimeoutSeconds
        self.clock = clock
    }
}

/// One delivery attempt the emulator made, for `GET /hookspec/deliveries` and tests.
public struct EmulatorAttempt: Sendable, Hashable {
    /// The webhook.
    public let webhookID: String
    /// `webhook-id` of the event (the same on every attempt).
    public let eventID: String
    /// Event type.
    public let type: String
    /// 1-based.
    public let attempt: Int
    /// Status answered, or nil when the request failed (connection, timeout).
    public let status: Int?
    /// Signature entries sent (one per live secret).
    public let entries: Int
}
