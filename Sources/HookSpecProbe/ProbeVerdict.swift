/// A case's verdict, exactly the kinds of SPEC §9.2.
public enum ProbeVerdict: String, Sendable, Hashable, CaseIterable, Codable {
    case pass = "PASS"
    case fail = "FAIL"
    /// An accepted answer that is not the preferred one; FAIL under `--strict`.
    case nonStrict = "NON-STRICT"
    /// Refused as it must be, but with a 4xx other than 400/401/403 (SPEC §9.2); FAIL only under `--strict-codes`.
    case wrongCode = "WRONG-CODE"
    /// Observed, graded by no rule.
    case info = "INFO"
    /// The baseline failed, so this rejection proves nothing.
    case inconclusive = "INCONCLUSIVE"
    /// The harness or the network failed.
    case error = "ERROR"
    /// Excluded, or not applicable.
    case skipped = "SKIPPED"
}

/// A verdict with the sentence that explains it.
public struct Grade: Sendable, Hashable {
    /// The verdict.
    public let verdict: ProbeVerdict
    /// Why, in one or two sentences: what came back against what the rule wants.
    public let reason: String

    /// A grade.
    public init(_ verdict: ProbeVerdict, _ reason: String) {
        self.verdict = verdict
        self.reason = reason
    }
}
