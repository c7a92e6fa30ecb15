/// Everything about an RS256 token check that is a choice rather than a key (SPEC §3.3).
public struct TokenPolicy: Sendable, Hashable {
    /// What to do with the `request_body_sha256` claim.
    public enum BodyBinding: String, Sendable, Hashable, Codable {
        /// Check it when the token carries it; accept tokens without it.
        case checkWhenPresent = "check_when_present"
        /// Reject tokens without it (`body_hash_missing`).
        case required
    }

    /// The claim that binds a token to the raw body: lowercase hex SHA-256 (SPEC §3.3).
    public static let bodyHashClaim = "request_body_sha256"

    /// Algorithms accepted, owned by the verifier and never read from the token (RFC 8725 §3.1).
    /// Only RS256 has an implementation; the list exists so that the check reads as an allow-list.
    /// Computed, not stored: a stored set was one more reference to retain on every copy of the policy.
    public var allowedAlgorithms: Set<String> { Self.rs256Only }
    private static let rs256Only: Set<String> = ["RS256"]
    /// The audience `aud` must contain.
    public var audience: String
    /// The issuer `iss` must equal, when set.
    public var issuer: String?
    /// Clock skew allowed on `exp`, `nbf` and a future `iat`, in seconds.
    public var leewaySeconds: Int64
    /// Oldest `iat` accepted, in seconds before `now` (SPEC §4's tolerance).
    public var issuedAtToleranceSeconds: Int64
    /// Whether a token without `exp` is rejected.
    public var requireExpiration: Bool
    /// Body binding rule.
    public var bodyBinding: BodyBinding
    /// Whether `jwk`, `jku`, `x5u`, `x5c` in the header reject the token. They are never used
    /// either way; rejecting is the strict default because a sender that offers keys in a
    /// token is either confused or attacking.
    public var rejectEmbeddedKeys: Bool
    /// Largest token accepted, in bytes.
    public var maximumTokenBytes: Int

    public init(
        audience: String,
        issuer: String? = nil,
        leewaySeconds: Int64 = 60,
        issuedAtToleranceSeconds: Int64 = TimestampPolicy.strict.toleranceSeconds,
        requireExpiration: Bool = true,
        bodyBinding: BodyBinding = .checkWhenPresent,
        rejectEmbeddedKeys: Bool = true,
        maximumTokenBytes: Int = CompactJWS.defaultMaximumBytes
    ) {
        self.audience = audience
        self.issuer = issuer
        self.leewaySeconds = leewaySeconds
        self.issuedAtToleranceSeconds = issuedAtToleranceSeconds
        self.requireExpiration = requireExpiration
        self.bodyBinding = bodyBinding
        self.rejectEmbeddedKeys = rejectEmbeddedKeys
        self.maximumTokenBytes = maximumTokenBytes
    }
}
