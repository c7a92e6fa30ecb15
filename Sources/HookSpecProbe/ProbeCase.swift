/// The groups of SPEC §9.1, in run order (baseline first, §9.3).
public enum ProbeGroup: String, Sendable, Hashable, CaseIterable, Codable {
    case baseline, hdr, sig, rot, v1a, jwt, ts, replay, body, env, resp

    /// What the group checks, for listings and report suites.
    public var summary: String {
        switch self {
        case .baseline: "valid deliveries the receiver must accept (calibration)"
        case .hdr: "webhook-* headers: missing, empty, duplicated, re-cased"
        case .sig: "v1 signatures: wrong, truncated, prefix, non-canonical"
        case .rot: "several signature entries: rotation, decoys, malformed entry shapes"
        case .v1a: "v1a Ed25519 signatures: keys across the JWKS, wrong keys, malleability, key confusion"
        case .jwt: "RS256 tokens: algorithms, kid, claims, embedded and remote keys, body binding, rotation"
        case .ts: "timestamps: stale, future, boundary, non-canonical"
        case .replay: "the same webhook-id delivered again"
        case .body: "raw body handling: tampering, unusual valid JSON, odd bytes"
        case .env: "envelopes and every catalog event type"
        case .resp: "answer codes, answer time, leaks in error bodies"
        }
    }

    /// The schemes the group's cases run under (a case may narrow it further).
    public var schemes: SchemeSet {
        switch self {
        case .sig: .v1
        case .rot: .standardWebhooks
        case .v1a: .v1a
        case .jwt: .jwt
        case .baseline, .hdr, .ts, .replay, .body, .env, .resp: .all
        }
    }
}

/// How much a FAIL of the case matters to the receiver's owner (SPEC §9.1).
public enum ProbeSeverity: String, Sendable, Hashable, CaseIterable, Codable {
    case critical, high, medium, low, info
}

/// One request of the catalog with the rule it checks and the answers it accepts (SPEC §9.1).
///
/// A case is data plus a pure builder: the runner gives it a context (the run's scheme and keys,
/// fresh ids, `now`) and gets back the signed requests it sends, so a case never touches the network.
public struct ProbeCase: Sendable, Identifiable {
    /// Stable `group/number`, e.g. `sig/3`; never renumbered once published.
    public let id: String
    /// The group of SPEC §9.1.
    public let group: ProbeGroup
    /// The stored number within the group (never derived from a position).
    public let number: Int
    /// One line: what is sent.
    public let title: String
    /// The rule the receiver must follow, in one sentence.
    public let rule: String
    /// Where the rule comes from (`SPEC §3.1`, `Standard Webhooks: Verifying`, ...).
    public let reference: String
    /// Weight of a FAIL.
    public let severity: ProbeSeverity
    /// Accepted answers and the preferred one.
    public let expectation: AnswerExpectation
    /// The schemes it runs under; SKIPPED with the reason under the others.
    public let schemes: SchemeSet
    /// Sends a body of a megabyte or more; runs only with `--large-bodies` (SPEC §9.8).
    public let isLargeBody: Bool
    /// The id must be processed at most once; checked where the target lets the probe observe it (SPEC §4, §10).
    public let requiresSingleProcessing: Bool
    /// Every request of a sequence is graded by `expectation` (the worst grade counts), instead of
    /// the earlier ones being lead-ins that must be delivered.
    public let gradesEveryRequest: Bool
    /// Grades what was observed besides the answers (JWKS fetches); nil when the answers decide alone.
    public let observationRule: ObservationRule?
    /// Builds the requests, in sending order; the last one is graded by `expectation`,
    /// every earlier one must be delivered (2xx) for the case to be conclusive. A thrown error is ERROR.
    public let build: @Sendable (CaseContext) throws -> [PreparedRequest]

    /// A single-request case whose request is one delivery draft.
    public init(
        _ group: ProbeGroup, _ number: Int, _ title: String,
        rule: String, reference: String, severity: ProbeSeverity,
        expect expectation: AnswerExpectation, schemes: SchemeSet? = nil, largeBody: Bool = false,
        observing observationRule: ObservationRule? = nil,
        draft: @escaping @Sendable (CaseContext) throws -> DeliveryDraft
    ) {
        self.init(
            group: group, number: number, title: title, rule: rule, reference: reference, severity: severity,
            expectation: expectation, schemes: schemes ?? group.schemes, largeBody: largeBody, singleProcessing: false,
            gradesEveryRequest: false, observationRule: observationRule, build: { context in [try draft(context).prepared(with: context)] }
        )
    }

    /// A case that sends several requests; the last one is graded. With `singleProcessing` (replay)
    /// they share one id that must be processed at most once.
    public static func sequence(
        _ group: ProbeGroup, _ number: Int, _ title: String,
        rule: String, reference: String, severity: ProbeSeverity,
        expect expectation: AnswerExpectation, schemes: SchemeSet? = nil, singleProcessing: Bool = true, gradesEveryRequest: Bool = false,
        observing observationRule: ObservationRule? = nil,
        requests: @escaping @Sendable (CaseContext) throws -> [PreparedRequest]
    ) -> ProbeCase {
        ProbeCase(
            group: group, number: number, title: title, rule: rule, reference: reference, severity: severity,
            expectation: expectation, schemes: schemes ?? group.schemes, largeBody: false, singleProcessing: singleProcessing,
            gradesEveryRequest: gradesEveryRequest, observationRule: observationRule, build: requests
        )
    }

    private init(
        group: ProbeGroup, number: Int, title: String, rule: String, reference: String, severity: ProbeSeverity,
        expectation: AnswerExpectation, schemes: SchemeSet, largeBody: Bool, singleProcessing: Bool,
        gradesEveryRequest: Bool, observationRule: ObservationRule?, build: @escaping @Sendable (CaseContext) throws -> [PreparedRequest]
    ) {
        precondition(number > 0, "case numbers start at 1")
        precondition(group.schemes.members.isSuperset(of: schemes.members), "\(group.rawValue)/\(number) runs under a scheme its group does not")
        self.id = "\(group.rawValue)/\(number)"
        self.group = group
        self.number = number
        self.title = title
        self.rule = rule
        self.reference = reference
        self.severity = severity
        self.expectation = expectation
        self.schemes = schemes
        self.isLargeBody = largeBody
        self.requiresSingleProcessing = singleProcessing
        self.gradesEveryRequest = gradesEveryRequest
        self.observationRule = observationRule
        self.build = build
    }
}

/// Common references, spelled once so reports group them consistently.
enum Reference {
    static let verifying = "Standard Webhooks: Verifying"
    static let guidePractices = "Gemini guide: best practices"
    static let rfc9110Fields = "RFC 9110 §5"
    static let rfc8725 = "RFC 8725"
    static let guideDynamic = "Gemini guide: dynamic webhooks"
}
