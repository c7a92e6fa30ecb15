import Foundation
import HookSpecCore

/// Test keys committed under `vectors/jose/keys/` (generated once with `openssl genpkey`; test-only).
enum JOSEFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func pem(_ name: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("vectors/jose/keys/\(name).pem"), encoding: .utf8)
    }

    static let trustedKeyID = "hookspec-test-2026"
    static let audience = "https://receiver.example/hook"
    static let issuer = "https://hookspec.example"
    static let now: Int64 = 1_767_225_600
    static let body = Array(#"{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-01T00:00:00Z","data":{"id":"batches/1","output_file_uri":"gs://b/o"}}"#.utf8)
    static let otherBody = Array(#"{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-01T00:00:00Z","data":{"id":"batches/2","output_file_uri":"gs://evil/o"}}"#.utf8)

    struct Keys: Sendable {
        let trusted: RS256SigningKey
        let attacker: RS256SigningKey
        let weak: RS256SigningKey
        var signer: RS256TokenSigner { RS256TokenSigner(key: trusted, keyID: JOSEFixtures.trustedKeyID) }
        var factory: HostileTokenFactory {
            HostileTokenFactory(trusted: signer, attacker: attacker, weak: weak, attackerURL: "http://127.0.0.1:9/attacker/jwks.json")
        }
        func keySet() throws -> JSONWebKeySet { try JSONWebKeySet(parsing: factory.trustedJWKS) }
        func verifier(_ policy: TokenPolicy = JOSEFixtures.policy) throws -> RS256TokenVerifier {
            RS256TokenVerifier(keys: try keySet(), policy: policy)
        }
    }

    static var policy: TokenPolicy { TokenPolicy(audience: audience, issuer: issuer) }

    static func keys() throws -> Keys {
        Keys(
            trusted: try RS256SigningKey(pemRepresentation: pem("trusted-rs256-2048")),
            attacker: try RS256SigningKey(pemRepresentation: pem("attacker-rs256-2048")),
            weak: try RS256SigningKey(weakPEMRepresentation: pem("weak-rs256-1024")))
    }

    /// Signs `claims` under `header` with the trusted key.
    static func token(_ keys: Keys, header: [(name: String, value: JSONValue)], claims: [(name: String, value: JSONValue)]) throws -> String {
        try keys.signer.token(header: JOSEJSON.object(header), claims: JOSEJSON.object(claims))
    }

    static func validClaims(
        exp: Int64? = now + 300, nbf: Int64? = nil, iat: Int64? = now, aud: JSONValue? = .string(audience),
        iss: String? = issuer, bodyHash: String? = RS256TokenSigner.bodyHash(body)
    ) -> [(name: String, value: JSONValue)] {
        var members: [(name: String, value: JSONValue)] = []
        if let iss { members.append(("iss", .string(iss))) }
        if let aud { members.append(("aud", aud)) }
        if let iat { members.append(("iat", .number(String(iat)))) }
        if let nbf { members.append(("nbf", .number(String(nbf)))) }
        if let exp { members.append(("exp", .number(String(exp)))) }
        if let bodyHash { members.append(("request_body_sha256", .string(bodyHash))) }
        return members
    }

    static var standardHeader: [(name: String, value: JSONValue)] {
        [("alg", .string("RS256")), ("typ", .string("JWT")), ("kid", .string(trustedKeyID))]
    }

    static func code<T>(_ result: Result<T, Rejection>) -> String {
        switch result {
        case .success: "valid"
        case .failure(let rejection): rejection.code.rawValue
        }
    }
}
