import HookSpecReport

/// A case's verdict, exactly the kinds of SPEC §9.2: the report layer's enum, so the probe and
/// every writer share one vocabulary.
public typealias ProbeVerdict = ReportVerdict

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
