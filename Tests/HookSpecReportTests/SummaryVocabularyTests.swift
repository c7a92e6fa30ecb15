import Foundation
import Testing
@testable import HookSpecReport

/// Issue 11 items 1-2: the verdict names everywhere a person reads, counts that add up, every
/// finding listed (most severe first), an unreachable target said once.
@Suite struct SummaryVocabularyTests {
    @Test func verdictCountsAddUpToTheTotal() {
        let totals = ProbeLikeReports.mixed().totals
        #expect(ReportVerdict.allCases.map(totals.count).reduce(0, +) == totals.tests)
        #expect(totals.tests == 9)
        #expect(totals.verdictSummary == "1 PASS, 2 FAIL, 1 NON-STRICT, 1 WRONG-CODE, 1 INFO, 1 INCONCLUSIVE, 1 ERROR, 1 SKIPPED")
        #expect(totals.overallVerdict == .fail)
    }

    @Test func findingsAreAcceptanceFirstThenBySeverity() {
        let ids = ProbeLikeReports.mixed().overview.findings.map(\.reportCase.id)
        // Critical FAIL, medium NON-STRICT, low FAIL, then the WRONG-CODE note even though it is critical.
        #expect(ids == ["sig/5", "sig/3", "sig/4", "sig/2"])
    }

    @Test func terminalUsesVerdictNamesListsFindingsAndEndsWithPaths() {
        let text = TerminalSummaryWriter(listSkipped: true).render(ProbeLikeReports.mixed(), reportPaths: ["reports/probe.xml", "reports/probe.json"])
        for word in ["passed", "failed", "skipped", "errors", " tests"] {
            #expect(!text.contains(word), "JUnit word \(word) in the terminal summary")
        }
        #expect(text.contains("suite  cases  PASS  FAIL  NON-STRICT  WRONG-CODE  INFO  INCONCLUSIVE  ERROR  SKIPPED"))
        let order = ["FAIL  [critical] sig/5", "NON-STRICT  [medium] sig/3", "FAIL  [low] sig/4", "WRONG-CODE  [critical] sig/2"]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "\(text)")
        #expect(positions.compactMap { $0 }.sorted() == positions.compactMap { $0 })
        #expect(text.contains("    refused with 422, not 400/401/403\n"))
        #expect(text.contains("ERROR  ts/3 title of ts/3 (ts)\n    timeout after 5 s"))
        #expect(text.contains("INCONCLUSIVE  ts, 1 case: baseline refused (ts/2)"))
        #expect(text.hasSuffix("FAIL  9 cases: 1 PASS, 2 FAIL, 1 NON-STRICT, 1 WRONG-CODE, 1 INFO, 1 INCONCLUSIVE, 1 ERROR, 1 SKIPPED\nReports: reports/probe.xml, reports/probe.json\n"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func markdownListsEveryFindingWithReasonAndDetail() {
        let text = MarkdownReportWriter().render(ProbeLikeReports.mixed())
        for word in ["passed", "failed", "skipped"] { #expect(!text.contains(word)) }
        #expect(text.contains("**9 cases: 1 PASS, 2 FAIL, 1 NON-STRICT, 1 WRONG-CODE, 1 INFO, 1 INCONCLUSIVE, 1 ERROR, 1 SKIPPED**"))
        #expect(text.contains("| **total** | 9 | 1 | 2 | 1 | 1 | 1 | 1 | 1 | 1 |"))
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("- **") && $0.contains("`sig/") }.map(String.init)
        #expect(lines == [
            "- **FAIL** critical `sig/5` title of sig/5: accepted a wrong secret",
            "- **NON-STRICT** medium `sig/3` title of sig/3: accepted a non-canonical signature",
            "- **FAIL** low `sig/4` title of sig/4: accepted a decoy entry",
            "- **WRONG-CODE** critical `sig/2` title of sig/2: refused with 422, not 400/401/403",
        ])
        // The sent block names the method and the URL; the answer body is fenced, never live HTML.
        #expect(text.contains("```http\nPOST http://127.0.0.1:8080/hook\nwebhook-id: msg_1"))
        #expect(text.contains("```http\nHTTP 200 after 0.004 s\ncontent-type: text/plain\n\n<script>"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("<details><summary>reproduction</summary>\n\n```sh\ncurl -sS"))
    }

    @Test func anUnreachableTargetIsOneFact() throws {
        let report = ProbeLikeReports.unreachable(cases: 40)
        let fact = try #require(report.overview.unreachable)
        #expect(fact.cause == "connection refused")
        #expect(fact.sentCaseIDs == ["sig/1", "sig/2"])
        #expect(fact.unsentCaseIDs.count == 38)
        let terminal = TerminalSummaryWriter().render(report, reportPaths: ["reports/probe.json"])
        #expect(terminal.components(separatedBy: "connection refused").count == 2, "\(terminal)")
        #expect(terminal.contains("Target http://127.0.0.1:9/hook is unreachable: connection refused (nothing listens on 127.0.0.1:9)"))
        #expect(terminal.split(separator: "\n").count < 12, "\(terminal)")
        let markdown = MarkdownReportWriter().render(report)
        #expect(!markdown.contains("#### ERROR"))
        #expect(markdown.split(separator: "\n").count < 20)
        // The machine-readable report keeps every case and groups them by cause.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportWriter().render(report).utf8)) as? [String: Any])
        let groups = try #require(json["noAnswer"] as? [[String: Any]])
        #expect(groups.map { $0["cause"] as? String } == ["connection refused", "not sent"])
        #expect((groups[1]["cases"] as? [String])?.count == 38)
        #expect((json["unreachable"] as? [String: Any])?["cause"] as? String == "connection refused")
    }

    @Test func oneAnswerMeansNotUnreachable() {
        var report = ProbeLikeReports.unreachable(cases: 3)
        report.suites[0].cases[2].exchanges = [ProbeLikeReports.exchange(status: 401)]
        #expect(report.overview.unreachable == nil)
        #expect(MarkdownReportWriter().render(report).contains("#### ERROR `sig/1`"))
    }

    @Test func junitKeepsItsMappingAndCarriesTypedFields() {
        let xml = JUnitWriter().render(ProbeLikeReports.mixed())
        // SPEC §9.7: FAIL → failure, ERROR → error, SKIPPED and INCONCLUSIVE → skipped, the rest pass.
        #expect(xml.contains("<testsuites name=\"hookspec probe\" tests=\"9\" errors=\"1\" skipped=\"2\" failures=\"2\""))
        #expect(xml.contains("severity: critical\nreference: SPEC §3.1\nrule: rule of sig/5"))
        #expect(xml.contains("reproduction:\ncurl -sS"))
    }
}
