import Foundation
import TestTools
import Testing
@testable import HookSpecReport

/// Issue 11 item 5: SARIF 2.1.0 that validates, one rule per case, one result per finding,
/// stable fingerprints, a repository-relative location and the target in properties.
@Suite struct SARIFWriterTests {
    private static let validator = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path), error.message)
        sys.exit(1 if errors else 0)
        """

    /// Problems the SARIF 2.1.0 schema finds in `text`; nil (with a note) when ../shared is absent.
    private func schemaProblems(_ text: String) async throws -> String? {
        guard let schema = ExternalTool.shared("schemas/sarif-schema-2.1.0.json") else {
            print("SKIPPED: ../shared/schemas/sarif-schema-2.1.0.json is absent (upstream: https://github.com/oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json); SARIF not validated")
            return nil
        }
        let python = try #require(ExternalTool.find("python3"), "python3 not on PATH; .ci/run provides it")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let script = scratch.appendingPathComponent("validate.py"), document = scratch.appendingPathComponent("report.sarif")
        try Self.validator.write(to: script, atomically: true, encoding: .utf8)
        try text.write(to: document, atomically: true, encoding: .utf8)
        let outcome = try await python.run([script.path, schema.path, document.path])
        #expect(!outcome.errorOutput.contains("ModuleNotFoundError"), "pip install jsonschema (.ci/run does): \(outcome.errorOutput)")
        return outcome.status == 0 ? "" : outcome.output + outcome.errorOutput
    }

    private func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func validatesAgainstTheSARIFSchema() async throws {
        let text = SARIFWriter(location: "app/webhooks.py", toolVersion: "0.1.0").render(ProbeLikeReports.mixed())
        guard let problems = try await schemaProblems(text) else { return }
        #expect(problems.isEmpty, "\(problems)")
        // An unreachable run (responses absent) validates too.
        guard let unreachable = try await schemaProblems(SARIFWriter(location: "app.py").render(ProbeLikeReports.unreachable(cases: 3))) else { return }
        #expect(unreachable.isEmpty, "\(unreachable)")
    }

    @Test func theValidatorCanFail() async throws {
        // A wrong version must be refused, or the check above proves nothing.
        let text = SARIFWriter(location: "a.py").render(ProbeLikeReports.mixed())
            .replacingOccurrences(of: "\"version\" : \"2.1.0\"", with: "\"version\" : \"2.0.0\"")
        guard let problems = try await schemaProblems(text) else { return }
        #expect(!problems.isEmpty)
    }

    @Test func oneRulePerCaseOneResultPerFinding() throws {
        let document = try parse(SARIFWriter(location: "app/webhooks.py", toolVersion: "0.1.0").render(ProbeLikeReports.mixed()))
        #expect(document["version"] as? String == "2.1.0")
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == 9)
        let rule = try #require(rules.first { $0["id"] as? String == "sig/5" })
        #expect((rule["fullDescription"] as? [String: String])?["text"] == "rule of sig/5")
        #expect((rule["help"] as? [String: String])?["text"]?.contains("Reference: SPEC §3.1.") == true)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["sig/5", "sig/3", "sig/4", "sig/2"])
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "note", "note"])
        for result in results {
            let id = try #require(result["ruleId"] as? String)
            #expect(rules[try #require(result["ruleIndex"] as? Int)]["id"] as? String == id)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((location["artifactLocation"] as? [String: String])?["uri"] == "app/webhooks.py")
            #expect((result["properties"] as? [String: String])?["target"] == ProbeLikeReports.target)
            let request = try #require(result["webRequest"] as? [String: Any])
            #expect(request["target"] as? String == ProbeLikeReports.target)
            #expect((request["headers"] as? [String: String])?["webhook-id"] == "msg_1")
            #expect((result["webResponse"] as? [String: Any])?["statusCode"] is Int)
        }
        #expect((run["properties"] as? [String: String])?["target"] == ProbeLikeReports.target)
    }

    @Test func fingerprintsDependOnCaseTargetAndRuleOnly() throws {
        func fingerprints(_ report: TestReport) throws -> [String] {
            let run = try #require((try parse(SARIFWriter(location: "a.py").render(report))["runs"] as? [[String: Any]])?.first)
            return try #require(run["results"] as? [[String: Any]]).compactMap {
                ($0["partialFingerprints"] as? [String: String])?[SARIFWriter.fingerprintKey]
            }
        }
        let first = ProbeLikeReports.mixed()
        var second = first
        // Another run: other ids, timestamps, latencies and answer bodies.
        second.timestamp = "2026-12-07T01:00:00Z"
        for suite in second.suites.indices {
            for index in second.suites[suite].cases.indices {
                second.suites[suite].cases[index].exchanges = [ProbeLikeReports.exchange(status: 200, body: "other \(index)")]
                second.suites[suite].cases[index].exchanges[0].request.headers[0] = ReportHeader("webhook-id", "msg_\(index)_b")
            }
        }
        #expect(try fingerprints(first) == fingerprints(second))
        #expect(Set(try fingerprints(first)).count == 4)
        var otherTarget = first
        otherTarget.target = "http://other.example/hook"
        #expect(try fingerprints(first) != fingerprints(otherTarget))
    }
}
