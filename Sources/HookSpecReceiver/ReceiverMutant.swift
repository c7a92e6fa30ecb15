/// A deliberately broken receiver: each case breaks ONE rule the way real receivers do (SPEC §9.5).
///
/// The reference receiver consults its mutant at the one point the rule lives, so a mutant is the
/// reference with a single decision changed, never a separate implementation.
public enum ReceiverMutant: String, Sendable, Hashable, CaseIterable, Codable {
    /// Never verifies.
    case acceptAnySignature = "accept-any-signature"
    /// Never checks freshness.
    case skipTimestampCheck = "skip-timestamp-check"
    /// Checks staleness only, never the future.
    case acceptFutureTimestamps = "accept-future-timestamps"
    /// Looks for the expected base64 anywhere in the header.
    case substringSignatureMatch = "substring-signature-match"
    /// Accepts a prefix of the expected signature.
    case truncatedSignatureMatch = "truncated-signature-match"
    /// Reads only the first signature entry.
    case firstEntryOnly = "first-entry-only"
    /// Reads any entry as `v1`, whatever its version.
    case ignoreVersionLabel = "ignore-version-label"
    /// Verifies over re-serialised JSON, not the raw body.
    case reserializedJSON = "reserialized-json"
    /// Uses the whole `whsec_` text as the HMAC key.
    case secretTextAsKey = "secret-text-as-key"
    /// Uses the base64 text after `whsec_`, undecoded, as the key.
    case undecodedSecretAsKey = "undecoded-secret-as-key"
    /// Finds the webhook headers only in lower case.
    case caseSensitiveHeaders = "case-sensitive-headers"
    /// Answers 500 to a malformed signature entry.
    case serverErrorOnMalformedEntry = "500-on-malformed-entry"
    /// Answers 500 to a non-canonical timestamp.
    case serverErrorOnMalformedTimestamp = "500-on-malformed-timestamp"
    /// Answers 409 to a duplicate id.
    case conflictOnDuplicate = "409-on-duplicate"
    /// Processes a duplicate id again.
    case noReplayProtection = "no-replay-protection"
    /// Processes before answering, so valid deliveries are answered late.
    case slowAnswer = "slow-answer"
    /// Puts a stack trace and the start of the expected signature in error bodies.
    case leakyErrorBodies = "leaky-error-bodies"
    /// Redirects the hook path to its trailing-slash form.
    case redirectToTrailingSlash = "redirect-to-trailing-slash"

    // MARK: v1a (SPEC §3.2)

    /// Accepts a non-canonical Ed25519 signature (S >= L), verifying with S reduced mod L.
    case v1aMalleableSignature = "v1a-malleable-signature"
    /// Also accepts a `v1` HMAC entry keyed with a public key's raw bytes (key confusion).
    case v1aPublicKeyAsHMACSecret = "v1a-public-key-as-hmac-secret"
    /// Verifies with the first key only, so rotation across keys breaks.
    case v1aFirstKeyOnly = "v1a-first-key-only"
    /// Also accepts a signature over the body alone, unbound to id and timestamp.
    case v1aBodyOnlySignature = "v1a-body-only-signature"

    // MARK: jwt (SPEC §3.3)

    /// Takes `alg` from the token: `none` (any casing) skips the signature.
    case jwtAlgorithmFromToken = "jwt-alg-from-token"
    /// An unknown or missing `kid` falls back to the first key (vapor/jwt-kit 5.8.0).
    case jwtKeyIDFallback = "jwt-kid-fallback"
    /// Never checks `aud`.
    case jwtNoAudienceCheck = "jwt-no-audience-check"
    /// Accepts a token without `exp`.
    case jwtExpirationOptional = "jwt-exp-optional"
    /// Fetches the key set a token's `jku`/`x5u` names and trusts it.
    case jwtFollowsKeyURL = "jwt-follows-key-url"
    /// Ignores `request_body_sha256`, so the body can be swapped.
    case jwtNoBodyBinding = "jwt-no-body-binding"
    /// Fetches the JWKS on every delivery: no cache, no cool-down.
    case jwtJWKSEveryDelivery = "jwt-jwks-every-delivery"
    /// Accepts HS256 keyed with the RSA public key's PEM text.
    case jwtHS256WithPublicKey = "jwt-hs256-public-key"

    /// How an outside observer can tell this mutant from the reference.
    public enum Detection: String, Sendable, Hashable, Codable {
        /// Status codes or bodies differ on some request.
        case answers
        /// Only the answer time differs.
        case latency
        /// Answers are identical; only the receiver's processing log shows it (SPEC §10 observation hook).
        case processingLog
        /// Answers are identical; only the JWKS host's fetch log shows it (SPEC §9.5).
        case fetchLog
    }

