/// How the emulator signs dynamic-webhook deliveries (SPEC §3.2, §3.3): Gemini's documentation
/// says an RS256 JWT, live deliveries carry a Standard Webhooks `v1a` Ed25519 signature.
public enum DynamicScheme: String, Sendable, Hashable, CaseIterable {
    /// `webhook-signature: v1a,<base64 Ed25519>` over `id.timestamp.body`.
    case v1a
    /// `webhook-signature: <RS256 compact JWS>` with `kid`, `aud`, `iat`, `exp` and the body hash.
    case jwt
}
