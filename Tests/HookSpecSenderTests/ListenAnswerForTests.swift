import Foundation
import HookSpecCore
import HookSpecReport
import HookSpecSender
import Testing

/// `--answer-for` end to end: the emulator sends two event types to a listener whose script
/// fails one type once; the report shows the retry of that type only.
@Suite("hookspec listen --answer-for scripts one event type")
struct ListenAnswerForTests {
    @Test("batch.failed=500,200 makes the emulator retry batch.failed once; batch.succeeded is answered 200 at once")
    func answerForOneType() async throws {
        let clock = SteppingClock()
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(timeFactor: 0.001, deliveryTimeoutSeconds: 120, clock: { clock.read() }))
        let base = "http://127.0.0.1:\(try await emulator.start())/v1beta/webhooks"
        let rest = EmulatorRetryTests()
        let (_, created) = try await rest.call("POST", base, #"{"uri":"http://127.0.0.1:9/","subscribed_events":["batch.failed","batch.succeeded"]}"#)
        let id = try #require(created?["id"]?.stringValue)
        let secret = try WebhookSecret(parsing: try #require(created?["new_signing_secret"]?.stringValue))

        // The command line's own parsing of `--answer 200 --answer-for batch.failed=500,200`.
        let script = try AnswerScript(parsing: "200", perType: ["batch.failed=500,200"])
        let fixture = try await ListenFixture(secrets: [secret], answers: script)
        let (patched, _) = try await rest.call("PATCH", "\(base)/\(id)?update_mask=uri", #"{"uri":"http://127.0.0.1:\#(fixture.port)/hook"}"#)
        #expect(patched == 200)
        let failed = emulator.dispatch(type: "batch.failed", webhookID: id, force: false)
        let succeeded = emulator.dispatch(type: "batch.succeeded", webhookID: id, force: false)
        await emulator.waitForDeliveries()
        await fixture.listener.stop()

        let graded = fixture.listener.inspected
        #expect(graded.filter { $0.id == failed }.map(\.status) == [500, 200])
        #expect(graded.filter { $0.id == succeeded }.map(\.status) == [200])
        for delivery in graded { #expect(delivery.failedRules.isEmpty, "\(delivery.eventType ?? "-") attempt \(delivery.attempt): \(delivery.results.filter { $0.verdict == .failed })") }
        #expect(emulator.webhook(id)?.state == .enabled)

        let report = ListenReport.build(graded, timestamp: "2026-12-07T00:00:00Z", target: "test")
        let retries = try #require(report.suites.first { $0.name == "retries" })
        #expect(retries.cases.map(\.id) == ["retries/\(failed)"])
        #expect(retries.cases.first?.reason?.contains("attempt 1: answered 500; attempt 2: answered 200 after") == true)
        let json = JSONReportWriter().render(report)
        #expect(json.contains("retry schedule of \(failed)"))
        #expect(!json.contains("retry schedule of \(succeeded)"))
        await emulator.stop()
    }

    @Test("a per-type script without TYPE= is refused")
    func badPerType() {
        #expect(throws: AnswerScript.Failure.notTypeScript("500,200")) { try AnswerScript(parsing: "200", perType: ["500,200"]) }
        #expect(throws: AnswerScript.Failure.badStatus("abc")) { try AnswerScript(parsing: "200", perType: ["batch.failed=abc"]) }
    }
}
