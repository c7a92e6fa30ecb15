import Foundation
import HookSpecCore
import HookSpecReport
import HookSpecSender
import HookSpecVectors
import Testing

@Suite("hookspec listen grades senders")
struct ListenGradingTests {
    @Test("a correct sender passes every rule, its retries are observed, and its deliveries replay")
    func correctSender() async throws {
        let secrets = [try ListenFixture.secret(1), try ListenFixture.secret(2)]
        let fixture = try await ListenFixture(secrets: secrets, answers: AnswerScript(statuses: [500, 200]))
        let first = ListenFixture.envelope("a"), second = ListenFixture.envelope("b")
        let now = ListenFixture.now()
        var statuses: [Int] = []
        statuses.append(try await fixture.post(ListenFixture.signed(id: "msg_a", timestamp: now, body: first, secrets: secrets), body: first))
        // The retry: same id and body, a fresh timestamp and so a fresh signature.
        statuses.append(try await fixture.post(ListenFixture.signed(id: "msg_a", timestamp: now + 1, body: first, secrets: secrets), body: first))
        statuses.append(try await fixture.post(ListenFixture.signed(id: "msg_b", timestamp: now, body: second, secrets: secrets), body: second))
        await fixture.listener.stop()
        let graded = fixture.listener.inspected

        #expect(statuses == [500, 200, 500])
        #expect(graded.map(\.attempt) == [1, 2, 1])
        #expect(graded.map(\.scheme) == [.v1, .v1, .v1])
        for delivery in graded { #expect(delivery.failedRules.isEmpty, "delivery \(delivery.delivery.index): \(delivery.results)") }
        #expect(graded[1].results.first { $0.rule == .retry }?.verdict == .passed)
        #expect(graded[1].delaySeconds != nil)
        #expect(graded[0].results.first { $0.rule == .everyLiveKey }?.verdict == .passed)

        let report = ListenReport.build(graded, timestamp: "2026-12-07T00:00:00Z", target: "test")
        #expect(report.suites.map(\.name) == ["delivery-1", "delivery-2", "delivery-3", "retries"])
        #expect(report.suites[0].cases.count == SenderRule.allCases.count)

        // The recording replays through the core, as `hookspec verify --headers --body --now` does.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-listen-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recording = DeliveryRecording(directory: directory, publicKeys: [], catalog: try EventCatalog.bundled())
        try recording.write(graded[1])
        let envelope = try RecordedEnvelope(json: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/delivery-002.json"))))
        #expect(envelope.secrets.isEmpty)
        #expect(envelope.expected.verification == "valid")
        #expect(envelope.expected.catalog.outcome == .valid)
        let headerBlock = try String(contentsOfFile: directory + "/delivery-002.headers", encoding: .utf8)
        let headers = try HeaderBlock.parse(headerBlock).get()
        let body = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/delivery-002.body")))
        #expect(body == Array(first.utf8))
        let replay = StandardWebhookVerifier(secrets: [secrets[1]]).verify(headers: headers, body: body, now: envelope.now)
        #expect((try? replay.get())?.id == "msg_a")
    }

    @Test("a faulty sender fails exactly the rules it breaks")
    func faultySender() async throws {
        let secrets = [try ListenFixture.secret(3), try ListenFixture.secret(4)]
        let fixture = try await ListenFixture(secrets: secrets, answers: AnswerScript(statuses: [500]))
        let now = ListenFixture.now()
        let a = ListenFixture.envelope("a"), b = ListenFixture.envelope("b"), c = ListenFixture.envelope("c"), d = ListenFixture.envelope("d")
        // 1: signs with the first live secret only.
        _ = try await fixture.post(ListenFixture.signed(id: "msg_1", timestamp: now, body: a, secrets: [secrets[0]]), body: a)
        // 2: text/plain and a timestamp 1000 s old.
        _ = try await fixture.post(ListenFixture.signed(id: "msg_2", timestamp: now - 1000, body: b, secrets: secrets) + [("content-type", "text/plain")], body: b)
        // 3: reuses id msg_1 for another event.
        _ = try await fixture.post(ListenFixture.signed(id: "msg_1", timestamp: now, body: c, secrets: secrets), body: c)
        // 4: retries delivery 2's event under a new id.
        _ = try await fixture.post(ListenFixture.signed(id: "msg_4", timestamp: now, body: b, secrets: secrets), body: b)
        // 5: base64 without its padding.
        var unpadded = ListenFixture.signed(id: "msg_5", timestamp: now, body: d, secrets: [secrets[0]])
        unpadded = unpadded.map { $0.0 == "webhook-signature" ? ($0.0, String($0.1.dropLast())) : $0 }
        _ = try await fixture.post(unpadded, body: d)
        await fixture.listener.stop()
        let graded = fixture.listener.inspected

        #expect(graded.count == 5)
        #expect(graded.map(\.failedRules) == [
            ["every-live-key"],
            ["content-type", "timestamp-fresh"],
            ["id-unique", "retry"],
            ["retry"],
            ["signature-canonical", "signature-valid"],
        ])
        #expect(graded.allSatisfy { $0.status == 500 })
        let report = ListenReport.build(graded, timestamp: "2026-12-07T00:00:00Z", target: "test")
        let failures = report.suites.flatMap(\.cases).filter { if case .failed = $0.outcome { true } else { false } }
        #expect(failures.count == 8)
    }

    @Test("the answer script goes attempt by attempt, per event type, and repeats its last status")
    func answerScript() throws {
        let script = AnswerScript(statuses: try AnswerScript.statuses(parsing: "500,503,200"), byType: ["batch.failed": [429, 200]])
        #expect((1...4).map { script.status(type: "batch.cancelled", attempt: $0) } == [500, 503, 200, 200])
        #expect((1...3).map { script.status(type: "batch.failed", attempt: $0) } == [429, 200, 200])
        #expect(throws: AnswerScript.Failure.self) { try AnswerScript.statuses(parsing: "500,abc") }
        #expect(throws: AnswerScript.Failure.self) { try AnswerScript.statuses(parsing: "") }
        #expect(throws: AnswerScript.Failure.self) { try AnswerScript.statuses(parsing: "99") }
    }

    @Test("the scheme is read from the signature header")
    func schemeDetection() {
        #expect(DetectedScheme(signatureHeader: "v1,abc") == .v1)
        #expect(DetectedScheme(signatureHeader: "v1a,abc") == .v1a)
        #expect(DetectedScheme(signatureHeader: "v1,abc v1a,def") == .v1AndV1a)
        #expect(DetectedScheme(signatureHeader: "eyJ.eyJ.sig") == .jwt)
        #expect(DetectedScheme(signatureHeader: "v2,abc") == .unknown)
        #expect(DetectedScheme(signatureHeader: nil) == .unknown)
    }
}
