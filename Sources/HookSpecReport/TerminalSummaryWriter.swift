/// A readable plain-text summary for a terminal (SPEC §9.7): per-suite counts, then every case
/// that did not pass, then the totals.
///
/// Colour is the caller's decision (a TTY, `NO_COLOR`): this writer only obeys `useColor`.
public struct TerminalSummaryWriter: Sendable {
    /// Whether to emit ANSI colour sequences.
    public var useColor: Bool
    /// Whether to list passing cases too (their verdict labels may say more than PASS).
    public var listPassed: Bool
    /// Whether to list skipped cases (they are always counted).
    public var listSkipped: Bool
    /// Whether to start with the report name and the per-suite table (off when the caller prints its own).
    public var includeTable: Bool
    /// Most non-passing cases listed; the rest are counted, so a huge run stays readable.
    public var maximumListed: Int

    /// A writer with these switches; plain text, skips listed, table included by default.
    public init(useColor: Bool = false, listPassed: Bool = false, listSkipped: Bool = true, includeTable: Bool = true, maximumListed: Int = 200) {
        self.useColor = useColor
        self.includeTable = includeTable
        self.listPassed = listPassed
        self.listSkipped = listSkipped
        self.maximumListed = maximumListed
    }

    /// The summary text.
    public func render(_ report: TestReport) -> String {
        var out = ""
        let table = TextTable(
            headings: ["suite", "tests", "passed", "failed", "errors", "skipped"],
            rows: report.suites.map { suite in
                let t = suite.totals
                return [suite.name, String(t.tests), String(t.passed), String(t.failures), String(t.errors), String(t.skipped)]
            },
            rightAligned: [1, 2, 3, 4, 5])
        if includeTable { out += TerminalText.printable(report.name) + "\n" + table.render() }

        var listed = 0, unlisted = 0
        var details = ""
        for suite in report.suites {
            for reportCase in suite.cases where isListed(reportCase) {
                guard listed < maximumListed else {
                    unlisted += 1
                    continue
                }
                listed += 1
                details += paint(reportCase.displayVerdict, for: reportCase.outcome.kind) + "  "
                details += TerminalText.printable(suite.name + " / " + reportCase.displayName)
                if let message = reportCase.outcome.message, !message.isEmpty {
                    details += "\n    " + TerminalText.printable(message)
                }
                details += "\n"
            }
        }
        if !details.isEmpty { out += (out.isEmpty ? "" : "\n") + details }
        if unlisted > 0 { out += "... and \(unlisted) more not listed\n" }

        let t = report.totals
        let verdict: ReportOutcomeKind = t.failures > 0 ? .failed : (t.errors > 0 ? .error : .passed)
        out += (out.isEmpty ? "" : "\n") + paint(verdict.defaultLabel, for: verdict)
        out += "  \(t.tests) tests: \(t.passed) passed, \(t.failures) failed, \(t.errors) errors, \(t.skipped) skipped\n"
        return out
    }

    private func isListed(_ reportCase: ReportCase) -> Bool {
        switch reportCase.outcome.kind {
        case .passed: listPassed
        case .skipped: listSkipped
        case .failed, .error: true
        }
    }

    private func paint(_ text: String, for kind: ReportOutcomeKind) -> String {
        let printable = TerminalText.printable(text)
        guard useColor else { return printable }
        let code = switch kind {
        case .passed: "32"
        case .failed: "31"
        case .error: "35"
        case .skipped: "33"
        }
        return "\u{1B}[" + code + "m" + printable + "\u{1B}[0m"
    }
}
