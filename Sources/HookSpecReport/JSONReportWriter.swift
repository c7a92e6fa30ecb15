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
        let target: String?
        let properties: [Property]
        let totals: Totals
        let unreachable: Unreachable?
        let noAnswer: [NoAnswerGroup]
        let suites: [Suite]

        init(_ report: TestReport) {
            name = report.name
            timestamp = report.timestamp
            hostname = report.hostname
            target = report.target
            properties = report.properties.map(Property.init)
            totals = Totals(report.totals)
            unreachable = report.overview.unreachable.map(Unreachable.init)
            noAnswer = NoAnswerGroup.groups(report)
            suites = report.suites.map(Suite.init)
        }
    }

    /// The one fact of a target that never answered, with the cases it covers.
    private struct Unreachable: Encodable {
        let cause, detail, sentence: String
        let sentCases, unsentCases: [String]
        init(_ fact: UnreachableTarget) {
            cause = fact.cause
            detail = fact.detail
            sentence = fact.sentence
            sentCases = fact.sentCaseIDs
            unsentCases = fact.unsentCaseIDs
        }
    }

    /// Cases whose requests got no answer, grouped by cause, so a reader need not scan every case.
    private struct NoAnswerGroup: Encodable {
        let cause: String
        var cases: [String]

        static func groups(_ report: TestReport) -> [NoAnswerGroup] {
            var groups: [NoAnswerGroup] = []
            for suite in report.suites {
                for reportCase in suite.cases {
                    for exchange in reportCase.exchanges {
                        guard case .noAnswer(let cause, _) = exchange.answer else { continue }
                        if let index = groups.firstIndex(where: { $0.cause == cause }) {
                            if groups[index].cases.last != reportCase.id { groups[index].cases.append(reportCase.id) }
                        } else {
                            groups.append(NoAnswerGroup(cause: cause, cases: [reportCase.id]))
                        }
                    }
                }
            }
            return groups
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
        /// Every verdict of SPEC §9.2, zero included, so readers need no default.
        let verdicts: [String: Int]
        init(_ totals: ReportTotals) {
            verdicts = Dictionary(uniqueKeysWithValues: ReportVerdict.allCases.map { ($0.rawValue, totals.count($0)) })
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
        let label: String?
        let message: String?
        let detail: String?
        let durationSeconds: Double
        let properties: [Property]
        let systemOut: String?
        let severity: String?
        let rule: String?
        let reference: String?
        let expected: String?
        let reason: String?
        let exchanges: [Exchange]
        let reproduction: String?
        init(_ reportCase: ReportCase) {
            severity = reportCase.severity?.rawValue
            rule = reportCase.rule
            reference = reportCase.reference
            expected = reportCase.expected
            reason = reportCase.reason
            exchanges = reportCase.exchanges.map(Exchange.init)
            reproduction = reportCase.reproduction
            id = reportCase.id
            title = reportCase.title
            className = reportCase.className
            outcome = reportCase.outcome.kind.rawValue
            verdict = reportCase.verdict.rawValue
            label = reportCase.verdictLabel
            message = reportCase.outcome.message
            detail = reportCase.outcome.detail
            durationSeconds = Totals.finite(reportCase.durationSeconds)
            properties = reportCase.properties.map(Property.init)
            systemOut = reportCase.systemOut
        }
    }

    private struct Header: Encodable {
        let name, value: String
        init(_ header: ReportHeader) {
            name = header.name
            value = header.value
        }
    }

    private struct Exchange: Encodable {
        struct Request: Encodable {
            let method, url, body: String
            let headers: [Header]
            let bodyBytes: Int
        }
        struct Response: Encodable {
            let status: Int
            let headers: [Header]
            let body: String
            let latencySeconds: Double
        }
        struct NoAnswer: Encodable {
            let cause, detail: String
        }
        let request: Request
        let response: Response?
        let noAnswer: NoAnswer?

        init(_ exchange: ReportExchange) {
            let sent = exchange.request
            request = Request(method: sent.method, url: sent.url, body: sent.body, headers: sent.headers.map(Header.init), bodyBytes: sent.bodyByteCount)
            switch exchange.answer {
            case .response(let answer):
                response = Response(status: answer.status, headers: answer.headers.map(Header.init), body: answer.body,
                                    latencySeconds: Totals.finite(answer.latencySeconds))
                noAnswer = nil
            case .noAnswer(let cause, let detail):
                response = nil
                noAnswer = NoAnswer(cause: cause, detail: detail)
            }
        }
    }
}