    /// The `--mutant` name.
    public var name: String { rawValue }

    /// What the mutant does wrong, in one line.
    public var summary: String {
        switch self {
        case .acceptAnySignature: "never verifies: any or no signature is accepted"
        case .skipTimestampCheck: "verifies the signature but never checks freshness (stale and future accepted)"
        case .acceptFutureTimestamps: "rejects stale timestamps but accepts any timestamp in the future"
        case .substringSignatureMatch: "accepts when the expected base64 appears anywhere in webhook-signature (the guide's Java/Go samples)"
        case .truncatedSignatureMatch: "accepts an entry whose signature is a prefix of the expected one (compares only the length received)"
        case .firstEntryOnly: "checks only the first webhook-signature entry, so rotation breaks"
        case .ignoreVersionLabel: "ignores the version before the comma: v2,<hmac> or x,<hmac> verifies as v1"
        case .reserializedJSON: "verifies over re-serialised JSON instead of the raw body bytes"
        case .secretTextAsKey: "uses the whole secret text (whsec_ prefix included) as the HMAC key"
        case .undecodedSecretAsKey: "strips whsec_ but uses the base64 text, not its decoding, as the HMAC key"
        case .caseSensitiveHeaders: "finds webhook headers only when written in lower case"
        case .serverErrorOnMalformedEntry: "answers 500 when a webhook-signature entry is malformed (an uncaught parse error)"
        case .serverErrorOnMalformedTimestamp: "answers 500 when webhook-timestamp is not a canonical number (nan, inf, 1e9 ...)"
        case .conflictOnDuplicate: "answers 409 to a duplicate webhook-id, so the sender retries"
        case .noReplayProtection: "processes a duplicate webhook-id again (answers stay 2xx)"
        case .slowAnswer: "processes before answering: valid deliveries are answered after a delay (default \(Int(Self.slowAnswerSeconds)) s)"
        case .leakyErrorBodies: "error bodies carry a stack trace and the start of the expected signature"
        case .redirectToTrailingSlash: "answers 308 to /hook/ (a framework's trailing-slash redirect) instead of handling the delivery"
        case .v1aMalleableSignature: "accepts a non-canonical Ed25519 signature (S >= L), verifying with S reduced mod L"
        case .v1aPublicKeyAsHMACSecret: "also accepts a v1 HMAC entry keyed with a public key's raw bytes (key confusion: the key is public)"
        case .v1aFirstKeyOnly: "verifies with the first key only, so deliveries signed by any other listed key are refused"
        case .v1aBodyOnlySignature: "also accepts an Ed25519 signature over the body alone, so id and timestamp can be changed"
        case .jwtAlgorithmFromToken: "takes alg from the token header: alg none (any casing) is accepted without a signature"
        case .jwtKeyIDFallback: "a token whose kid is unknown or missing is verified with the first JWKS key (vapor/jwt-kit 5.8.0)"
        case .jwtNoAudienceCheck: "never checks aud: a token issued for another receiver is accepted"
        case .jwtExpirationOptional: "accepts a token without exp (it never expires)"
        case .jwtFollowsKeyURL: "fetches the key set named by the token's jku or x5u header and trusts its keys"
        case .jwtNoBodyBinding: "ignores request_body_sha256: a valid token carries any body"
        case .jwtJWKSEveryDelivery: "fetches the JWKS on every delivery (no cache, no cool-down)"
        case .jwtHS256WithPublicKey: "accepts alg HS256 with the RSA public key's PEM text as the HMAC secret (key confusion)"
        }
    }

