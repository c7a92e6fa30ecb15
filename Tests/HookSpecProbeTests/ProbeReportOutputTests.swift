import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecReport
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import TestTools
import Testing

@testable import HookSpecProbe

/// Issue 11 on the probe side: the reports of real runs (typed fields, SARIF, HTML, counts that
/// add up, one unreachable fact), `--replay`, and key files; reproductions run in `ReproductionRunTests`.
@Suite("Probe reports of real runs", .serialized)
struct ProbeReportOutputTests {
    /// A session against a receiver at `url` that trusts `secret`, reports in a scratch directory.
    private func probe(url: String, secret: WebhookSecret, selection: CaseSelection, label: String) async throws -> ProbeSessionOutcome {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let options = ProbeSessionOptions(
            url: url, scheme: .fixed(.v1), secret: secret, selection: selection,
            transport: patientTransport, latency: patientLatency, reports: temporaryReportPaths(label), toolVersion: "test")
        let outcome = await ProbeSession(options: options, launcher: nil, group: group).run()
        try await group.shutdownGracefully()
        return outcome
    }

    /// Runs `body` with the reference receiver (or `mutant`) for `v1` under `secret` on a free port.
    private func withReceiver(
        mutant: ReceiverMutant?, secret: WebhookSecret, frozen: NIOLockedValueBox<Int64?> = NIOLockedValueBox(nil), _ body: (String) async throws -> Void
    ) async throws {
        // The receiver reads the real clock until a test freezes it (reproductions then run at that time).
        let launcher = ReferenceReceiverLauncher { configuration in
            configuration.clock = { frozen.withLockedValue { $0 } ?? Int64(Date().timeIntervalSince1970.rounded(.down)) }
        }
        let handle = try await launcher.launch(
            EmbeddedReceiverSetup(scheme: .v1, secret: secret, jwksURL: nil, audience: RSARunKeys.defaultAudience, mutant: mutant?.name))
        do {
            try await body(handle.url)
        } catch {
            await handle.stop()
            throw error
        }
        await handle.stop()
    }

    /// `N cases: a PASS, b FAIL, …` → N and the sum of the parts.
    private func countsLine(_ text: String, prefix: String) -> (total: Int, sum: Int)? {
        for line in text.split(separator: "\n") {
            guard let range = line.range(of: prefix) else { continue }
            let rest = line[range.upperBound...]
            guard let colon = rest.firstIndex(of: ":"), let total = Int(rest[..<colon].split(separator: " ").first ?? "") else { continue }
            let parts = rest[rest.index(after: colon)...].split(separator: ",").compactMap { Int($0.split(separator: " ").first ?? "") }
            return (total, parts.reduce(0, +))
        }
        return nil
    }

