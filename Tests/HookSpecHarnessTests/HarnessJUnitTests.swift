import Foundation
import HookSpecReport
import HookSpecVectors
import SurefireSchemaValidation
import Testing

/// `swift test --xunit-output` folds parameterized tests into one testcase, so the harness writes
/// its own JUnit with one testcase per vector (`reports/harness-vectors.xml`).
///
/// Only this one test writes the file (atomically), so Swift Testing's parallel execution
/// cannot interleave writers; it validates what it wrote in the same test.
@Suite struct HarnessJUnitTests {
    @Test func writesOneTestcasePerVectorAndValidates() async throws {
        let outcomes = VectorCatalog.runAll(HarnessPaths.context)
        let report = VectorRunReport.make(
            name: "harness-vectors", outcomes: outcomes,
            properties: [ReportProperty("wycheproof.dir", HarnessPaths.wycheproofDirectory ?? "(unset: skipped)")],
            timestamp: Date().ISO8601Format())
        try JUnitWriter().write(report, to: HarnessPaths.reportPath)

        var expectedCases = 0
        for outcome in outcomes {
            switch outcome {
            case .ran(let suite):
                expectedCases += suite.results.count
                #expect(suite.disagreements == 0, "\(suite.name): \(suite.disagreements) vectors disagree with the core")
            case .failed(let suite, let error):
                Issue.record("suite \(suite) could not run: \(error)")
            }
        }
        let deliveryCount = try HarnessVectors.deliveryCases().count
        #expect(expectedCases >= deliveryCount)

        let xml = try String(contentsOfFile: HarnessPaths.reportPath, encoding: .utf8)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == expectedCases)
        #expect(xml.contains("name=\"V1 standard-webhooks python sign\""))
        if HarnessPaths.wycheproofDirectory == nil {
            #expect(xml.contains("WYCHEPROOF_DIR is unset"))
        } else {
            #expect(xml.contains("wycheproof ed25519 tcId 1"))
        }

        let validator = try SurefireSchemaValidator.make()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-harness-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let problems = try await validator.problems(inJUnit: xml, scratch: scratch)
        #expect(problems.isEmpty, "\(problems)")
        #expect(SurefireSchemaValidator.suiteDocuments(of: xml).count == outcomes.count)
    }
}