    /// The rule it breaks, with its reference.
    public var rule: String {
        switch self {
        case .acceptAnySignature: "SPEC §3.1: a delivery verifies only if a v1 entry matches"
        case .skipTimestampCheck: "SPEC §4: fresh only when |now - timestamp| <= 300 s"
        case .acceptFutureTimestamps: "SPEC §4: the tolerance applies in both directions"
        case .substringSignatureMatch: "SPEC §3.1, §2: entries are parsed and compared whole in constant time"
        case .truncatedSignatureMatch: "SPEC §3.1: a v1 signature is exactly 32 bytes and compared whole"
        case .firstEntryOnly: "SPEC §3.1: a delivery verifies if ANY v1 entry matches (rotation)"
        case .ignoreVersionLabel: "SPEC §3.1: entries of other versions are skipped, never read as v1"
        case .reserializedJSON: "SPEC §3.1: the body is the raw request bytes, never re-serialised JSON"
        case .secretTextAsKey, .undecodedSecretAsKey: "SPEC §3.1: the key is the base64 decoding of the secret after whsec_"
        case .caseSensitiveHeaders: "SPEC §3.1: header names are case-insensitive"
        case .serverErrorOnMalformedEntry, .serverErrorOnMalformedTimestamp: "SPEC §6: never 5xx for a bad request"
        case .conflictOnDuplicate: "SPEC §4: a duplicate gets a 2xx answer"
        case .noReplayProtection: "SPEC §4: each webhook-id is processed at most once"
        case .slowAnswer: "SPEC §6: answer 2xx within a few seconds; do the work asynchronously"
        case .leakyErrorBodies: "SPEC §6: error bodies must not leak internals"
        case .redirectToTrailingSlash: "SPEC §6: never a 3xx"
        case .v1aMalleableSignature: "SPEC §3.2, RFC 8032 §5.1.7: S must be below L; a non-canonical signature is refused"
        case .v1aPublicKeyAsHMACSecret: "SPEC §3.2: a v1a receiver verifies Ed25519 entries only; public keys are never secrets"
        case .v1aFirstKeyOnly: "SPEC §3.2: try every key, stop at the first match (rotation)"
        case .v1aBodyOnlySignature: "SPEC §3.2: the signed content is id.timestamp.body"
        case .jwtAlgorithmFromToken: "SPEC §3.3, RFC 8725 §3.1: alg comes from the verifier's allow-list (RS256), never from the token"
        case .jwtKeyIDFallback: "SPEC §3.3: kid must be present and name a key in the JWKS; no fallback"
        case .jwtNoAudienceCheck: "SPEC §3.3: aud must contain the configured audience"
        case .jwtExpirationOptional: "SPEC §3.3: exp must be present and in the future"
        case .jwtFollowsKeyURL: "SPEC §3.3: keys offered in the token (jwk, jku, x5u, x5c) are never used and never fetched"
        case .jwtNoBodyBinding: "SPEC §3.3: request_body_sha256, when present, must match the raw body"
        case .jwtJWKSEveryDelivery: "SPEC §3.3: the JWKS is cached; refetches are bounded by the cool-down"
        case .jwtHS256WithPublicKey: "SPEC §3.3, RFC 8725 §2.1: only RS256; a public key is never an HMAC secret"
        }
    }

    /// The schemes it can be run under: where its rule exists and the receiver consults it.
    public var schemes: Set<ReceiverScheme> {
        switch self {
        case .conflictOnDuplicate, .noReplayProtection, .slowAnswer, .redirectToTrailingSlash, .acceptAnySignature:
            [.v1, .v1a, .jwt]
        case .skipTimestampCheck, .acceptFutureTimestamps, .firstEntryOnly, .reserializedJSON, .caseSensitiveHeaders,
            .serverErrorOnMalformedEntry, .serverErrorOnMalformedTimestamp:
            [.v1, .v1a]
        case .substringSignatureMatch, .truncatedSignatureMatch, .ignoreVersionLabel, .secretTextAsKey, .undecodedSecretAsKey,
            .leakyErrorBodies:
            [.v1]
        case .v1aMalleableSignature, .v1aPublicKeyAsHMACSecret, .v1aFirstKeyOnly, .v1aBodyOnlySignature:
            [.v1a]
        case .jwtAlgorithmFromToken, .jwtKeyIDFallback, .jwtNoAudienceCheck, .jwtExpirationOptional, .jwtFollowsKeyURL,
            .jwtNoBodyBinding, .jwtJWKSEveryDelivery, .jwtHS256WithPublicKey:
            [.jwt]
        }
    }

    /// The mutants that apply to `scheme`, in declaration order.
    public static func applying(to scheme: ReceiverScheme) -> [ReceiverMutant] {
        allCases.filter { $0.schemes.contains(scheme) }
    }

    /// How the probe can catch it.
    public var detection: Detection {
        switch self {
        case .slowAnswer: .latency
        case .noReplayProtection: .processingLog
        case .jwtJWKSEveryDelivery: .fetchLog
        default: .answers
        }
    }

    /// Default delay of `slowAnswer`: past the probe's 2 s warning, under its 10 s failure and its timeout
    /// (SPEC §6). `ReceiverConfiguration.slowAnswerSeconds` changes it, e.g. past 10 s to draw a FAIL.
    public static let slowAnswerSeconds = 3.0
}
