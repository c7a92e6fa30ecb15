/// One thing a strict webhook sender must get right, checked on every delivery `hookspec listen` receives.
public enum SenderRule: String, Sendable, Hashable, CaseIterable {
    case scheme = "scheme"
    case contentType = "content-type"
    case idPresent = "id-present"
    case idUnique = "id-unique"
    case timestampCanonical = "timestamp-canonical"
    case signatureCanonical = "signature-canonical"
    case signatureValid = "signature-valid"
    case everyLiveKey = "every-live-key"
    case timestampFresh = "timestamp-fresh"
    case envelope = "envelope"
    case retry = "retry"

    /// The rule in one sentence.
    public var sentence: String {
        switch self {
        case .scheme: "webhook-signature uses a known scheme (v1, v1a or an RS256 jwt)"
        case .contentType: "content-type is application/json"
        case .idPresent: "exactly one non-empty webhook-id"
        case .idUnique: "a webhook-id names one event: every delivery under it carries the same body"
        case .timestampCanonical: "webhook-timestamp is canonical decimal Unix seconds"
        case .signatureCanonical: "every signature entry is well formed with canonical base64 of the right length"
        case .signatureValid: "the signature verifies with the configured keys"
        case .everyLiveKey: "one entry per live secret or key: each configured key signs, no entry is unaccounted for"
        case .timestampFresh: "webhook-timestamp is within the tolerance of the local clock"
        case .envelope: "the body is an envelope valid against the event catalog"
        case .retry: "a retry keeps its webhook-id and body and carries a fresh timestamp and signature"
        }
    }

    /// Where the rule comes from.
    public var reference: String {
        switch self {
        case .scheme, .signatureValid: "SPEC §3"
        case .contentType, .envelope: "SPEC §5"
        case .idPresent, .idUnique, .retry: "SPEC §6, §10"
        case .timestampCanonical, .timestampFresh: "SPEC §4"
        case .signatureCanonical, .everyLiveKey: "SPEC §3.1, §3.2"
        }
    }
}

/// How one rule came out on one delivery.
public struct RuleResult: Sendable, Hashable {
    /// The verdict of one rule.
    public enum Verdict: Sendable, Hashable {
        case passed
        case failed
        /// Not applicable or not checkable (no keys for the scheme, no previous attempt).
        case skipped
    }

    /// The rule.
    public let rule: SenderRule
    /// Its verdict.
    public let verdict: Verdict
    /// What was seen, in one line; never key material.
    public let detail: String

    /// A result.
    public init(_ rule: SenderRule, _ verdict: Verdict, _ detail: String) {
        self.rule = rule
        self.verdict = verdict
        self.detail = detail
    }
}
