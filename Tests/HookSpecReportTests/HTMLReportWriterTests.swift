import Foundation
import TestTools
import Testing
@testable import HookSpecReport

/// Issue 11 item 6: a self-contained HTML report whose rendered DOM agrees with the JSON report.
@Suite struct HTMLReportWriterTests {
    @Test func staticPageIsSelfContainedAndEscapesEverything() {
        let html = HTMLReportWriter().render(ProbeLikeReports.mixed())
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        for fetch in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
            #expect(!html.contains(fetch), "the page would fetch: \(fetch)")
        }
        // The hostile answer body is text, never markup; ESC never reaches the page.
        #expect(!html.contains("<script>alert(1)") && !html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot; &#39;a&#39;"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the page's own script")
        for id in ["sig/5", "sig/3", "sig/4", "sig/2"] {
            #expect(html.contains("<li class=\"finding\" data-case-id=\"\(id)\""))
        }
        #expect(html.contains("<h4>Reproduction</h4>\n<pre class=\"repro\">curl -sS"))
        #expect(html.contains("<pre class=\"sent\">POST http://127.0.0.1:8080/hook\nwebhook-id: msg_1"))
        let unreachable = HTMLReportWriter().render(ProbeLikeReports.unreachable(cases: 12))
        #expect(unreachable.contains("<p class=\"unreachable\" id=\"unreachable\"><span class=\"verdict v-ERROR\">ERROR</span> Target http://127.0.0.1:9/hook is unreachable: connection refused"))
    }

    private func chromium() -> ExternalTool? { ReportChecks.chromium() }

    private static let chromiumFlags = ReportChecks.chromiumFlags

    private func number(in dom: String, attribute: String, value: String) -> Int? {
        ReportChecks.number(in: dom, attribute: attribute, value: value)
    }

    @Test func rendersInHeadlessChromiumWithTheJSONReportsCounts() async throws {
        guard let chromium = chromium() else {
            print("SKIPPED: chromium not found on PATH (Debian: apt-get install chromium; .ci/run installs it); the HTML report was not rendered")
            return
        }
        // One render of a report with every verdict; Chromium is heavy on a busy 2-core machine,
        // so the unreachable page is checked statically (staticPageIsSelfContained…) only.
        for report in [ProbeLikeReports.mixed()] {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-html-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let page = scratch.appendingPathComponent("probe.html")
            try HTMLReportWriter().write(report, to: page.path)
            let outcome = try await chromium.run(Self.chromiumFlags + ["--dump-dom", page.absoluteString])
            #expect(outcome.status == 0 && !outcome.timedOut, "\(outcome.errorOutput)")
            let dom = outcome.output
            #expect(dom.contains("data-rendered=\"yes\""), "the page's script did not run")

            let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportWriter().render(report).utf8)) as? [String: Any])
            let verdicts = try #require((json["totals"] as? [String: Any])?["verdicts"] as? [String: Int])
            let total = try #require((json["totals"] as? [String: Any])?["tests"] as? Int)
            for verdict in ReportVerdict.allCases {
                let expected = try #require(verdicts[verdict.rawValue])
                #expect(number(in: dom, attribute: "data-count-verdict", value: verdict.rawValue) == expected, "\(verdict)")
                #expect(number(in: dom, attribute: "data-dom-count-verdict", value: verdict.rawValue) == expected, "\(verdict) on the page")
            }
            #expect(number(in: dom, attribute: "id", value: "dom-count-total") == total)
            #expect(number(in: dom, attribute: "id", value: "shown-count") == total)
            for entry in report.overview.findings {
                #expect(dom.contains("<li class=\"finding\" data-case-id=\"\(entry.reportCase.id)\""))
            }
            #expect(!dom.contains("<img src=\"x\""), "the hostile body became markup")
        }
        // A screenshot for people (a generated file under reports/, not committed).
        let reports = ExternalTool.packageRoot.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let page = reports.appendingPathComponent("html-report-sample.html")
        try HTMLReportWriter().write(ProbeLikeReports.mixed(), to: page.path)
        let shot = reports.appendingPathComponent("html-report-sample.png")
        let outcome = try await chromium.run(Self.chromiumFlags + ["--screenshot=\(shot.path)", "--window-size=1280,2000", page.absoluteString])
        #expect(outcome.status == 0 && FileManager.default.fileExists(atPath: shot.path), "\(outcome.errorOutput)")
    }
}
