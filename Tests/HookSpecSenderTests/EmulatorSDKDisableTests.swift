import Foundation
import HookSpecCore
import HookSpecSender
import Testing

/// The disabled-webhook path seen through the google-genai SDK: a webhook made with the SDK whose
/// receiver answers 500 through the whole compressed retry schedule reads back as
/// `disabled_due_to_failed_deliveries`.
@Suite("hookspec emulate disables a failing webhook, as the SDK sees it", .serialized)
struct EmulatorSDKDisableTests {
    static let script = #"""
    hooks = client.webhooks
    if phase == "create":
        created = hooks.create(subscribed_events=["batch.succeeded"], uri=sys.argv[3], name="failing")
        print(json.dumps({"id": created.id, "secret": created.new_signing_secret, "state": created.state}))
    elif phase == "get":
        print(json.dumps({"state": hooks.get(sys.argv[3]).state}))
    """#

    @Test("a receiver answering 500 sees every attempt of one event, then the SDK reads disabled_due_to_failed_deliveries")
    func disabledThroughSDK() async throws {
        // Each read a second later than the last: every attempt is signed at its own second,
        // however the busy machine spaces the attempts (see SteppingClock).
        let clock = SteppingClock()
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(timeFactor: 0.00002, deliveryTimeoutSeconds: 120, clock: { clock.read() }))
        let session = try SDKSession(source: Self.script, base: "http://127.0.0.1:\(try await emulator.start())")
        defer { session.remove() }
        let fixture = try await ListenFixture(answers: AnswerScript(statuses: [500]))

        let created = try await session.run(["create", "http://127.0.0.1:\(fixture.port)/hook"])
        let id = try #require(created["id"] as? String)
        #expect(created["state"] as? String == "enabled")
        let secret = try WebhookSecret(parsing: try #require(created["secret"] as? String))

        emulator.dispatch(type: "batch.succeeded", webhookID: id, force: false)
        await emulator.waitForDeliveries()
        await fixture.listener.stop()

        let attempts = emulator.attempts
        #expect(attempts.count == RetrySchedule.delays.count + 1)
        #expect(attempts.allSatisfy { $0.status == 500 })
        let graded = fixture.listener.inspected
        #expect(graded.map(\.attempt) == Array(1...attempts.count))
        #expect(Set(graded.map(\.id)).count == 1)
        // Every attempt is signed with the secret the SDK got back at creation.
        for delivery in graded {
            let verified = StandardWebhookVerifier(secrets: [secret], policy: VerificationPolicy(timestamp: TimestampPolicy(toleranceSeconds: 1 << 40)))
                .verify(headers: delivery.delivery.headers, body: delivery.delivery.body, now: Int64(clock.read()))
            #expect((try? verified.get()) != nil, "attempt \(delivery.attempt) does not verify")
        }

        let got = try await session.run(["get", id])
        #expect(got["state"] as? String == "disabled_due_to_failed_deliveries")
        // A disabled webhook gets no further events.
        emulator.dispatch(type: "batch.succeeded", webhookID: id, force: false)
        await emulator.waitForDeliveries()
        #expect(emulator.attempts.count == attempts.count)
        await emulator.stop()
    }
}
