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

    /// How an outside observer can tell this mutant from the reference.
    public enum Detection: String, Sendable, Hashable, Codable {
        /// Status codes or bodies differ on some request.
        case answers
        /// Only the answer time differs.
        case latency
        /// Answers are identical; only the receiver's processing log shows it (SPEC §10 observation hook).
        case processingLog
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
        }
    }

    /// How the probe can catch it.
    public var detection: Detection {
        switch self {
        case .slowAnswer: .latency
        case .noReplayProtection: .processingLog
        default: .answers
        }
    }

    /// Default delay of `slowAnswer`: past the probe's 2 s warning, under its 10 s failure and its timeout
    /// (SPEC §6). `ReceiverConfiguration.slowAnswerSeconds` changes it, e.g. past 10 s to draw a FAIL.
    public static let slowAnswerSeconds = 3.0
}
