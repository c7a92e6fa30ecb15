import HookSpecReport
import HookSpecVectors
import Testing

/// Vector results become report cases the way SPEC §9.7 and the summary table need.
@Suite struct VectorReportTests {
    static let suite = VectorSuiteResult(name: "s", results: [
        VectorResult(name: "agrees", source: "p", expected: "valid", actual: "valid"),
        VectorResult(name: "disagrees", source: "p", expected: "valid", actual: "signature_mismatch"),
        VectorResult(name: "skipped", source: "p", expected: "valid", actual: "not run", verdict: .skipped(reason: "truncated tag")),
        VectorResult(name: "acceptable", source: "p", expected: "acceptable", actual: "invalid", verdict: .acceptable(note: "the core rejects it")),
    ])

    @Test func verdictsMapToOutcomes() {
        let cases = Self.suite.reportSuite().cases
        #expect(cases.map(\.outcome.kind) == [.passed, .failed, .skipped, .passed])
        #expect(cases[1].outcome.message == "expected valid, core said signature_mismatch")
        #expect(cases[2].outcome.message == "truncated tag")
        #expect(cases[3].displayVerdict == "ACCEPTABLE: the core rejects it")
        #expect(cases.allSatisfy { $0.className == "s" })
        #expect(cases[0].displayName == "agrees")
    }

    @Test func summaryTableCountsEveryVerdict() {
        let failed = VectorSuiteOutcome.failed(suite: "broken", error: .notJSON(path: "x.json", reason: "JSON ends early"))
        let text = VectorRunReport.table([.ran(Self.suite), failed]).render()
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "suite   vectors  agree  disagree  skipped  acceptable")
        #expect(lines[2] == "s             4      1         1        1           1")
        #expect(lines[3].hasPrefix("broken    ERROR"))
        #expect(lines[4] == "total         4      1         1        1           1")
        let report = VectorRunReport.make(name: "r", outcomes: [.ran(Self.suite), failed], properties: [], timestamp: "")
        #expect(report.totals.errors == 1)
        #expect(report.suites[1].cases.first?.outcome.message == "x.json: not strict JSON: JSON ends early")
    }
}
