/// A readable plain-text summary for a terminal (SPEC §9.7): per-suite counts by verdict, every
/// finding with its one-line reason (most severe first), the errors (or the one fact that the
/// target is unreachable), then the totals, which add up, and the paths of the reports.
///
/// Colour is the caller's decision (a TTY, `NO_COLOR`): this writer only obeys `useColor`.
public struct TerminalSummaryWriter: Sendable {
    /// Whether to emit ANSI colour sequences.
    public var useColor: Bool
    /// Whether to list PASS and INFO cases too (their labels may say more than PASS).
    public var listPassed: Bool
    /// Whether to list SKIPPED and INCONCLUSIVE cases, grouped by reason (they are always counted).
    public var listSkipped: Bool
    /// Whether to start with the report name and the per-suite table (off when the caller prints its own).
    public var includeTable: Bool
    /// Most cases listed per section; the rest are counted, so a huge run stays readable.
    public var maximumListed: Int

    /// A writer with these switches; plain text, skips listed, table included by default.
    public init(useColor: Bool = false, listPassed: Bool = false, listSkipped: Bool = true, includeTable: Bool = true, maximumListed: Int = 200) {
        self.useColor = useColor
        self.includeTable = includeTable
        self.listPassed = listPassed
        self.listSkipped = listSkipped
        self.maximumListed = maximumListed
    }

    /// The summary text; `reportPaths` (the files written) end it, so a person knows where to look.
    public func render(_ report: TestReport, reportPaths: [String] = []) -> String {
        let totals = report.totals
        let overview = report.overview
        var sections: [String] = []
        if includeTable { sections.append(TerminalText.printable(report.name) + "\n" + table(report, totals: totals)) }

        if let unreachable = overview.unreachable {
            sections.append(paint("ERROR", for: .error) + "  " + TerminalText.printable(unreachable.sentence) + "\n")
        }
        if !overview.findings.isEmpty {
            sections.append(list("Findings", overview.findings) { entry in
                let reportCase = entry.reportCase
                let severity = reportCase.severity.map { "[" + $0.rawValue + "] " } ?? ""
                return (reportCase.verdict.rawValue, reportCase.verdict, severity + reportCase.displayName + " (" + entry.suite + ")", reportCase.oneLineReason)
            })
        }
        if overview.unreachable == nil, !overview.errors.isEmpty {
            sections.append(list("Errors", overview.errors) { entry in
                ("ERROR", .error, entry.reportCase.displayName + " (" + entry.suite + ")", entry.reportCase.oneLineReason)
            })
        }
        if listPassed {
            let passed = report.suites.flatMap { suite in
                suite.cases.filter { $0.verdict == .pass || $0.verdict == .info }.map { ReportOverview.Entry(suite: suite.name, reportCase: $0) }
            }
            if !passed.isEmpty {
                sections.append(list("Passed and observed", passed) { entry in
                    (entry.reportCase.displayVerdict, entry.reportCase.verdict, entry.reportCase.displayName + " (" + entry.suite + ")", entry.reportCase.reason ?? "")
                })
            }
        }
        if listSkipped {
            let groups = ReasonGroup.group(report, verdicts: [.skipped, .inconclusive])
            if !groups.isEmpty {
                var text = "Not conclusive (\(groups.reduce(0) { $0 + $1.caseIDs.count }) cases):\n"
                for group in groups.prefix(maximumListed) {
                    text += paint(group.verdict.rawValue, for: group.verdict) + "  " + TerminalText.printable(group.line) + "\n"
                }
                if groups.count > maximumListed { text += "... and \(groups.count - maximumListed) more reasons\n" }
                sections.append(text)
            }
        }

        var last = paint(totals.overallVerdict.rawValue, for: totals.overallVerdict)
        last += "  \(totals.tests) case" + (totals.tests == 1 ? "" : "s") + ": " + totals.verdictSummary + "\n"
        if !reportPaths.isEmpty {
            last += "Reports: " + reportPaths.map { TerminalText.printable($0) }.joined(separator: ", ") + "\n"
        }
        sections.append(last)
        return sections.joined(separator: "\n")
    }

    private func table(_ report: TestReport, totals: ReportTotals) -> String {
        let verdicts = ReportVerdict.allCases.filter { $0 == .pass || $0 == .fail || totals.count($0) > 0 }
        func row(_ name: String, _ t: ReportTotals) -> [String] {
            [name, String(t.tests)] + verdicts.map { String(t.count($0)) }
        }
        var rows = report.suites.map { row($0.name, $0.totals) }
        if report.suites.count > 1 { rows.append(row("total", totals)) }
        return TextTable(
            headings: ["suite", "cases"] + verdicts.map(\.rawValue), rows: rows,
            rightAligned: Set(1...(verdicts.count + 1))
        ).render()
    }

    private func list(
        _ heading: String, _ entries: [ReportOverview.Entry],
        line: (ReportOverview.Entry) -> (label: String, verdict: ReportVerdict, title: String, reason: String)
    ) -> String {
        var text = heading + " (\(entries.count)):\n"
        for entry in entries.prefix(maximumListed) {
            let (label, verdict, title, reason) = line(entry)
            text += paint(label, for: verdict) + "  " + TerminalText.printable(title) + "\n"
            if !reason.isEmpty { text += "    " + TerminalText.printable(reason) + "\n" }
        }
        if entries.count > maximumListed { text += "... and \(entries.count - maximumListed) more not listed\n" }
        return text
    }

    private func paint(_ text: String, for verdict: ReportVerdict) -> String {
        let printable = TerminalText.printable(text)
        guard useColor else { return printable }
        let code = switch verdict {
        case .pass: "32"
        case .fail: "31"
        case .nonStrict, .wrongCode: "33"
        case .error: "35"
        case .info, .inconclusive, .skipped: "36"
        }
        return "\u{1B}[" + code + "m" + printable + "\u{1B}[0m"
    }
}