    @Test func reportsOfARealRunValidateRenderAndAddUp() async throws {
        let secret = try WebhookSecret.random()
        for mutant in [nil, ReceiverMutant.substringSignatureMatch] {
            try await withReceiver(mutant: mutant, secret: secret) { url in
                let outcome = try await probe(url: url, secret: secret, selection: CaseSelection(only: ["sig", "hdr", "ts"]), label: "real")
                let report = try #require(outcome.report)
                #expect(outcome.reportFailures.isEmpty)
                #expect(outcome.reportPaths.count == 5, "\(outcome.reportPaths)")

                // Typed fields: every sent case has its verdict, severity, rule, exchanges; findings a reproduction.
                let sentCases = report.suites.flatMap(\.cases).filter { $0.verdict != .skipped }
                #expect(sentCases.allSatisfy { $0.severity != nil && $0.rule != nil && $0.expected != nil && $0.reason != nil && !$0.exchanges.isEmpty })
                #expect(report.overview.findings.allSatisfy { $0.reportCase.reproduction != nil })
                #expect(report.target == url)
                if mutant != nil { #expect(!report.overview.findings.isEmpty) }

                // Terminal and Markdown counts add up to the JSON's.
                let totals = report.totals
                let terminal = TerminalSummaryWriter().render(report, reportPaths: outcome.reportPaths)
                let counted = try #require(countsLine(terminal, prefix: "  "))
                #expect(counted.total == totals.tests && counted.sum == totals.tests, "\(terminal)")
                #expect(terminal.hasSuffix("Reports: " + outcome.reportPaths.joined(separator: ", ") + "\n"))
                let markdown = try String(contentsOfFile: try #require(outcome.reportPaths.first { $0.hasSuffix(".md") }), encoding: .utf8)
                for entry in report.overview.findings { #expect(markdown.contains(entry.reportCase.id), "\(entry.reportCase.id) not listed") }
                let verdictSum = ReportVerdict.allCases.reduce(0) { $0 + totals.count($1) }
                #expect(verdictSum == totals.tests)

                // SARIF of the run validates against the 2.1.0 schema.
                let sarif = try String(contentsOfFile: try #require(outcome.reportPaths.first { $0.hasSuffix(".sarif") }), encoding: .utf8)
                switch try await ReportChecks.sarifSchemaProblems(sarif) {
                case .skipped(let why): print("SKIPPED: " + why)
                case .problems(let problems): #expect(problems.isEmpty, "\(problems)")
                }
                if !report.overview.findings.isEmpty { #expect(sarif.contains(ProbeReportPaths.defaultSARIFLocation)) }

                // The HTML renders in headless Chromium with the JSON's counts (once: Chromium is heavy).
                guard mutant != nil else { return }
                guard let chromium = ReportChecks.chromium() else {
                    print("SKIPPED: chromium not found on PATH (Debian: apt-get install chromium; .ci/run installs it); the HTML report was not rendered")
                    return
                }
                let html = try #require(outcome.reportPaths.first { $0.hasSuffix(".html") })
                let rendered = try await chromium.run(ReportChecks.chromiumFlags + ["--dump-dom", URL(fileURLWithPath: html).absoluteString])
                #expect(rendered.status == 0 && !rendered.timedOut, "\(rendered.errorOutput)")
                let jsonPath = try #require(outcome.reportPaths.first { $0.hasSuffix(".json") })
                let jsonObject = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath)))
                let json = try #require(jsonObject as? [String: Any])
                let verdicts = try #require((json["totals"] as? [String: Any])?["verdicts"] as? [String: Int])
                for verdict in ReportVerdict.allCases {
                    #expect(ReportChecks.number(in: rendered.output, attribute: "data-count-verdict", value: verdict.rawValue) == verdicts[verdict.rawValue], "\(verdict)")
                }
                for entry in report.overview.findings {
                    #expect(rendered.output.contains("data-case-id=\"\(entry.reportCase.id)\""))
                }
            }
        }
    }

    @Test func aRefusedPortIsOneFact() async throws {
        let reserved = try #require(ReservedClosedPort())
        defer { withExtendedLifetime(reserved) {} }
        let outcome = try await probe(url: "http://127.0.0.1:\(reserved.port)/hook", secret: testSecret, selection: .init(), label: "refused")
        let report = try #require(outcome.report)
        let unreachable = try #require(report.overview.unreachable)
        #expect(unreachable.cause == "connection refused")
        let terminal = TerminalSummaryWriter().render(report, reportPaths: outcome.reportPaths)
        #expect(terminal.components(separatedBy: "is unreachable").count == 2, "\(terminal)")
        #expect(terminal.split(separator: "\n").count < 40, "\(terminal)")
        let markdown = MarkdownReportWriter().render(report)
        #expect(markdown.components(separatedBy: "is unreachable").count == 2)
        #expect(markdown.split(separator: "\n").count < 60, "\(markdown.split(separator: "\n").count) lines")
        // The machine-readable report keeps the unsent cases, grouped.
        let json = JSONReportWriter().render(report)
        #expect(json.contains("\"cause\" : \"not sent\""))
    }

    @Test func replayRunsTheCasesOfAnEarlierReportAgain() async throws {
        let secret = try WebhookSecret.random()
        try await withReceiver(mutant: .truncatedSignatureMatch, secret: secret) { url in
            let first = try await probe(url: url, secret: secret, selection: CaseSelection(only: ["sig"]), label: "replay-1")
            let failed = try #require(first.result).ids(.fail)
            #expect(!failed.isEmpty)
            let json = try #require(first.reportPaths.first { $0.hasSuffix(".json") })
            let plan = try ProbeReplayPlan(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: json))), verdicts: [.fail])
            #expect(plan.scheme == .v1)
            #expect(plan.caseIDs == failed)
            let second = try await probe(url: url, secret: secret, selection: plan.selection, label: "replay-2")
            let rerun = try #require(second.result)
            #expect(rerun.ids(.fail) == failed)
            let sentAgain = rerun.results.filter { !$0.exchanges.isEmpty }.map(\.probeCase.id)
            #expect(Set(sentAgain) == Set(failed + rerun.results.filter { $0.probeCase.group == .baseline }.map(\.probeCase.id)))
            // Fresh ids: no id of the first run is sent again.
            let firstIDs = Set(try #require(first.result).results.flatMap(\.exchanges).compactMap(\.prepared.webhookID))
            #expect(rerun.results.flatMap(\.exchanges).compactMap(\.prepared.webhookID).allSatisfy { !firstIDs.contains($0) })
        }
        #expect(throws: ProbeReplayError.self) { try ProbeReplayPlan(parsing: Array("{}".utf8)) }
    }

    @Test func keyFileKeysSignEveryScheme() throws {
        let file = try KeyFile.generate(secret: true, ed25519: 2, rsa: 2)
        guard case .v1(let v1) = try ProbeKeys.fromKeyFile(file, scheme: .v1, audience: "a") else { Issue.record("not v1"); return }
        #expect(v1.secret.exportedText() == file.secret?.exportedText())
        guard case .v1a(let v1a) = try ProbeKeys.fromKeyFile(file, scheme: .v1a, audience: "a") else { Issue.record("not v1a"); return }
        #expect(v1a.published.map(\.keyID) == file.ed25519Keys.map(\.keyID))
        guard case .jwt(let jwt) = try ProbeKeys.fromKeyFile(file, scheme: .jwt, audience: "a") else { Issue.record("not jwt"); return }
        #expect([jwt.primary.keyID, jwt.rotation.keyID] == file.rsaKeys.map(\.keyID))
        let small = try KeyFile.generate(secret: false, ed25519: 1, rsa: 0)
        #expect(throws: ProbeKeyFileError.self) { try ProbeKeys.fromKeyFile(small, scheme: .v1a, audience: "a") }
        #expect(throws: ProbeKeyFileError.self) { try ProbeKeys.fromKeyFile(small, scheme: .v1, audience: "a") }
    }
}
