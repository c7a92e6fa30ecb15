import HookSpecCore

/// What the embedded reference receiver must trust for a run (SPEC §9.5: the default target).
public struct EmbeddedReceiverSetup: Sendable {
    /// The scheme it verifies.
    public let scheme: ProbeScheme
    /// Its `v1` secret (`v1` only).
    public let secret: WebhookSecret?
    /// The JWKS URL it fetches keys from (`v1a`, `jwt`).
    public let jwksURL: String?
    /// The `aud` it expects (`jwt`).
    public let audience: String
    /// The mutant to run instead of the reference, by name.
    public let mutant: String?

    /// A setup.
    public init(scheme: ProbeScheme, secret: WebhookSecret?, jwksURL: String?, audience: String, mutant: String?) {
        self.scheme = scheme
        self.secret = secret
        self.jwksURL = jwksURL
        self.audience = audience
        self.mutant = mutant
    }
}

/// A started embedded receiver.
public struct EmbeddedReceiverHandle: Sendable {
    /// Where it takes deliveries.
    public let url: String
    /// Its processing log, so replay cases can grade "processed once".
    public let observer: (any DeliveryObserver)?
    /// One line for the terminal: what runs where.
    public let description: String
    /// Stops it.
    public let stop: @Sendable () async -> Void

    /// A handle.
    public init(url: String, observer: (any DeliveryObserver)?, description: String, stop: @escaping @Sendable () async -> Void) {
        self.url = url
        self.observer = observer
        self.description = description
        self.stop = stop
    }
}

/// Starts the reference receiver (or a mutant) for a probe run with no URL; the receiver module
/// implements it, so the probe does not depend on the receiver.
public protocol EmbeddedReceiverLauncher: Sendable {
    /// Starts a receiver trusting `setup`'s keys.
    func launch(_ setup: EmbeddedReceiverSetup) async throws -> EmbeddedReceiverHandle
}
