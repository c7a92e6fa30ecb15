import Foundation
import HookSpecCore
import HookSpecSender
import Testing

/// `hookspec listen` with its keys from the sender's JWKS URL, grading `hookspec emulate` as a
/// dynamic-webhook sender.
@Suite("hookspec listen takes keys from a JWKS URL")
struct ListenJWKSTests {
    @Test("listen grades the emulator's dynamic deliveries clean, with user_metadata under data", arguments: DynamicScheme.allCases)
    func gradesDynamicSender(scheme: DynamicScheme) async throws {
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(
            timeFactor: 0.01, deliveryTimeoutSeconds: 120, dynamicScheme: scheme, dynamicKeys: try DynamicSigningKeys(keyFile: EmulatorDynamicTests.keyFile()),
            clock: { Date().timeIntervalSince1970 }))
        let base = "http://127.0.0.1:\(try await emulator.start())"
        let set = try await SenderJWKS.fetch(url: base + "/.well-known/jwks.json", timeoutSeconds: 120)
        #expect(set.ed25519Keys.count == 1)
        #expect(SenderJWKS.hasRSAKeys(set))
        var configuration = ListenConfiguration(clock: { Date().timeIntervalSince1970 })
        SenderJWKS.apply(set, audience: scheme == .jwt ? EmulatorConfiguration.defaultAudience : nil, issuer: nil, to: &configuration)
        let fixture = try await ListenFixture(configuration: configuration)

        let hook = "http://127.0.0.1:\(fixture.port)/hook"
        let config = #"{"uris":["\#(hook)"],"user_metadata":{"job_group":"nightly"}}"#
        let rest = EmulatorRetryTests()
        let (batch, _) = try await rest.call("POST", base + "/v1beta/models/gemini-2.5-flash:batchGenerateContent", #"{"batch":{"displayName":"b","webhookConfig":\#(config)}}"#)
        let (interaction, _) = try await rest.call("POST", base + "/v1beta/interactions", #"{"model":"gemini-2.5-flash","input":"hi","webhook_config":\#(config)}"#)
        #expect(batch == 200)
        #expect(interaction == 200)
        await emulator.waitForDeliveries()
        await fixture.listener.stop()

        let graded = fixture.listener.inspected
        #expect(graded.count == 2)
        #expect(Set(graded.compactMap(\.eventType)) == ["batch.succeeded", "interaction.completed"])
        for delivery in graded {
            #expect(delivery.scheme.rawValue == scheme.rawValue)
            #expect(delivery.failedRules.isEmpty, "\(delivery.results.filter { $0.verdict == .failed })")
            #expect(delivery.results.first { $0.rule == .signatureValid }?.verdict == .passed)
            let body = try #require(try StrictJSONParser().parse(delivery.delivery.body).objectValue)
            #expect(body["data"]?.objectValue?["user_metadata"]?.objectValue?["job_group"]?.stringValue == "nightly")
        }
        await emulator.stop()
    }

    @Test("an unreachable JWKS and a document that is not one are clear errors")
    func unusable() async throws {
        await #expect(throws: ListenError.self) { try await SenderJWKS.fetch(url: "http://127.0.0.1:1/.well-known/jwks.json", timeoutSeconds: 5) }
        await #expect(throws: ListenError.self) { try await SenderJWKS.fetch(url: "not a url") }
        let emulator = try WebhookEmulator(configuration: EmulatorConfiguration(deliveryTimeoutSeconds: 120, clock: { Date().timeIntervalSince1970 }))
        let base = "http://127.0.0.1:\(try await emulator.start())"
        do {
            _ = try await SenderJWKS.fetch(url: base + "/hookspec/deliveries")
            Issue.record("a JSON array was read as a JWKS")
        } catch {
            guard case .jwksUnavailable(let url, _) = error else { Issue.record("\(error)"); return }
            #expect(url.hasSuffix("/hookspec/deliveries"))
        }
        await emulator.stop()
    }
}
