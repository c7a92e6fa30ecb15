/// A request ready to send, with the facts the grader uses on its answer.
public struct PreparedRequest: Sendable {
    /// The bytes to send.
    public let request: ProbeRequest
    /// The `webhook-id` it carries, for replay observation.
    public let webhookID: String?
    /// What a receiver holding the run's keys computes for this request and must never reveal
    /// (the expected `v1` MAC); never printed.
    public let confidential: [[UInt8]]
    /// A change to the JWKS the probe serves, made just before this request is sent (rotation cases).
    public let jwksChange: JWKSChange?

    /// A prepared request.
    public init(request: ProbeRequest, webhookID: String?, confidential: [[UInt8]], jwksChange: JWKSChange? = nil) {
        self.request = request
        self.webhookID = webhookID
        self.confidential = confidential
        self.jwksChange = jwksChange
    }

    /// The same request, sent after `change` is made to the served JWKS.
    public func after(_ change: JWKSChange) -> PreparedRequest {
        PreparedRequest(request: request, webhookID: webhookID, confidential: confidential, jwksChange: change)
    }
}

/// A change to the trusted JWKS during a run (SPEC §9.4: rotation, a key the JWKS no longer lists).
public enum JWKSChange: Sendable, Hashable {
    /// Add the key with this `kid` to the trusted JWKS.
    case publish(keyID: String)
    /// Remove the key with this `kid` from the trusted JWKS.
    case withdraw(keyID: String)
}
