import Foundation
import HookSpecCore
import HookSpecReport
import Testing

@testable import HookSpecProbe

@Suite("Runner: baseline first, diagnostics, reports always written")
struct RunnerTests {
    @Test func aCorrectFakeReceiverHasNoFailOrError() async {
        let runner = ProbeRunner(transport: verifyingTransport(secret: testSecret), keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "fake", toolVersion: "test"))
        #expect(result.ids(.fail).isEmpty, "\(result.explain(.fail))")
        #expect(result.ids(.error).isEmpty)
        #expect(result.baselineHeld && result.diagnosis == nil && result.exitCode == 0)
    }

    /// A receiver that uses the secret text (whsec_ included) as the HMAC key: SPEC §9.6's first mistake.
    @Test func refusedBaselineMakesNegativesInconclusiveAndDiagnosesTheMistake() async throws {
        let wrongKey = try WebhookSecret(rawBytes: Array(testSecret.exportedText().utf8), options: .anyLength)
        let runner = ProbeRunner(transport: verifyingTransport(secret: wrongKey), keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "fake", toolVersion: "test"))
        #expect(!result.baselineHeld)
        #expect(result.results.filter { $0.probeCase.group == .baseline }.allSatisfy { $0.grade.verdict == .fail })
        #expect(result.results.first { $0.probeCase.id == "sig/1" }?.grade.verdict == .inconclusive)
        #expect(result.results.first { $0.probeCase.id == "ts/1" }?.grade.verdict == .inconclusive)
        // The wrong-key case is signed exactly the way this receiver verifies: accepting it is a real FAIL.
        #expect(result.results.first { $0.probeCase.id == "sig/18" }?.grade.verdict == .fail)
        let diagnosis = try #require(result.diagnosis)
        #expect(diagnosis.attempts.filter(\.accepted).map(\.name) == ["secret-text-with-prefix"])
        #expect(diagnosis.conclusion.contains("whole secret text"))
        #expect(result.exitCode == 1)
        let report = ProbeReportBuilder(leakDetector: LeakDetector(secret: testSecret)).report(result)
        #expect(report.properties.contains { $0.name == "diagnosis" && $0.value.contains("secret-text-with-prefix") })
    }

    @Test func everyDiagnosticVariantIsRecognised() async throws {
        // Receivers that make each mistake, faked by answering 200 only to that variant's shape.
        let cases: [(String, @Sendable (ProbeRequest) -> Bool)] = [
            ("hex-signature", { request in Self.signature(request).map { $0.count == 67 } ?? false }),
            ("bare-signature", { request in Self.signature(request).map { !$0.contains(",") } ?? false }),
            ("milliseconds-header", { request in Self.header(request, "webhook-timestamp").map { $0.count == 13 } ?? false }),
        ]
        for (name, accepts) in cases {
            let transport = ScriptedTransport { request in
                .response(ProbeResponse(status: accepts(request) ? 200 : 401, headers: [], body: [], latencySeconds: 0))
            }
            let runner = ProbeRunner(transport: transport, keys: .v1(HMACRunKeys(secret: testSecret)))
            let result = await runner.run(ProbeConfiguration(targetDescription: "fake", selection: CaseSelection(only: ["baseline"]), toolVersion: "test"))
            #expect(result.diagnosis?.attempts.filter(\.accepted).map(\.name) == [name])
        }
    }

    static func header(_ request: ProbeRequest, _ name: String) -> String? {
        request.headers.first { String(decoding: $0.name, as: UTF8.self).lowercased() == name }.map { String(decoding: $0.value, as: UTF8.self) }
    }

    static func signature(_ request: ProbeRequest) -> String? { header(request, "webhook-signature") }

    @Test func aDeadTargetGivesErrorsQuicklyAndReportsAreStillWritten() async throws {
        let sent = Counter()
        let transport = ScriptedTransport { _ in
            sent.increment()
            return .transportFailure(.connectionRefused)
        }
        let runner = ProbeRunner(transport: transport, keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "http://127.0.0.1:9/hook", toolVersion: "test"))
        #expect(result.results.filter { $0.grade.verdict != .skipped }.allSatisfy { $0.grade.verdict == .error })
        #expect(sent.value == 3, "stops sending after 3 failures in a row")
        #expect(result.exitCode == 2)
        #expect(result.diagnosis == nil, "no diagnostics without any answer")

        let paths = temporaryReportPaths("dead")
        let report = ProbeReportBuilder(leakDetector: LeakDetector(secret: testSecret)).report(result)
        #expect(paths.write(report).failures.isEmpty)
        for path in [paths.junit, paths.json, paths.markdown] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
        let xml = try String(contentsOfFile: paths.junit, encoding: .utf8)
        #expect(xml.contains("<error"))
    }

    @Test func reportsCarryVersionsSeverityAndARedactedReproduction() async throws {
        let runner = ProbeRunner(transport: verifyingTransport(secret: testSecret), keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "http://127.0.0.1:1/hook", selection: CaseSelection(only: ["sig/1", "rot/2"]), toolVersion: "9.9.9"))
        let report = ProbeReportBuilder(leakDetector: LeakDetector(secret: testSecret)).report(result)
        #expect(report.properties.contains(ReportProperty("hookspec.version", "9.9.9")))
        #expect(report.properties.contains(ReportProperty("catalog.version", ProbeCatalog.version)))
        #expect(report.suites.map(\.name) == ProbeGroup.allCases.map(\.rawValue))
        let rot2 = try #require(report.suites.flatMap(\.cases).first { $0.id == "rot/2" })
        #expect(rot2.className == "rot" && rot2.properties.contains(ReportProperty("severity", "high")))
        // The exchange shows the header redacted; the reproduction recomputes the valid entry and prints the decoy.
        let header = try #require(rot2.exchanges.first?.request.headers.first { $0.name == "webhook-signature" })
        #expect(header.value == "v1,<44 chars, not shown> v1,<44 chars, not shown>")
        let script = try #require(rot2.reproduction)
        #expect(rot2.systemOut?.contains(script) == true)
        #expect(script.contains("curl ") && script.contains("openssl dgst -sha256 -mac HMAC") && script.contains("-H $'webhook-signature: v1,") && script.hasSuffix("\n  --data-binary @\"$dir/body1\""))
        #expect(script.contains(" v1,'\"${m1}\""), "\(script)")
        // No secret form and no real MAC reaches any rendered report.
        let sent = try #require(result.results.first { $0.probeCase.id == "rot/2" }?.exchanges.first?.prepared)
        let rendered = JUnitWriter().render(report) + JSONReportWriter().render(report) + MarkdownReportWriter().render(report)
            + SARIFWriter(location: "a").render(report) + HTMLReportWriter().render(report) + TerminalSummaryWriter(listPassed: true).render(report)
        #expect(!rendered.contains(String(testSecret.exportedText().dropFirst(6).prefix(16))))
        #expect(!rendered.contains(String(Base64Codec.encode(sent.confidential.first ?? []).prefix(16))))
    }
}

/// A thread-safe counter for transports driven from the runner.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
