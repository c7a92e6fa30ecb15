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
    /// Cases per verdict (SPEC §9.2): every case counts under exactly one, so these add up to `tests`.
    public private(set) var verdicts: [ReportVerdict: Int] = [:]

    /// All counts zero.
    public init() {}

    /// Counts `cases`.
    public init(_ cases: some Sequence<ReportCase>) {
        for reportCase in cases { add(reportCase) }
    }

    /// Adds one case.
    public mutating func add(_ reportCase: ReportCase) {
        tests += 1
        verdicts[reportCase.verdict, default: 0] += 1
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
        verdicts.merge(other.verdicts, uniquingKeysWith: +)
    }

    /// Cases with `verdict`.
    public func count(_ verdict: ReportVerdict) -> Int { verdicts[verdict] ?? 0 }

    /// `135 PASS, 2 FAIL, 6 INFO`: every verdict that occurs, in SPEC order; `none` when empty.
    public var verdictSummary: String {
        let parts = ReportVerdict.allCases.filter { count($0) > 0 }.map { "\(count($0)) \($0.rawValue)" }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// The run's verdict for a headline: FAIL if anything failed, else ERROR if anything errored, else PASS.
    public var overallVerdict: ReportVerdict {
        count(.fail) > 0 ? .fail : (count(.error) > 0 ? .error : .pass)
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
    /// The verdict as displayed: the case's own label, else its verdict's name.
    public var displayVerdict: String { verdictLabel ?? verdict.rawValue }

    /// Why the case got its verdict, in one line: its reason, else its outcome's message.
    public var oneLineReason: String { reason ?? outcome.message ?? "" }

    /// JUnit `name`: id and title (SPEC §9.7).
    public var displayName: String { title.isEmpty ? id : id + " " + title }
}
