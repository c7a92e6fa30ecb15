/// A Markdown summary for a CI job page (SPEC §9.7): run properties, a totals table per suite,
/// then every failure and error with its detail, then skipped cases with their reasons.
public struct MarkdownReportWriter: Sendable {
    /// Most failures, errors or skips listed in full; the rest are counted.
    public var maximumListed: Int

    /// A writer listing at most `maximumListed` problems and skip reasons.
    public init(maximumListed: Int = 200) {
        self.maximumListed = maximumListed
    }

    /// The Markdown text.
    public func render(_ report: TestReport) -> String {
        let totals = report.totals
        let verdict = totals.failures > 0 ? "FAIL" : (totals.errors > 0 ? "ERROR" : "PASS")
        var out = "## " + Self.inline(report.name) + ": " + verdict + "\n\n"
        for property in report.properties {
            out += "- " + Self.inline(property.name) + ": `" + Self.code(property.value) + "`\n"
        }
        if !report.properties.isEmpty { out += "\n" }

        out += "| suite | tests | passed | failed | errors | skipped |\n|---|---:|---:|---:|---:|---:|\n"
        for suite in report.suites {
            out += Self.row(suite.name, suite.totals)
        }
        out += Self.row("**total**", totals, escapeName: false) + "\n"

        let problems = report.suites.flatMap { suite in
            suite.cases.filter { $0.outcome.kind == .failed || $0.outcome.kind == .error }.map { (suite, $0) }
        }
        if !problems.isEmpty {
            out += "### Failures and errors\n\n"
            for (suite, reportCase) in problems.prefix(maximumListed) {
                out += "#### " + Self.inline(reportCase.displayVerdict) + " `" + Self.code(reportCase.id) + "` "
                out += Self.inline(reportCase.title) + " (" + Self.inline(suite.name) + ")\n\n"
                out += Self.inline(reportCase.outcome.message ?? "") + "\n\n"
                for property in reportCase.properties {
                    out += "- " + Self.inline(property.name) + ": `" + Self.code(property.value) + "`\n"
                }
                if !reportCase.properties.isEmpty { out += "\n" }
                if let detail = reportCase.outcome.detail, !detail.isEmpty {
                    out += Self.fenced(detail)
                }
                if let systemOut = reportCase.systemOut, !systemOut.isEmpty {
                    out += "<details><summary>output</summary>\n\n" + Self.fenced(systemOut) + "</details>\n\n"
                }
            }
            if problems.count > maximumListed { out += "... and \(problems.count - maximumListed) more.\n\n" }
        }

        // Skips usually share a reason (a missing directory, an unsupported tag size): one line per reason and suite.
        var skipGroups: [(suite: String, reason: String, ids: [String])] = []
        for suite in report.suites {
            for reportCase in suite.cases where reportCase.outcome.kind == .skipped {
                let reason = reportCase.outcome.message ?? ""
                if let index = skipGroups.firstIndex(where: { $0.suite == suite.name && $0.reason == reason }) {
                    skipGroups[index].ids.append(reportCase.id)
                } else {
                    skipGroups.append((suite.name, reason, [reportCase.id]))
                }
            }
        }
        if !skipGroups.isEmpty {
            out += "### Skipped\n\n"
            for group in skipGroups.prefix(maximumListed) {
                let shown = group.ids.prefix(10).map { "`" + Self.code($0) + "`" }.joined(separator: ", ")
                let more = group.ids.count > 10 ? ", ... (\(group.ids.count - 10) more)" : ""
                out += "- " + Self.inline(group.suite) + ", \(group.ids.count) case" + (group.ids.count == 1 ? "" : "s")
                out += ": " + Self.inline(group.reason) + " (" + shown + more + ")\n"
            }
            if skipGroups.count > maximumListed { out += "- ... and \(skipGroups.count - maximumListed) more reasons.\n" }
            out += "\n"
        }
        return out
    }

    private static func row(_ name: String, _ t: ReportTotals, escapeName: Bool = true) -> String {
        let cells = [escapeName ? inline(name) : name, String(t.tests), String(t.passed), String(t.failures), String(t.errors), String(t.skipped)]
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
    static func fenced(_ text: String) -> String {
        var longest = 0, current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "text\n" + TerminalText.printable(text, keepNewlines: true) + "\n" + fence + "\n\n"
    }
}
