import Foundation
import TestTools
import Testing
@testable import HookSpecReport

/// Issue 11 item 5: SARIF 2.1.0 that validates, one rule per case, one result per finding,
/// stable fingerprints, a repository-relative location and the target in properties.
@Suite struct SARIFWriterTests {
    /// Problems the SARIF 2.1.0 schema finds in `text`; nil (with a note) when ../shared is absent.
    private func schemaProblems(_ text: String) async throws -> String? {
        switch try await ReportChecks.sarifSchemaProblems(text) {
        case .skipped(let why):
            print("SKIPPED: " + why)
            return nil
        case .problems(let problems):
            return problems
        }
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
