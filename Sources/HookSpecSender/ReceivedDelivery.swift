import HookSpecCore

/// One request as `hookspec listen` received it, byte for byte.
public struct ReceivedDelivery: Sendable, Hashable {
    /// 1-based arrival order.
    public let index: Int
    /// Unix seconds (fractional) at arrival, from the listener's clock.
    public let receivedAt: Double
    /// The request target.
    public let path: String
    /// Header fields in the order sent.
    public let headers: HeaderFields
    /// The raw body.
    public let body: [UInt8]

    /// A received request.
    public init(index: Int, receivedAt: Double, path: String, headers: HeaderFields, body: [UInt8]) {
        self.index = index
        self.receivedAt = receivedAt
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// A delivery with what the listener made of it and answered.
public struct InspectedDelivery: Sendable, Hashable {
    /// The request.
    public let delivery: ReceivedDelivery
    /// The scheme read from `webhook-signature`.
    public let scheme: DetectedScheme
    /// `webhook-id` when exactly one was sent.
    public let id: String?
    /// The envelope `type` when the body has a string one.
    public let eventType: String?
    /// 1 for the first delivery of an id, 2 for its first retry, ...
    public let attempt: Int
    /// Seconds since the previous attempt of the same id (nil for a first attempt).
    public let delaySeconds: Double?
    /// The status answered.
    public let status: Int
    /// One result per rule.
    public let results: [RuleResult]

    /// Whether any rule failed.
    public var failed: Bool { results.contains { $0.verdict == .failed } }
}
