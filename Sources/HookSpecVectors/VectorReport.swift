import HookSpecReport

/// Counts of one suite for the summary table of `hookspec vectors`.
public struct VectorSuiteCounts: Sendable, Hashable {
    /// Every vector of the suite.
    public var vectors = 0
    /// Vectors where the core did what the file expects.
    public var agree = 0
    /// Vectors where it did not.
    public var disagree = 0
    /// Vectors not run, with a reason.
    public var skipped = 0
    /// Wycheproof `acceptable` vectors (either outcome allowed).
    public var acceptable = 0

    /// All counts zero.
    public init() {}

    /// Counts `results`.
    public init(_ results: [VectorResult]) {
        for result in results {
            vectors += 1
            switch result.verdict {
            case .agrees: agree += 1
            case .disagrees: disagree += 1
            case .skipped: skipped += 1
            case .acceptable: acceptable += 1
            }
        }
    }

    /// The counts as table cells, in the table's column order.
    var cells: [String] { [vectors, agree, disagree, skipped, acceptable].map { String($0) } }

    /// Adds another suite's counts (the summary table's total row).
    public mutating func add(_ other: VectorSuiteCounts) {
        vectors += other.vectors
        agree += other.agree
        disagree += other.disagree
        skipped += other.skipped
        acceptable += other.acceptable
    }
}

extension VectorResult {
    /// The result as a report case of `suite`: agreement passes, disagreement fails, `acceptable` passes labelled ACCEPTABLE.
    public func reportCase(suite: String) -> ReportCase {
        let outcome: ReportOutcome
        var label: String?
        switch verdict {
        case .agrees:
            outcome = .passed
        case .disagrees:
            outcome = .failed(message: "expected \(expected), core said \(actual)",
                              detail: "source: \(source)\n" + (detail ?? ""))
        case .skipped(let reason):
            outcome = .skipped(message: reason)
        case .acceptable(let note):
            outcome = .passed
            label = "ACCEPTABLE: \(note)"
        }
        return ReportCase(
            id: name, title: "", className: suite, outcome: outcome, verdictLabel: label,
            properties: [ReportProperty("expected", expected), ReportProperty("actual", actual), ReportProperty("source", source)],
            systemOut: detail)
    }
}

extension VectorSuiteResult {
    /// One report suite, one case per vector.
    public func reportSuite() -> ReportSuite {
        ReportSuite(name: name, cases: results.map { $0.reportCase(suite: name) }, properties: notes)
    }

    /// Counts for the summary table.
    public var counts: VectorSuiteCounts { VectorSuiteCounts(results) }
}

extension VectorSuiteOutcome {
    /// The outcome as a report suite; a suite whose file failed becomes one `<error>` case.
    public func reportSuite() -> ReportSuite {
        switch self {
        case .ran(let result):
            return result.reportSuite()
        case .failed(let suite, let error):
            return ReportSuite(name: suite, cases: [
                ReportCase(id: suite, title: "vector file", className: suite,
                           outcome: .error(message: error.description, detail: "the vector file could not be used, so none of its vectors ran")),
            ])
        }
    }
}

/// A whole vector run as a report, for every writer.
public enum VectorRunReport {
    /// The report of `outcomes`, named `name`.
    public static func make(name: String, outcomes: [VectorSuiteOutcome], properties: [ReportProperty], timestamp: String) -> TestReport {
        TestReport(name: name, suites: outcomes.map { $0.reportSuite() }, properties: properties, timestamp: timestamp)
    }

    /// The summary table: suite, vectors, agree, disagree, skipped, acceptable (errors as a row of their own).
    public static func table(_ outcomes: [VectorSuiteOutcome]) -> TextTable {
        var table = TextTable(headings: ["suite", "vectors", "agree", "disagree", "skipped", "acceptable"], rightAligned: [1, 2, 3, 4, 5])
        var total = VectorSuiteCounts()
        for outcome in outcomes {
            switch outcome {
            case .ran(let result):
                let counts = result.counts
                total.add(counts)
                table.rows.append([result.name] + counts.cells)
            case .failed(let suite, _):
                table.rows.append([suite, "ERROR", "-", "-", "-", "-"])
            }
        }
        table.rows.append(["total"] + total.cells)
        return table
    }
}
