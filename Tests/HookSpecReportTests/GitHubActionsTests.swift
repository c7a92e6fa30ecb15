import Foundation
import Testing
@testable import HookSpecReport

/// Issue 11 item 7: the job page summary and `::error` annotations.
@Suite struct GitHubActionsTests {
    @Test func appendsToTheStepSummaryKeepingWhatIsThere() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-gh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("summary.md").path
        try GitHubActions.appendStepSummary("first", to: path)
        try GitHubActions.appendStepSummary(MarkdownReportWriter().render(ProbeLikeReports.mixed()), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("first\n\n## hookspec probe: FAIL"))
    }

    @Test func oneErrorAnnotationPerFailEscaped() {
        var report = ProbeLikeReports.mixed()
        report.suites[0].cases[3].reason = "100% bad,\nnext line: ::warning::x\r"
        let text = GitHubActions.errorAnnotations(report, file: "app/hooks.py")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("::error title=hookspec sig/") })
        #expect(lines[0].hasPrefix("::error title=hookspec sig/5 [critical],file=app/hooks.py::sig/5 title of sig/5: accepted a wrong secret (target http://127.0.0.1:8080/hook)"))
        #expect(lines[1] == "::error title=hookspec sig/4 [low],file=app/hooks.py::sig/4 title of sig/4: 100%25 bad,%0Anext line: ::warning::x\\u{D} (target http://127.0.0.1:8080/hook)")
        #expect(GitHubActions.property("a:b,c%") == "a%3Ab%2Cc%25")
        #expect(GitHubActions.errorAnnotations(ProbeLikeReports.unreachable(cases: 3)).isEmpty)
    }
}
