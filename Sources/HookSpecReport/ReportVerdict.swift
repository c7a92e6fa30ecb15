/// A case's verdict in the names people read (SPEC §9.2), in the order summaries list them.
public enum ReportVerdict: String, Sendable, Hashable, CaseIterable, Codable {
    case pass = "PASS"
    case fail = "FAIL"
    /// Accepted, but not the preferred answer; FAIL under `--strict`.
    case nonStrict = "NON-STRICT"
    /// Refused as it must be, but with a 4xx other than the preferred 400/401/403.
    case wrongCode = "WRONG-CODE"
    /// Observed, graded by no rule.
    case info = "INFO"
    /// The baseline failed, so this rejection proves nothing.
    case inconclusive = "INCONCLUSIVE"
    /// The harness or the network failed.
    case error = "ERROR"
    /// Excluded, or not applicable.
    case skipped = "SKIPPED"

    /// The verdict a case without one of its own gets from its JUnit outcome.
    public init(_ kind: ReportOutcomeKind) {
        switch kind {
        case .passed: self = .pass
        case .failed: self = .fail
        case .error: self = .error
        case .skipped: self = .skipped
        }
    }

    /// Whether a person must act on it: the cases every summary lists (SPEC §9.7).
    public var isFinding: Bool { self == .fail || self == .nonStrict || self == .wrongCode }

    /// Whether it is about the receiver accepting what it should refuse (FAIL, NON-STRICT), as
    /// opposed to a note on the answer code of a refusal (WRONG-CODE): acceptance is listed first.
    public var isAcceptanceFinding: Bool { self == .fail || self == .nonStrict }
}
