import Foundation

/// Writes a `TestReport` as JSON for machines (SPEC §9.7): the same results as the JUnit file,
/// with run properties (hookspec version, catalog version, ...) and totals.
public struct JSONReportWriter: Sendable {
    /// Identifies this layout for readers of the file.
    public static let format = "hookspec-report/1"

    /// A writer; it has no settings.
    public init() {}

    /// The whole document, keys sorted, pretty-printed.
    public func render(_ report: TestReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every member is a string, an integer or a finite number, so encoding cannot fail;
        // should it ever, the reader still gets a valid JSON document that says so.
        guard let data = try? encoder.encode(Document(report)) else {
            return "{\"format\": \"\(Self.format)\", \"error\": \"report could not be encoded\"}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes the document to `path`, creating its directory.
    public func write(_ report: TestReport, to path: String) throws(ReportWriteError) {
        try ReportFile.write(render(report), to: path)
    }

    private struct Document: Encodable {
        let format = JSONReportWriter.format
        let name: String
        let timestamp: String
        let hostname: String
        let properties: [Property]
        let totals: Totals
        let suites: [Suite]

        init(_ report: TestReport) {
            name = report.name
            timestamp = report.timestamp
            hostname = report.hostname
            properties = report.properties.map(Property.init)
            totals = Totals(report.totals)
            suites = report.suites.map(Suite.init)
        }
    }

    private struct Property: Encodable {
        let name: String
        let value: String
        init(_ property: ReportProperty) {
            name = property.name
            value = property.value
        }
    }

    private struct Totals: Encodable {
        let tests, passed, failures, errors, skipped: Int
        let durationSeconds: Double
        init(_ totals: ReportTotals) {
            tests = totals.tests
            passed = totals.passed
            failures = totals.failures
            errors = totals.errors
            skipped = totals.skipped
            durationSeconds = Self.finite(totals.durationSeconds)
        }
        static func finite(_ value: Double) -> Double { value.isFinite && value > 0 ? value : 0 }
    }

    private struct Suite: Encodable {
        let name: String
        let totals: Totals
        let properties: [Property]
        let cases: [Case]
        init(_ suite: ReportSuite) {
            name = suite.name
            totals = Totals(suite.totals)
            properties = suite.properties.map(Property.init)
            cases = suite.cases.map(Case.init)
        }
    }

    private struct Case: Encodable {
        let id: String
        let title: String
        let className: String
        let outcome: String
        let verdict: String
        let message: String?
        let detail: String?
        let durationSeconds: Double
        let properties: [Property]
        let systemOut: String?
        init(_ reportCase: ReportCase) {
            id = reportCase.id
            title = reportCase.title
            className = reportCase.className
            outcome = reportCase.outcome.kind.rawValue
            verdict = reportCase.displayVerdict
            message = reportCase.outcome.message
            detail = reportCase.outcome.detail
            durationSeconds = Totals.finite(reportCase.durationSeconds)
            properties = reportCase.properties.map(Property.init)
            systemOut = reportCase.systemOut
        }
    }
}
