/// The signature scheme a probe run signs its deliveries with (SPEC §3).
public enum ProbeScheme: String, Sendable, Hashable, CaseIterable, Codable {
    /// Standard Webhooks HMAC-SHA256 (Gemini static webhooks, SPEC §3.1).
    case v1
    /// Standard Webhooks Ed25519 (Gemini dynamic webhooks as seen live, SPEC §3.2).
    case v1a
    /// RS256 JWT in `webhook-signature` over a JWKS (Gemini dynamic webhooks as documented, SPEC §3.3).
    case jwt

    /// What the scheme is, for listings and reports.
    public var summary: String {
        switch self {
        case .v1: "Standard Webhooks v1 (HMAC-SHA256, whsec_ secret)"
        case .v1a: "Standard Webhooks v1a (Ed25519, keys from a JWKS or whpk_)"
        case .jwt: "RS256 JWT in webhook-signature, key by kid from a JWKS"
        }
    }

    /// Whether the scheme signs `id.timestamp.body`, so the `webhook-id` and `webhook-timestamp`
    /// texts are covered by the signature (Standard Webhooks) rather than by token claims.
    public var signsHeaders: Bool { self != .jwt }

    /// Whether the receiver learns its keys from a JWKS the probe serves (SPEC §9.5).
    public var usesJWKS: Bool { self != .v1 }
}

/// The schemes a case runs under; the others report it SKIPPED with the reason.
public struct SchemeSet: Sendable, Hashable {
    /// The schemes included.
    public let members: Set<ProbeScheme>

    /// Every scheme: the generic groups (SPEC §9.1).
    public static let all = SchemeSet(members: Set(ProbeScheme.allCases))
    /// Standard Webhooks only: cases about the signed `webhook-id`/`webhook-timestamp` texts or entry lists.
    public static let standardWebhooks = SchemeSet(members: [.v1, .v1a])
    /// `v1` only.
    public static let v1 = SchemeSet(members: [.v1])
    /// `v1a` only.
    public static let v1a = SchemeSet(members: [.v1a])
    /// `jwt` only.
    public static let jwt = SchemeSet(members: [.jwt])

    /// Whether `scheme` is included.
    public func contains(_ scheme: ProbeScheme) -> Bool { members.contains(scheme) }

    /// `v1, v1a` for listings.
    public var summary: String {
        ProbeScheme.allCases.filter(members.contains).map(\.rawValue).joined(separator: ", ")
    }
}
