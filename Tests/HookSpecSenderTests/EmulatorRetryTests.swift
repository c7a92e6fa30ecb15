import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecSender
import NIOPosix
import Testing

/// `hookspec emulate` as a sender graded by `hookspec listen`: the whole compressed retry schedule,
/// then `disabled_due_to_failed_deliveries`.
@Suite("hookspec emulate retries and is graded by hookspec listen")
struct EmulatorRetryTests {
    func call(_ method: String, _ url: String, _ body: String = "") async throws -> (Int, JSONObject?) {
        let transport = try NIOProbeTransport(
            target: try ProbeTarget(url: url), configuration: TransportConfiguration(connectTimeoutSeconds: 30, totalTimeoutSeconds: 120),
            group: MultiThreadedEventLoopGroup.singleton)
        let answer = await transport.send(ProbeRequest(method: method, headers: [(Array("content-type".utf8), Array("application/json".utf8))], body: Array(body.utf8)))
        guard case .response(let response) = answer else { throw Failure.noAnswer }
        return (response.status, (try? StrictJSONParser().parse(response.body))?.objectValue)
    }

    enum Failure: Error { case noAnswer }

    @Test("a receiver answering 500 sees every retry of one event, then the webhook is disabled")
    func retriesThenDisabled() async throws {
        // With a real clock, an attempt signed in one second can arrive seconds later on a busy
        // machine, and the listener would rightly call its timestamp reused.
        let clock = SteppingClock()
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(timeFactor: 0.00002, deliveryTimeoutSeconds: 120, clock: { clock.read() }))
        let base = "http://127.0.0.1:\(try await emulator.start())/v1beta/webhooks"
        let (status, created) = try await call("POST", base, #"{"uri":"http://127.0.0.1:9/","subscribed_events":["batch.succeeded"]}"#)
        #expect(status == 200)
        let id = try #require(created?["id"]?.stringValue)
        let secret = try WebhookSecret(parsing: try #require(created?["new_signing_secret"]?.stringValue))

        let fixture = try await ListenFixture(secrets: [secret], answers: AnswerScript(statuses: [500]))
        let (patched, _) = try await call("PATCH", "\(base)/\(id)?update_mask=uri", #"{"uri":"http://127.0.0.1:\#(fixture.port)/hook"}"#)
        #expect(patched == 200)
        let (triggered, _) = try await call("POST", base.replacingOccurrences(of: "/v1beta/webhooks", with: "/hookspec/trigger"), #"{"type":"batch.succeeded","webhook":"\#(id)"}"#)
        #expect(triggered == 200)
        await emulator.waitForDeliveries()
        await fixture.listener.stop()

        let graded = fixture.listener.inspected
        #expect(graded.count == RetrySchedule.delays.count + 1)
        #expect(Set(graded.map(\.id)).count == 1)
        #expect(graded.map(\.attempt) == Array(1...graded.count))
        for delivery in graded { #expect(delivery.failedRules.isEmpty, "attempt \(delivery.attempt): \(delivery.results.filter { $0.verdict == .failed })") }
        #expect(emulator.webhook(id)?.state == .disabledDueToFailedDeliveries)
        let (_, got) = try await call("GET", "\(base)/\(id)")
        #expect(got?["state"]?.stringValue == "disabled_due_to_failed_deliveries")
        let (missing, error) = try await call("GET", "\(base)/nope")
        #expect(missing == 404)
        #expect(error?["error"]?.objectValue?["status"]?.stringValue == "NOT_FOUND")
        await emulator.stop()
    }

    @Test("the schedule is exponential and sums to 24 hours")
    func schedule() {
        #expect(RetrySchedule.delays.prefix(3) == [30, 60, 120])
        #expect(RetrySchedule.delays.reduce(0, +) == 86_400)
        #expect(RetrySchedule(timeFactor: 0.5).delay(beforeRetry: 1) == 15)
        #expect(RetrySchedule(timeFactor: 1).delay(beforeRetry: RetrySchedule.delays.count + 1) == nil)
    }
}
