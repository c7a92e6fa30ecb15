/// A Markdown summary for a CI job page (SPEC §9.7): the run's verdict and counts by verdict
/// (they add up), every FAIL, NON-STRICT and WRONG-CODE case with its one-line reason (most
/// severe first), then each one's detail (what was sent, what came back, the rule, the
/// reproduction), the errors, and the inconclusive and skipped cases grouped by reason.
/// A target that never answered is said once, not once per case.
public struct MarkdownReportWriter: Sendable {
    /// Most cases detailed per section; the rest are counted.
    public var maximumListed: Int

    /// A writer detailing at most `maximumListed` cases per section.
    public init(maximumListed: Int = 200) {
        self.maximumListed = maximumListed
    }

    /// The Markdown text.
    public func render(_ report: TestReport) -> String {
        let totals = report.totals
        let overview = report.overview
        var out = "## " + Self.inline(report.name) + ": " + totals.overallVerdict.rawValue + "\n\n"
        for property in report.properties {
            out += "- " + Self.inline(property.name) + ": `" + Self.code(property.value) + "`\n"
        }
        if !report.properties.isEmpty { out += "\n" }

        let verdicts = ReportVerdict.allCases.filter { $0 == .pass || $0 == .fail || totals.count($0) > 0 }
        out += "| suite | cases | " + verdicts.map(\.rawValue).joined(separator: " | ") + " |\n"
        out += "|---|---:|" + String(repeating: "---:|", count: verdicts.count) + "\n"
        for suite in report.suites {
            out += Self.row(Self.inline(suite.name), suite.totals, verdicts)
        }
        out += Self.row("**total**", totals, verdicts) + "\n"
        out += "**\(totals.tests) case" + (totals.tests == 1 ? "" : "s") + ": " + totals.verdictSummary + "**\n\n"

        if let unreachable = overview.unreachable {
            out += "> **ERROR** " + Self.inline(unreachable.sentence) + "\n\n"
        }
        if !overview.findings.isEmpty {
            out += "### Findings (\(overview.findings.count))\n\n"
            for entry in overview.findings {
                out += "- " + Self.oneLine(entry) + "\n"
            }
            out += "\n"
            out += section("Finding details", overview.findings)
        }
        if overview.unreachable == nil, !overview.errors.isEmpty {
            out += section("Errors", overview.errors)
        }

        let groups = ReasonGroup.group(report, verdicts: [.inconclusive, .skipped])
        if !groups.isEmpty {
            out += "### Not conclusive\n\n"
            for group in groups.prefix(maximumListed) {
                out += "- **" + group.verdict.rawValue + "** " + Self.inline(group.line) + "\n"
            }
            if groups.count > maximumListed { out += "- ... and \(groups.count - maximumListed) more reasons.\n" }
            out += "\n"
        }
        return out
    }

    /// `**FAIL** high `sig/3` title: reason`.
    private static func oneLine(_ entry: ReportOverview.Entry) -> String {
        let reportCase = entry.reportCase
        var line = "**" + reportCase.verdict.rawValue + "**"
        if let severity = reportCase.severity { line += " " + severity.rawValue }
        line += " `" + code(reportCase.id) + "` " + inline(reportCase.title)
        let reason = reportCase.oneLineReason
        if !reason.isEmpty { line += ": " + inline(reason) }
        return line
    }

    private func section(_ heading: String, _ entries: [ReportOverview.Entry]) -> String {
        var out = "### " + heading + "\n\n"
        for entry in entries.prefix(maximumListed) {
            out += Self.detail(entry)
        }
        if entries.count > maximumListed { out += "... and \(entries.count - maximumListed) more.\n\n" }
        return out
    }

    private static func detail(_ entry: ReportOverview.Entry) -> String {
        let reportCase = entry.reportCase
        var out = "#### " + inline(reportCase.displayVerdict) + " `" + code(reportCase.id) + "` "
        out += inline(reportCase.title) + " (" + inline(entry.suite) + ")\n\n"
        let reason = reportCase.oneLineReason
        if !reason.isEmpty { out += inline(reason) + "\n\n" }
        var facts: [(String, String)] = []
        if let severity = reportCase.severity { facts.append(("severity", severity.rawValue)) }
        if let rule = reportCase.rule { facts.append(("rule", rule)) }
        if let reference = reportCase.reference { facts.append(("reference", reference)) }
        if let expected = reportCase.expected { facts.append(("expected", expected)) }
        facts += reportCase.properties.filter { property in !facts.contains { $0.0 == property.name } }.map { ($0.name, $0.value) }
        for (name, value) in facts {
            out += "- " + inline(name) + ": `" + code(value) + "`\n"
        }
        if !facts.isEmpty { out += "\n" }
        for (index, exchange) in reportCase.exchanges.enumerated() {
            let of = reportCase.exchanges.count > 1 ? " (request \(index + 1) of \(reportCase.exchanges.count))" : ""
            out += "sent" + of + ":\n\n" + fenced(exchange.requestText, language: "http")
            out += "came back:\n\n" + fenced(exchange.answerText, language: "http")
        }
        if reportCase.exchanges.isEmpty, let detail = reportCase.outcome.detail, !detail.isEmpty {
            out += fenced(detail)
        }
        if let reproduction = reportCase.reproduction, !reproduction.isEmpty {
            out += "<details><summary>reproduction</summary>\n\n" + fenced(reproduction, language: "sh") + "</details>\n\n"
        } else if let systemOut = reportCase.systemOut, !systemOut.isEmpty {
            out += "<details><summary>output</summary>\n\n" + fenced(systemOut) + "</details>\n\n"
        }
        return out
    }

    private static func row(_ name: String, _ t: ReportTotals, _ verdicts: [ReportVerdict]) -> String {
        let cells = [name, String(t.tests)] + verdicts.map { String(t.count($0)) }
        return "| " + cells.joined(separator: " | ") + " |\n"
    }

    /// Text for a table cell or a line: one line, no Markdown or HTML syntax taking effect.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in TerminalText.printable(text) {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": out += "\\" + String(character)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Text inside an inline code span: backticks cannot be escaped there, so they are replaced.
    static func code(_ text: String) -> String {
        String(TerminalText.printable(text).map { $0 == "`" ? "'" : $0 })
    }

    /// A fenced block whose fence is longer than any backtick run inside it.
    static func fenced(_ text: String, language: String = "text") -> String {
        var longest = 0, current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + TerminalText.printable(text, keepNewlines: true) + "\n" + fence + "\n\n"
    }
}
