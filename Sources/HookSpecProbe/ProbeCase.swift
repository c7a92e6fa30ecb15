/// The groups of SPEC §9.1 that the `v1` battery uses, in run order (baseline first, §9.3).
public enum ProbeGroup: String, Sendable, Hashable, CaseIterable, Codable {
    case baseline, hdr, sig, rot, ts, replay, body, env, resp

    /// What the group checks, for listings and report suites.
    public var summary: String {
        switch self {
        case .baseline: "valid deliveries the receiver must accept (calibration)"
        case .hdr: "webhook-* headers: missing, empty, duplicated, re-cased"
        case .sig: "v1 signatures: wrong, truncated, prefix, non-canonical"
        case .rot: "several signature entries: rotation, decoys, malformed entries"
        case .ts: "timestamps: stale, future, boundary, non-canonical"
        case .replay: "the same webhook-id delivered again"
        case .body: "raw body handling: tampering, unusual valid JSON, odd bytes"
        case .env: "envelopes and every catalog event type"
        case .resp: "answer codes, answer time, leaks in error bodies"
        }
    }
}

/// How much a FAIL of the case matters to the receiver's owner (SPEC §9.1).
public enum ProbeSeverity: String, Sendable, Hashable, CaseIterable, Codable {
    case critical, high, medium, low, info
}

/// One request of the catalog with the rule it checks and the answers it accepts (SPEC §9.1).
///
/// A case is data plus a pure builder: the runner gives it a context (secrets, fresh ids,
/// `now`) and gets back the signed requests it sends, so a case never touches the network.
public struct ProbeCase: Sendable, Identifiable {
    /// Stable `group/number`, e.g. `sig/3`; never renumbered once published.
    public let id: String
    /// The group of SPEC §9.1.
    public let group: ProbeGroup
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
    /// Sends a body of a megabyte or more; runs only with `--large-bodies` (SPEC §9.8).
    public let isLargeBody: Bool
    /// The id must be processed at most once; checked where the target lets the probe observe it (SPEC §4, §10).
    public let requiresSingleProcessing: Bool
    /// Builds the requests, in sending order; the last one is graded by `expectation`,
    /// every earlier one must be delivered (2xx) for the case to be conclusive.
    public let build: @Sendable (CaseContext) -> [PreparedRequest]

    /// A single-request case whose request is one delivery draft.
    public init(
        _ group: ProbeGroup, _ number: Int, _ title: String,
        rule: String, reference: String, severity: ProbeSeverity,
        expect expectation: AnswerExpectation, largeBody: Bool = false,
        draft: @escaping @Sendable (CaseContext) -> DeliveryDraft
    ) {
        self.init(
            group: group, number: number, title: title, rule: rule, reference: reference, severity: severity,
            expectation: expectation, largeBody: largeBody, singleProcessing: false,
            build: { context in [draft(context).prepared(with: context)] }
        )
    }

    /// A case that sends several requests with one id (replay); the last one is graded and
    /// the id must be processed at most once.
    public static func sequence(
        _ group: ProbeGroup, _ number: Int, _ title: String,
        rule: String, reference: String, severity: ProbeSeverity,
        expect expectation: AnswerExpectation,
        requests: @escaping @Sendable (CaseContext) -> [PreparedRequest]
    ) -> ProbeCase {
        ProbeCase(
            group: group, number: number, title: title, rule: rule, reference: reference, severity: severity,
            expectation: expectation, largeBody: false, singleProcessing: true, build: requests
        )
    }

    private init(
        group: ProbeGroup, number: Int, title: String, rule: String, reference: String, severity: ProbeSeverity,
        expectation: AnswerExpectation, largeBody: Bool, singleProcessing: Bool, build: @escaping @Sendable (CaseContext) -> [PreparedRequest]
    ) {
        self.id = "\(group.rawValue)/\(number)"
        self.group = group
        self.title = title
        self.rule = rule
        self.reference = reference
        self.severity = severity
        self.expectation = expectation
        self.isLargeBody = largeBody
        self.requiresSingleProcessing = singleProcessing
        self.build = build
    }
}

/// Common references, spelled once so reports group them consistently.
enum Reference {
    static let verifying = "Standard Webhooks: Verifying"
    static let guidePractices = "Gemini guide: best practices"
    static let rfc9110Fields = "RFC 9110 §5"
}
