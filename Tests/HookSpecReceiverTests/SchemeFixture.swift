import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import HookSpecServer

/// Keys and deliveries for the `v1a` and `jwt` receiver tests.
enum SchemeFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let audience = "https://receiver.example/hook"
    static let issuer = "https://hookspec.example"
    static let trustedKeyID = "hookspec-test-2026"
    static let jwksPath = "/.well-known/jwks.json"

    struct RSAKeys: Sendable {
        let trusted: RS256SigningKey
        let attacker: RS256SigningKey
        let weak: RS256SigningKey
        var signer: RS256TokenSigner { RS256TokenSigner(key: trusted, keyID: SchemeFixture.trustedKeyID) }
        func hostile(attackerURL: String) -> HostileTokenFactory {
            HostileTokenFactory(trusted: signer, attacker: attacker, weak: weak, attackerURL: attackerURL)
        }
    }

    /// The committed test keys (`vectors/jose/keys/`, test-only).
    static func rsaKeys() throws -> RSAKeys {
        func pem(_ name: String) throws -> String {
            try String(contentsOf: repositoryRoot.appendingPathComponent("vectors/jose/keys/\(name).pem"), encoding: .utf8)
        }
        return RSAKeys(
            trusted: try RS256SigningKey(pemRepresentation: pem("trusted-rs256-2048")),
            attacker: try RS256SigningKey(pemRepresentation: pem("attacker-rs256-2048")),
            weak: try RS256SigningKey(weakPEMRepresentation: pem("weak-rs256-1024")))
    }

    /// A JWKS of OKP Ed25519 keys.
    static func okpJWKS(_ keys: [(kid: String, key: Ed25519PublicKey)]) -> [UInt8] {
        let entries = keys.map { entry in
            JSONValue.object(JOSEJSON.object([
                ("kty", .string("OKP")), ("crv", .string("Ed25519")), ("use", .string("sig")),
                ("kid", .string(entry.kid)), ("x", .string(Base64Codec.encodeURL(entry.key.rawRepresentation))),
            ]))
        }
        return JOSEJSON.encode(JOSEJSON.object([("keys", .array(entries))]))
    }

    /// A `v1a` delivery signed by `key`.
    static func v1aDelivery(key: Ed25519SigningKey, id: String = "msg_\(UInt64.random(in: 1...UInt64.max))", body: String = Fixture.envelope) -> ProbeRequest {
        let entry = StandardWebhookSigner.v1aEntry(key: key, id: id, timestamp: String(Fixture.now), body: Array(body.utf8))
        return Fixture.delivery(id: id, body: body, signature: entry)
    }

    /// A `jwt` delivery: the token in `webhook-signature`, id and timestamp beside it (as `hookspec sign --scheme jwt`).
    static func jwtDelivery(token: String, id: String? = "msg_\(UInt64.random(in: 1...UInt64.max))", body: [UInt8] = Array(Fixture.envelope.utf8)) -> ProbeRequest {
        var headers: [(String, String)] = []
        if let id { headers.append(("webhook-id", id)) }
        headers.append(("webhook-timestamp", String(Fixture.now)))
        headers.append(("webhook-signature", token))
        return ProbeRequest(headers: headers.map { (Array($0.0.utf8), Array($0.1.utf8)) }, body: body)
    }

    /// A valid token for `body` from `signer`.
    static func token(_ signer: RS256TokenSigner, body: [UInt8] = Array(Fixture.envelope.utf8)) throws -> String {
        try signer.deliveryToken(body: body, audience: audience, issuer: issuer, now: Fixture.now)
    }

    /// Runs `body` with a started document host and its base URL; stops the host whatever happens.
    static func withHost<T>(_ body: (DocumentHost, String) async throws -> T) async throws -> T {
        let host = DocumentHost()
        let port = try await host.start()
        do {
            let result = try await body(host, "http://127.0.0.1:\(port)")
            await host.stop()
            return result
        } catch {
            await host.stop()
            throw error
        }
    }

    /// Fetches of `path` the host answered so far.
    static func fetches(_ host: DocumentHost, _ path: String = jwksPath) -> Int {
        host.fetches().count { $0.path == path }
    }
}
