/// Counts of a suite or a whole report, by JUnit's four kinds.
public struct ReportTotals: Sendable, Hashable {
    /// Every case.
    public var tests = 0
    /// Cases that passed (including those with an informative verdict label).
    public var passed = 0
    /// Cases that failed (JUnit `<failure>`).
    public var failures = 0
    /// Cases the harness could not run to an answer (JUnit `<error>`).
    public var errors = 0
    /// Cases not run or not conclusive (JUnit `<skipped>`).
    public var skipped = 0
    /// Sum of the cases' durations, in seconds.
    public var durationSeconds: Double = 0

    /// All counts zero.
    public init() {}

    /// Counts `cases`.
    public init(_ cases: some Sequence<ReportCase>) {
        for reportCase in cases { add(reportCase) }
    }

    /// Adds one case.
    public mutating func add(_ reportCase: ReportCase) {
        tests += 1
        switch reportCase.outcome {
        case .passed: passed += 1
        case .failed: failures += 1
        case .error: errors += 1
        case .skipped: skipped += 1
        }
        if reportCase.durationSeconds.isFinite, reportCase.durationSeconds > 0 {
            durationSeconds += reportCase.durationSeconds
        }
    }

    /// Adds another total.
    public mutating func add(_ other: ReportTotals) {
        tests += other.tests
        passed += other.passed
        failures += other.failures
        errors += other.errors
        skipped += other.skipped
        durationSeconds += other.durationSeconds
    }
}

extension ReportSuite {
    /// Counts of this suite's cases.
    public var totals: ReportTotals { ReportTotals(cases) }
}

extension TestReport {
    /// Counts over every suite.
    public var totals: ReportTotals {
        var total = ReportTotals()
        for suite in suites { total.add(suite.totals) }
        return total
    }
}

extension ReportOutcome {
    /// The outcome without its message, for counting and JSON.
    public var kind: ReportOutcomeKind {
        switch self {
        case .passed: .passed
        case .failed: .failed
        case .error: .error
        case .skipped: .skipped
        }
    }

    /// The one-line message of a non-passing outcome.
    public var message: String? {
        switch self {
        case .passed: nil
        case .failed(let message, _), .error(let message, _), .skipped(let message): message
        }
    }

    /// The longer detail of a failure or error.
    public var detail: String? {
        switch self {
        case .passed, .skipped: nil
        case .failed(_, let detail), .error(_, let detail): detail
        }
    }
}

/// JUnit's four kinds of ending, without their messages.
public enum ReportOutcomeKind: String, Sendable, Hashable, CaseIterable {
    /// The outcome kinds, as JSON reports name them.
    case passed, failed, error, skipped

    /// The label shown when a case carries no verdict label of its own.
    public var defaultLabel: String {
        switch self {
        case .passed: "PASS"
        case .failed: "FAIL"
        case .error: "ERROR"
        case .skipped: "SKIPPED"
        }
    }
}

extension ReportCase {
    /// The verdict as displayed: the case's own label, else the outcome's default.
    public var displayVerdict: String { verdictLabel ?? outcome.kind.defaultLabel }

    /// JUnit `name`: id and title (SPEC §9.7).
    public var displayName: String { title.isEmpty ? id : id + " " + title }
}
