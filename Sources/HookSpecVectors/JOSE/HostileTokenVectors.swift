import Foundation
import HookSpecCore

/// Writes `vectors/jose/hostile-tokens.json`: every `HostileToken` plus the valid baseline, made
/// by the core's signer from the committed test keys in `vectors/jose/keys/`.
///
/// RSASSA-PKCS1-v1_5 signing is deterministic, so the same keys and inputs give the same
/// bytes; the harness regenerates the file and fails when it differs from the committed one
/// (`HOOKSPEC_REGENERATE_VECTORS=1 swift test --filter HostileTokenVectorFileTests` rewrites it).
public enum HostileTokenVectors {
    /// The trusted key's `kid` in the generated JWKS.
    public static let keyID = "hookspec-test-2026"
    /// The audience the vectors' policy expects.
    public static let audience = "https://receiver.example/hook"
    /// The issuer the vectors' policy expects.
    public static let issuer = "https://hookspec.example"
    /// The clock of every vector (2026-01-01T00:00:00Z).
    public static let now: Int64 = 1_767_225_600
    /// The `jku`/`x5u` target written into hostile headers (never fetched by the core).
    public static let attackerURL = "http://127.0.0.1:8765/attacker/jwks.json"
    /// The delivery body the tokens are made for.
    public static let body = #"{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-01T00:00:00Z","data":{"id":"batches/hookspec-1","output_file_uri":"gs://hookspec-results/out.jsonl"}}"#
    /// The body the swapped-body vector is sent with.
    public static let swappedBody = #"{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-01T00:00:00Z","data":{"id":"batches/hookspec-1","output_file_uri":"gs://attacker-bucket/out.jsonl"}}"#

    /// Loads the three committed keys from `keysDirectory`.
    public static func factory(keysDirectory: URL) throws -> HostileTokenFactory {
        func pem(_ name: String) throws -> String {
            try String(contentsOf: keysDirectory.appendingPathComponent("\(name).pem"), encoding: .utf8)
        }
        return HostileTokenFactory(
            trusted: RS256TokenSigner(key: try RS256SigningKey(pemRepresentation: pem("trusted-rs256-2048")), keyID: keyID),
            attacker: try RS256SigningKey(pemRepresentation: pem("attacker-rs256-2048")),
            weak: try RS256SigningKey(weakPEMRepresentation: pem("weak-rs256-1024")),
            attackerURL: attackerURL)
    }

    /// The file's bytes.
    public static func document(keysDirectory: URL) throws -> [UInt8] {
        let factory = try factory(keysDirectory: keysDirectory)
        let jwks = try StrictJSONParser().parse(factory.trustedJWKS)
        let policy = JSONValue.object(JOSEJSON.object([("audience", .string(audience)), ("issuer", .string(issuer))]))
        let source = "hookspec: HostileTokenFactory over vectors/jose/keys/*.pem (HostileTokenVectors.document)"
        func vector(_ name: String, _ token: String, _ body: String, _ expected: String) -> JSONValue {
            .object(JOSEJSON.object([
                ("name", .string(name)), ("source", .string(source)), ("check", .string("token")),
                ("token", .string(token)), ("body", .string(body)), ("jwks", jwks), ("policy", policy),
                ("now", .number(String(now))), ("expected", .string(expected)),
            ]))
        }
        let baseline = try factory.trusted.deliveryToken(body: Array(body.utf8), audience: audience, issuer: issuer, now: now)
        var vectors = [vector("valid baseline: RS256, trusted kid, aud, iss, iat, exp, request_body_sha256", baseline, body, "valid")]
        for kind in HostileToken.allCases {
            let delivery = try factory.delivery(
                kind, body: Array(body.utf8), swappedBody: Array(swappedBody.utf8), audience: audience, issuer: issuer, now: now)
            let sentBody = delivery.body == Array(body.utf8) ? body : swappedBody
            vectors.append(vector("\(kind.rawValue): \(kind.summary)", delivery.token, sentBody, kind.expected.rawValue))
        }
        let root = JOSEJSON.object([
            ("format", .string(JOSEVectorFile.format)),
            ("description", .string("Hostile RS256 tokens for the probe (SPEC §9.4, issue 3 item 5), each rejected with its own code, and the valid baseline. Generated, not hand-written: see HostileTokenVectors.swift. Keys are test-only (vectors/jose/keys/README.md).")),
            ("vectors", .array(vectors)),
        ])
        // One vector per line keeps diffs readable without a pretty-printer.
        var out = Array("{\"format\":".utf8) + JOSEJSON.encode(.string(JOSEVectorFile.format))
        out += Array(",\n\"description\":".utf8) + JOSEJSON.encode(root["description"] ?? .null)
        out += Array(",\n\"vectors\":[\n".utf8)
        for (index, entry) in vectors.enumerated() {
            out += JOSEJSON.encode(entry) + Array((index + 1 < vectors.count ? ",\n" : "\n").utf8)
        }
        out += Array("]}\n".utf8)
        return out
    }
}
