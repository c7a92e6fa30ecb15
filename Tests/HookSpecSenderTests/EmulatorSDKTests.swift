import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecSender
import Testing

/// `hookspec emulate` driven by the real google-genai 3.3.0 SDK (installed by .ci/run), with the
/// reference receiver on the other end.
@Suite("hookspec emulate with the google-genai SDK", .serialized)
struct EmulatorSDKTests {
    /// Phases of one SDK session; each prints one JSON line.
    static let script = #"""
    hooks = client.webhooks
    if phase == "create":
        first = hooks.create(subscribed_events=["batch.succeeded", "interaction.completed"], uri="http://127.0.0.1:9/unused", name="first")
        second = hooks.create(subscribed_events=["batch.failed"], uri="http://127.0.0.1:9/other")
        print(json.dumps({"id": first.id, "secret": first.new_signing_secret, "second": second.id,
                          "second_has_secret": bool(second.new_signing_secret), "state": first.state}))
    elif phase == "wire":
        hook_id, uri = sys.argv[3], sys.argv[4]
        updated = hooks.update(hook_id, uri=uri, name="renamed", update_mask="uri,name")
        got = hooks.get(hook_id)
        page1 = hooks.list(page_size=1)
        page2 = hooks.list(page_size=1, page_token=page1.next_page_token)
        everything = hooks.list()
        hooks.ping(hook_id)
        print(json.dumps({"uri": updated.uri, "name": got.name, "secret_again": got.new_signing_secret,
                          "page1": [w.id for w in page1.webhooks], "page2": [w.id for w in page2.webhooks],
                          "next2": page2.next_page_token, "all": len(everything.webhooks),
                          "secrets_listed": len(got.signing_secrets or [])}))
    elif phase == "rotate":
        hook_id = sys.argv[3]
        rotated = hooks.rotate_signing_secret(hook_id, revocation_behavior="revoke_previous_secrets_after_h24")
        got = hooks.get(hook_id)
        print(json.dumps({"secret": rotated.secret, "secrets_listed": len(got.signing_secrets or [])}))
    elif phase == "delete":
        hook_id = sys.argv[3]
        hooks.delete(hook_id)
        try:
            hooks.get(hook_id)
            print(json.dumps({"deleted": False}))
        except Exception as error:
            print(json.dumps({"deleted": True, "error": type(error).__name__, "code": getattr(error, "code", None) or getattr(error, "status_code", None)}))
    """#

    @Test("create, list, get, update, ping, rotate and delete through the SDK; the reference receiver verifies what arrives")
    func sdkSession() async throws {
        // 0.01: the rotation grace is 864 s, longer than this test, and no retry happens.
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(timeFactor: 0.01, deliveryTimeoutSeconds: 120, clock: { Date().timeIntervalSince1970 }))
        let port = try await emulator.start()
        let session = try SDKSession(source: Self.script, base: "http://127.0.0.1:\(port)")
        defer { session.remove() }

        let created = try await session.run(["create"])
        let id = try #require(created["id"] as? String)
        let secretText = try #require(created["secret"] as? String)
        #expect(secretText.hasPrefix("whsec_"))
        #expect(created["second_has_secret"] as? Bool == true)
        #expect(created["state"] as? String == "enabled")

        let secret = try WebhookSecret(parsing: secretText)
        let receiver = try WebhookReceiver(configuration: ReceiverConfiguration(secrets: [secret]))
        let receiverPort = try await receiver.start()
        let wired = try await session.run(["wire", id, "http://127.0.0.1:\(receiverPort)/hook"])
        #expect(wired["uri"] as? String == "http://127.0.0.1:\(receiverPort)/hook")
        #expect(wired["name"] as? String == "renamed")
        #expect(wired["secret_again"] is NSNull || wired["secret_again"] == nil)
        #expect((wired["page1"] as? [String])?.count == 1)
        #expect((wired["page2"] as? [String])?.count == 1)
        #expect(wired["page1"] as? [String] != wired["page2"] as? [String])
        #expect(wired["next2"] is NSNull || wired["next2"] == nil)
        #expect(wired["all"] as? Int == 2)
        #expect(wired["secrets_listed"] as? Int == 1)

        await emulator.waitForDeliveries()
        let ping = emulator.attempts.filter { $0.webhookID == id }
        #expect(ping.map(\.status) == [200])
        await receiver.ledger.waitUntilIdle()
        #expect(receiver.ledger.totalProcessed == 1)

        let rotated = try await session.run(["rotate", id])
        let newSecret = try WebhookSecret(parsing: try #require(rotated["secret"] as? String))
        #expect(newSecret.exportedText() != secretText)
        #expect(rotated["secrets_listed"] as? Int == 2)
        // During the 24 h grace both secrets sign: the receiver, holding only the old one, still accepts.
        emulator.dispatch(type: "batch.succeeded", webhookID: id, force: false)
        await emulator.waitForDeliveries()
        let afterRotation = try #require(emulator.attempts.last)
        #expect(afterRotation.entries == 2)
        #expect(afterRotation.status == 200)
        await receiver.ledger.waitUntilIdle()
        #expect(receiver.ledger.totalProcessed == 2)

        // Both secrets verify: a listener holding both sees one entry for each. The ping's type is
        // hookspec's choice and not in the catalog, so only its envelope rule fails.
        let listener = try await ListenFixture(secrets: [secret, newSecret])
        _ = try await session.run(["wire", id, "http://127.0.0.1:\(listener.port)/hook"])
        await emulator.waitForDeliveries()
        emulator.dispatch(type: "batch.succeeded", webhookID: id, force: false)
        await emulator.waitForDeliveries()
        await listener.listener.stop()
        let graded = listener.listener.inspected
        #expect(graded.map(\.failedRules) == [["envelope"], []])
        #expect(graded.allSatisfy { $0.results.first { $0.rule == .everyLiveKey }?.verdict == .passed })

        let deleted = try await session.run(["delete", id])
        #expect(deleted["deleted"] as? Bool == true)
        #expect(emulator.webhook(id) == nil)

        await receiver.stop()
        await emulator.stop()
    }
}
