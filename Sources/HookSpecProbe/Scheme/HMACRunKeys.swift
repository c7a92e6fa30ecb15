import HookSpecCore

/// The `v1` keys of a run: the secret the receiver trusts and one it cannot know (SPEC §3.1, §9.5).
public struct HMACRunKeys: Sendable {
    /// The secret the receiver trusts.
    public let secret: WebhookSecret
    /// A secret the receiver does not hold (wrong-secret cases, rotation decoys).
    public let foreignSecret: WebhookSecret

    /// Keys around the receiver's `secret`; the foreign secret is fresh.
    public init(secret: WebhookSecret, foreignSecret: WebhookSecret? = nil) {
        self.secret = secret
        self.foreignSecret = foreignSecret ?? Self.freshSecret()
    }

    /// 32 fresh random bytes as a secret; that size is always valid.
    public static func freshSecret() -> WebhookSecret {
        do { return try WebhookSecret.random() } catch { preconditionFailure("a 32-byte random secret is valid: \(error)") }
    }
}
