import Crypto
import Foundation

/// Writes a probe report as SARIF 2.1.0 for code-scanning dashboards (SPEC §9.7): one rule per
/// case ID, one result per FAIL, NON-STRICT and WRONG-CODE case with the exchange as
/// `webRequest`/`webResponse`, fingerprints that stay the same across runs, and a
/// repository-relative location, because GitHub code scanning refuses results without one and
/// refuses URL locations; the target URL goes in properties.
public struct SARIFWriter: Sendable {
    /// The schema URI written into the document.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The `partialFingerprints` key; its value hashes case ID, target and rule text.
    public static let fingerprintKey = "hookspecCase/v1"

    /// Repository-relative path every result points at (the receiver's webhook handler, say).
    public var location: String
    /// hookspec's version, for `tool.driver.version`.
    public var toolVersion: String?

    /// A writer whose results point at `location` (repository-relative, e.g. `src/webhooks.py`).
    public init(location: String, toolVersion: String? = nil) {
        self.location = location
        self.toolVersion = toolVersion
    }

    /// The whole document, keys sorted, pretty-printed.
    public func render(_ report: TestReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and dictionaries of strings only: encoding cannot fail.
        guard let data = try? encoder.encode(document(report)) else {
            preconditionFailure("SARIF document of strings and integers failed to encode")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes the document to `path`, creating its directory.
    public func write(_ report: TestReport, to path: String) throws(ReportWriteError) {
        try ReportFile.write(render(report), to: path)
    }

    /// SARIF level of a finding: from its severity; NON-STRICT is at most a warning and a
    /// WRONG-CODE case is a note whatever the case's severity, because that severity is the one
    /// of accepting the delivery, which a WRONG-CODE receiver did not do.
    public static func level(_ verdict: ReportVerdict, _ severity: ReportSeverity?) -> String {
        if verdict == .wrongCode { return "note" }
        let level = switch severity {
        case .critical, .high: "error"
        case .medium, nil: "warning"
        case .low, .info: "note"
        }
        return verdict == .nonStrict && level == "error" ? "warning" : level
    }

    /// A fingerprint of the finding that ignores ids, timestamps and answer bodies.
    public static func fingerprint(caseID: String, target: String?, rule: String?) -> String {
        let text = caseID + "\u{0}" + (target ?? "") + "\u{0}" + (rule ?? "")
        return Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    private func document(_ report: TestReport) -> Document {
        var rules: [Rule] = []
        var ruleIndex: [String: Int] = [:]
        for suite in report.suites {
            for reportCase in suite.cases where ruleIndex[reportCase.id] == nil {
                ruleIndex[reportCase.id] = rules.count
                rules.append(Rule(reportCase, group: suite.name))
            }
        }
        let results = report.overview.findings.map { entry in
            let reportCase = entry.reportCase
            return Result(
                reportCase, ruleIndex: ruleIndex[reportCase.id] ?? 0, location: location, target: report.target,
                fingerprint: Self.fingerprint(caseID: reportCase.id, target: report.target, rule: reportCase.rule))
        }
        var properties = ["name": report.name]
        if let target = report.target { properties["target"] = target }
        for property in report.properties { properties["hookspec." + property.name] = property.value }
        let run = Run(
            tool: Tool(driver: Driver(name: "hookspec", version: toolVersion, informationUri: nil, rules: rules)),
            invocations: [Invocation(executionSuccessful: true, startTimeUtc: JUnitWriter.isXSDDateTime(report.timestamp) ? report.timestamp : nil)],
            results: results, properties: properties)
        return Document(schema: Self.schemaURI, version: "2.1.0", runs: [run])
    }

    // MARK: - SARIF objects (only the members hookspec fills)

    private struct Document: Encodable {
        let schema: String
        let version: String
        let runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    private struct Run: Encodable {
        let tool: Tool
        let invocations: [Invocation]
        let results: [Result]
        let properties: [String: String]
    }

    private struct Invocation: Encodable {
        let executionSuccessful: Bool
        let startTimeUtc: String?
    }

    private struct Tool: Encodable {
        let driver: Driver
    }

    private struct Driver: Encodable {
        let name: String
        let version: String?
        let informationUri: String?
        let rules: [Rule]
    }

    private struct Message: Encodable {
        let text: String
    }

    private struct RuleProperties: Encodable {
        let reference: String?
        let severity: String?
        let tags: [String]
        let securitySeverity: String?
        enum CodingKeys: String, CodingKey {
            case reference, severity, tags, securitySeverity = "security-severity"
        }
    }

    private struct Rule: Encodable {
        struct Configuration: Encodable {
            let level: String
        }
        let id: String
        let shortDescription: Message
        let fullDescription: Message
        let help: Message
        let defaultConfiguration: Configuration
        let properties: RuleProperties

        init(_ reportCase: ReportCase, group: String) {
            id = reportCase.id
            shortDescription = Message(text: reportCase.title.isEmpty ? reportCase.id : reportCase.title)
            let rule = reportCase.rule ?? shortDescription.text
            fullDescription = Message(text: rule)
            var help = rule
            if let reference = reportCase.reference { help += " Reference: " + reference + "." }
            if let expected = reportCase.expected { help += " A receiver must answer: " + expected + "." }
            self.help = Message(text: help)
            defaultConfiguration = Configuration(level: SARIFWriter.level(.fail, reportCase.severity))
            let score: String? = switch reportCase.severity {
            case .critical: "9.5"
            case .high: "8.0"
            case .medium: "5.5"
            case .low: "3.0"
            case .info: "0.0"
            case nil: nil
            }
            properties = RuleProperties(
                reference: reportCase.reference, severity: reportCase.severity?.rawValue,
                tags: ["security", "webhook", group], securitySeverity: score)
        }
    }

    private struct Result: Encodable {
        struct Location: Encodable {
            let physicalLocation: PhysicalLocation
        }
        struct PhysicalLocation: Encodable {
            let artifactLocation: ArtifactLocation
            let region: Region
        }
        struct ArtifactLocation: Encodable {
            let uri: String
        }
        struct Region: Encodable {
            let startLine: Int
        }
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let kind: String
        let message: Message
        let locations: [Location]
        let partialFingerprints: [String: String]
        let webRequest: WebRequest?
        let webResponse: WebResponse?
        let properties: [String: String]

        init(_ reportCase: ReportCase, ruleIndex: Int, location: String, target: String?, fingerprint: String) {
            ruleId = reportCase.id
            self.ruleIndex = ruleIndex
            level = SARIFWriter.level(reportCase.verdict, reportCase.severity)
            kind = "fail"
            let reason = reportCase.oneLineReason
            message = Message(text: reportCase.verdict.rawValue + " " + reportCase.id + ": " + (reason.isEmpty ? reportCase.title : reason))
            locations = [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: location), region: Region(startLine: 1)))]
            partialFingerprints = [SARIFWriter.fingerprintKey: fingerprint]
            let exchange = reportCase.exchanges.last
            webRequest = exchange.map { WebRequest($0.request) }
            webResponse = exchange.map { WebResponse($0.answer) }
            var properties = ["verdict": reportCase.verdict.rawValue]
            if let target { properties["target"] = target }
            if let severity = reportCase.severity { properties["severity"] = severity.rawValue }
            if let reproduction = reportCase.reproduction { properties["reproduction"] = reproduction }
            self.properties = properties
        }
    }

    private struct Body: Encodable {
        let text: String
    }

    private static func headerObject(_ headers: [ReportHeader]) -> [String: String] {
        var object: [String: String] = [:]
        for header in headers {
            // SARIF headers are an object; repeated fields fold as HTTP allows (RFC 9110 §5.3).
            object[header.name] = object[header.name].map { $0 + ", " + header.value } ?? header.value
        }
        return object
    }

    private struct WebRequest: Encodable {
        let `protocol`: String
        let version: String
        let target: String
        let method: String
        let headers: [String: String]
        let body: Body

        init(_ request: ReportRequest) {
            self.protocol = "HTTP"
            version = "1.1"
            target = request.url
            method = request.method
            headers = SARIFWriter.headerObject(request.headers)
            body = Body(text: request.body)
        }
    }

    private struct WebResponse: Encodable {
        let `protocol`: String
        let version: String
        let statusCode: Int?
        let headers: [String: String]?
        let body: Body?
        let noResponseReceived: Bool

        init(_ answer: ReportAnswer) {
            self.protocol = "HTTP"
            version = "1.1"
            switch answer {
            case .response(let response):
                statusCode = response.status
                headers = SARIFWriter.headerObject(response.headers)
                body = Body(text: response.body)
                noResponseReceived = false
            case .noAnswer:
                statusCode = nil
                headers = nil
                body = nil
                noResponseReceived = true
            }
        }
    }
}
