/// The signature scheme a receiver verifies (SPEC §3).
public enum ReceiverScheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// Standard Webhooks HMAC-SHA256 with `whsec_` secrets (SPEC §3.1).
    case v1
    /// Standard Webhooks Ed25519 with `whpk_` keys or the OKP keys of a JWKS (SPEC §3.2).
    case v1a
    /// An RS256 JWT in `webhook-signature`, keys from a JWKS by `kid` (SPEC §3.3).
    case jwt
}
