import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecSender
import Testing
import TestTools

/// Dynamic webhooks through the real google-genai SDK: a batch and an interaction created with a
/// `webhook_config` have their completion event delivered to its URI, signed `v1a` or `jwt`, and
/// the reference receiver, holding only the emulator's JWKS URL, verifies and processes them.
@Suite("hookspec emulate: dynamic webhooks with the google-genai SDK", .serialized)
struct EmulatorDynamicTests {
    static let script = #"""
    if phase == "jobs":
        uri = sys.argv[3]
        config = {"uris": [uri], "user_metadata": {"job_group": "nightly", "run": 7}}
        batch = client.batches.create(
            model="gemini-2.5-flash",
            src=[{"contents": [{"parts": [{"text": "hello"}], "role": "user"}]}],
            config={"display_name": "hookspec", "webhook_config": config})
        interaction = client.interactions.create(model="gemini-2.5-flash", input="hello", background=True, webhook_config=config)
        print(json.dumps({"batch": batch.name, "batch_state": str(batch.state.value), "display_name": batch.display_name,
                          "interaction": interaction.id, "interaction_status": interaction.status}))
    elif phase == "get":
        batch = client.batches.get(name=sys.argv[3])
        interaction = client.interactions.get(sys.argv[4])
        print(json.dumps({"batch_state": str(batch.state.value), "output": batch.dest.file_name if batch.dest else None,
                          "interaction_status": interaction.status}))
    """#

    /// The committed test RSA key (vectors/jose/keys), so no test generates an RSA key.
    static func keyFile() throws -> KeyFile {
        let pem = try String(contentsOf: ExternalTool.packageRoot.appendingPathComponent("vectors/jose/keys/trusted-rs256-2048.pem"), encoding: .utf8)
        return KeyFile(secret: nil, ed25519Keys: [], rsaKeys: [KeyFile.RSAKey(keyID: "hookspec-emulate-test", signingKey: try RS256SigningKey(pemRepresentation: pem))])
    }

    @Test("a batch and an interaction with webhook_config reach the reference receiver, verified through the emulator's JWKS", arguments: DynamicScheme.allCases)
    func dynamicDeliveries(scheme: DynamicScheme) async throws {
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(
            timeFactor: 0.01, deliveryTimeoutSeconds: 120, dynamicScheme: scheme, dynamicKeys: try DynamicSigningKeys(keyFile: Self.keyFile()),
            clock: { Date().timeIntervalSince1970 }))
        let port = try await emulator.start()
        let jwksURL = "http://127.0.0.1:\(port)/.well-known/jwks.json"
        var receiverConfiguration = ReceiverConfiguration(
            scheme: scheme == .v1a ? .v1a : .jwt, jwksURL: jwksURL,
            tokenPolicy: scheme == .jwt ? TokenPolicy(audience: EmulatorConfiguration.defaultAudience, bodyBinding: .required) : nil)
        // The longest fetch timeout allowed: a starved machine must not turn the JWKS fetch into an unknown kid.
        receiverConfiguration.jwksFetchTimeoutSeconds = ReceiverConfiguration.longestJWKSFetchTimeoutSeconds
        let receiver = try WebhookReceiver(configuration: receiverConfiguration)
        let receiverPort = try await receiver.start()
        let session = try SDKSession(source: Self.script, base: "http://127.0.0.1:\(port)")
        defer { session.remove() }

        let created = try await session.run(["jobs", "http://127.0.0.1:\(receiverPort)/hook"])
        let batch = try #require(created["batch"] as? String)
        let interaction = try #require(created["interaction"] as? String)
        #expect(batch.hasPrefix("batches/"))
        #expect(created["batch_state"] as? String == "JOB_STATE_PENDING")
        #expect(created["display_name"] as? String == "hookspec")
        #expect(created["interaction_status"] as? String == "in_progress")

        await emulator.waitForDeliveries()
        let attempts = emulator.attempts
        #expect(attempts.map(\.type).sorted() == ["batch.succeeded", "interaction.completed"])
        #expect(attempts.allSatisfy { $0.status == 200 && $0.scheme == scheme.rawValue && $0.attempt == 1 })
        #expect(Set(attempts.map(\.webhookID)) == [batch, interaction])
        await receiver.ledger.waitUntilIdle()
        #expect(receiver.ledger.totalProcessed == 2)
        for attempt in attempts { #expect(receiver.ledger.timesProcessed(attempt.eventID) == 1) }

        let got = try await session.run(["get", batch, interaction])
        #expect(got["batch_state"] as? String == "JOB_STATE_SUCCEEDED")
        #expect((got["output"] as? String)?.hasPrefix("files/") == true)
        #expect(got["interaction_status"] as? String == "completed")
        await receiver.stop()
        await emulator.stop()
    }

    @Test("jwt without an RSA key, and a webhook_config that is not an object, are refused with clear errors")
    func refusals() async throws {
        #expect(throws: EmulatorAPIError.self) {
            try WebhookEmulator(configuration: EmulatorConfiguration(dynamicScheme: .jwt, clock: { 0 }))
        }
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(deliveryTimeoutSeconds: 120, clock: { Date().timeIntervalSince1970 }))
        let base = "http://127.0.0.1:\(try await emulator.start())"
        let (status, error) = try await EmulatorRetryTests().call("POST", base + "/v1beta/interactions", #"{"model":"m","webhook_config":[1]}"#)
        #expect(status == 400)
        #expect(error?["error"]?.objectValue?["status"]?.stringValue == "INVALID_ARGUMENT")
        let (badURI, _) = try await EmulatorRetryTests().call("POST", base + "/v1beta/models/m:batchGenerateContent", #"{"batch":{"webhookConfig":{"uris":["ftp://x"]}}}"#)
        #expect(badURI == 400)
        let (jwks, document) = try await EmulatorRetryTests().call("GET", base + "/.well-known/jwks.json")
        #expect(jwks == 200)
        let keys = try JSONWebKeySet(parsing: JOSEJSON.encode(try #require(document)))
        #expect(keys.ed25519Keys.count == 1)
        #expect(emulator.attempts.isEmpty)
        await emulator.stop()
    }
}
