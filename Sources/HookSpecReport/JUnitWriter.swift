/// Writes a `TestReport` as JUnit XML: a `testsuites` root holding one `testsuite` per suite,
/// each of which validates on its own against the Maven Surefire schema (SPEC §9.7).
///
/// The Surefire schema gives `testcase` no `properties` element, so a case's properties and
/// verdict label are written as `name: value` lines at the top of its `system-out`; the
/// report's properties are repeated in every `testsuite`, which CI tools read one by one.
public struct JUnitWriter: Sendable {
    /// A writer; it has no settings.
    public init() {}

    /// The whole document.
    public func render(_ report: TestReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let totals = report.totals
        out += "<testsuites"
        out += attribute("name", report.name)
        out += counts(totals)
        out += attribute("time", DecimalSeconds.text(totals.durationSeconds))
        if Self.isXSDDateTime(report.timestamp) { out += attribute("timestamp", report.timestamp) }
        out += ">\n"
        for suite in report.suites {
            out += renderSuite(suite, in: report)
        }
        out += "</testsuites>\n"
        return out
    }

    /// Writes the document to `path`, creating its directory.
    public func write(_ report: TestReport, to path: String) throws(ReportWriteError) {
        try ReportFile.write(render(report), to: path)
    }

    private func renderSuite(_ suite: ReportSuite, in report: TestReport) -> String {
        let totals = suite.totals
        // Attribute order follows the schema's declaration order; the schema has no
        // `hostname`, so the host travels as a property instead.
        var out = "  <testsuite"
        out += attribute("name", suite.name)
        out += attribute("time", DecimalSeconds.text(totals.durationSeconds))
        if Self.isXSDDateTime(report.timestamp) { out += attribute("timestamp", report.timestamp) }
        out += counts(totals)
        out += ">\n"
        let properties = report.properties + [ReportProperty("hostname", report.hostname)] + suite.properties
        out += "    <properties>\n"
        for property in properties {
            out += "      <property" + attribute("name", property.name) + attribute("value", property.value) + "/>\n"
        }
        out += "    </properties>\n"
        for reportCase in suite.cases {
            out += renderCase(reportCase)
        }
        out += "  </testsuite>\n"
        return out
    }

    private func renderCase(_ reportCase: ReportCase) -> String {
        var out = "    <testcase"
        out += attribute("name", reportCase.displayName)
        out += attribute("classname", reportCase.className)
        out += attribute("time", DecimalSeconds.text(reportCase.durationSeconds))
        out += ">\n"
        // Child order is fixed by the schema: failure, skipped, error, then system-out.
        switch reportCase.outcome {
        case .passed:
            break
        case .failed(let message, let detail):
            out += "      <failure" + attribute("message", message) + attribute("type", reportCase.displayVerdict) + ">"
            out += XMLEscaping.text(detail) + "</failure>\n"
        case .skipped(let message):
            out += "      <skipped" + attribute("message", message) + "/>\n"
        case .error(let message, let detail):
            out += "      <error" + attribute("message", message) + attribute("type", reportCase.displayVerdict) + ">"
            out += XMLEscaping.text(detail) + "</error>\n"
        }
        var lines = ["verdict: " + reportCase.displayVerdict]
        let typed: [(String, String?)] = [
            ("severity", reportCase.severity?.rawValue), ("reference", reportCase.reference),
            ("rule", reportCase.rule), ("expected", reportCase.expected), ("reason", reportCase.reason),
        ]
        for case (let name, let value?) in typed where !reportCase.properties.contains(where: { $0.name == name }) {
            lines.append(name + ": " + value)
        }
        lines += reportCase.properties.map { $0.name + ": " + $0.value }
        var systemOut = lines.joined(separator: "\n")
        if let extra = reportCase.systemOut, !extra.isEmpty { systemOut += "\n\n" + extra }
        // SPEC §9.7: system-out carries the reproduction.
        if let reproduction = reportCase.reproduction, !reproduction.isEmpty, !(reportCase.systemOut ?? "").contains(reproduction) {
            systemOut += "\n\nreproduction:\n" + reproduction
        }
        out += "      <system-out>" + XMLEscaping.text(systemOut) + "</system-out>\n"
        out += "    </testcase>\n"
        return out
    }

    private func counts(_ totals: ReportTotals) -> String {
        attribute("tests", String(totals.tests)) + attribute("errors", String(totals.errors))
            + attribute("skipped", String(totals.skipped)) + attribute("failures", String(totals.failures))
    }

    private func attribute(_ name: String, _ value: String) -> String {
        " " + name + "=\"" + XMLEscaping.attribute(value) + "\""
    }

    /// Whether `text` has the lexical form of `xs:dateTime` (`2026-11-23T07:45:00Z`, optional
    /// fraction and offset); anything else is left out rather than making the file invalid.
    static func isXSDDateTime(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= b.count && range.allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 }
        }
        func char(_ index: Int, _ c: Character) -> Bool { index < b.count && b[index] == c.asciiValue }
        guard b.count >= 19, b.count <= 40, digits(0..<4), char(4, "-"), digits(5..<7), char(7, "-"),
            digits(8..<10), char(10, "T"), digits(11..<13), char(13, ":"), digits(14..<16), char(16, ":"),
            digits(17..<19)
        else { return false }
        var index = 19
        if char(index, ".") {
            index += 1
            let start = index
            while index < b.count, b[index] >= 0x30, b[index] <= 0x39 { index += 1 }
            if index == start { return false }
        }
        if index == b.count { return true }
        if char(index, "Z") { return index + 1 == b.count }
        if char(index, "+") || char(index, "-") {
            return b.count == index + 6 && digits(index + 1..<index + 3) && char(index + 3, ":")
                && digits(index + 4..<index + 6)
        }
        return false
    }
}
