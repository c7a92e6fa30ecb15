import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecSender
import Testing
import TestTools

/// `hookspec emulate --state FILE`: webhooks, secrets, rotation windows and dynamic keys survive
/// a restart; a file that is not an emulator state is refused with a typed error.
@Suite("hookspec emulate keeps its state in a file")
struct EmulatorStateTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-state-\(UUID().uuidString)-\(name)").path
    }

    static func emulator(_ path: String) throws -> WebhookEmulator {
        try WebhookEmulator(configuration: EmulatorConfiguration(timeFactor: 0.01, deliveryTimeoutSeconds: 120, statePath: path, clock: { Date().timeIntervalSince1970 }))
    }

    @Test("a webhook created before a restart is there after it, and its deliveries verify with the secret returned at creation")
    func survivesRestart() async throws {
        let path = Self.temporaryPath("state.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rest = EmulatorRetryTests()

        let first = try Self.emulator(path)
        var base = "http://127.0.0.1:\(try await first.start())"
        let (status, created) = try await rest.call("POST", base + "/v1beta/webhooks", #"{"uri":"http://127.0.0.1:9/","subscribed_events":["batch.succeeded"],"name":"kept"}"#)
        #expect(status == 200)
        let id = try #require(created?["id"]?.stringValue)
        let secret = try WebhookSecret(parsing: try #require(created?["new_signing_secret"]?.stringValue))
        // A rotation with the 24 h grace: both secrets stay live across the restart.
        let (rotated, _) = try await rest.call("POST", base + "/v1beta/webhooks/\(id):rotateSigningSecret", #"{"revocation_behavior":"revoke_previous_secrets_after_h24"}"#)
        #expect(rotated == 200)
        let (_, firstJWKS) = try await rest.call("GET", base + "/.well-known/jwks.json")
        await first.stop()
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)

        let receiver = try WebhookReceiver(configuration: ReceiverConfiguration(secrets: [secret]))
        let receiverPort = try await receiver.start()
        let second = try Self.emulator(path)
        base = "http://127.0.0.1:\(try await second.start())"
        let (found, got) = try await rest.call("GET", base + "/v1beta/webhooks/\(id)")
        #expect(found == 200)
        #expect(got?["name"]?.stringValue == "kept")
        #expect(got?["signing_secrets"]?.arrayValue?.count == 2)
        #expect(got?["new_signing_secret"] == nil)
        let (_, secondJWKS) = try await rest.call("GET", base + "/.well-known/jwks.json")
        #expect(secondJWKS == firstJWKS)
        let (patched, _) = try await rest.call("PATCH", base + "/v1beta/webhooks/\(id)?update_mask=uri", #"{"uri":"http://127.0.0.1:\#(receiverPort)/hook"}"#)
        #expect(patched == 200)
        let (triggered, _) = try await rest.call("POST", base + "/hookspec/trigger", #"{"type":"batch.succeeded","webhook":"\#(id)"}"#)
        #expect(triggered == 200)
        await second.waitForDeliveries()
        #expect(second.attempts.map(\.status) == [200])
        #expect(second.attempts.map(\.entries) == [2])
        await receiver.ledger.waitUntilIdle()
        #expect(receiver.ledger.totalProcessed == 1)

        let (deleted, _) = try await rest.call("DELETE", base + "/v1beta/webhooks/\(id)")
        #expect(deleted == 200)
        await second.stop()
        await receiver.stop()
        let third = try Self.emulator(path)
        #expect(third.webhook(id) == nil)
    }

    @Test("a corrupt file, another program's database and an unreachable path are typed errors")
    func refusals() async throws {
        let garbage = Self.temporaryPath("garbage")
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: garbage))
        #expect {
            try Self.emulator(garbage)
        } throws: { error in
            if case .unreadable = error as? EmulatorStateError { true } else { false }
        }

        let python = try #require(ExternalTool.find("python3"), "python3 is needed (installed by .ci/run)")
        let foreign = Self.temporaryPath("foreign.sqlite")
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        let made = try await python.run(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table notes (x)'); c.commit()", foreign])
        #expect(made.status == 0, "\(made.errorOutput)")
        #expect {
            try Self.emulator(foreign)
        } throws: { error in
            if case .notEmulatorState = error as? EmulatorStateError { true } else { false }
        }

        #expect {
            try Self.emulator("/nonexistent-hookspec-directory/state.sqlite")
        } throws: { error in
            if case .unreadable = error as? EmulatorStateError { true } else { false }
        }
    }
}
