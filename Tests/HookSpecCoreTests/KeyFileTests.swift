import Foundation
@testable import HookSpecCore
import Testing
import TestTools

/// Issue 8 item 2 / issue 11 item 8: the key file `hookspec keys new` writes and the probe loads.
@Suite struct KeyFileTests {
    /// A file of fresh Ed25519 keys and a secret, and the committed RSA test key: generating
    /// RSA here would hold a cooperative thread for seconds on a busy machine (see `rsaGeneration`).
    static let generated: KeyFile = {
        do {
            let fresh = try KeyFile.generate(secret: true, ed25519: 2, rsa: 0)
            let rsa = try RS256SigningKey(pemRepresentation: JOSEFixtures.pem("trusted-rs256-2048"))
            return KeyFile(secret: fresh.secret, ed25519Keys: fresh.ed25519Keys, rsaKeys: [KeyFile.RSAKey(keyID: "rsa-test", signingKey: rsa)])
        } catch {
            preconditionFailure("test keys unavailable: \(error)")
        }
    }()

    @Test func rsaGenerationMakes2048BitKeysUnderTheirThumbprint() async throws {
        // Off the cooperative pool: RSA key generation is seconds of CPU in a debug build.
        let file = try await offCooperativePool { try KeyFile.generate(secret: false, ed25519: 0, rsa: 1) }
        #expect(file.rsaKeys.count == 1 && file.rsaKeys[0].signingKey.bitCount == 2048)
        let jwk = file.rsaKeys[0].publicJWK
        let n = try #require(jwk["n"]?.stringValue), e = try #require(jwk["e"]?.stringValue)
        #expect(file.rsaKeys[0].keyID == KeyFile.thumbprint(rsaN: n, e: e))
        let again = try KeyFile(parsing: file.encoded())
        #expect(again.encoded() == file.encoded())
    }

    @Test func generatedKeysRoundTripAndSign() throws {
        let file = Self.generated
        #expect(file.ed25519Keys.count == 2 && file.rsaKeys.count == 1 && file.secret != nil)
        let text = String(decoding: file.encoded(), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": \"hookspec-keys/1\",\n  \"secret\": \"whsec_"))
        let again = try KeyFile(parsing: file.encoded())
        #expect(again.encoded() == file.encoded())
        #expect(again.ed25519Keys.map(\.keyID) == file.ed25519Keys.map(\.keyID))
        #expect(again.secret?.exportedText() == file.secret?.exportedText())

        // The loaded values are the core's own types and sign as the originals do.
        let message = Array("msg_1.1700000000.{}".utf8)
        #expect(again.ed25519SigningKeys[0].signature(for: message) == file.ed25519SigningKeys[0].signature(for: message))
        #expect(try again.rs256SigningKeys[0].signature(for: message) == file.rs256SigningKeys[0].signature(for: message))
        #expect(again.webhookSecrets.count == 1)
        #expect(again.rsaKeys[0].signingKey.bitCount == 2048)
    }

    @Test func keyIDsAreThumbprintsAndTheJWKSIsPublic() throws {
        let file = Self.generated
        let jwks = JSONValue.object(file.publicJWKS).compactText
        #expect(!jwks.contains("\"d\"") && !jwks.contains("whsk_") && !jwks.contains("PRIVATE"))
        let set = try Ed25519PublicKeySet(jwks: Array(jwks.utf8))
        #expect(set.keys.map(\.keyID) == file.ed25519Keys.map(\.keyID))
        let rsa = try JSONWebKeySet(parsing: Array(jwks.utf8))
        #expect(rsa.skipped.isEmpty)
        // RFC 8037 Appendix A: the example key's public x and its RFC 7638 thumbprint.
        let seed = try Base64Codec.decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", mode: .strictURL).get()
        let example = KeyFile.Ed25519Key(keyID: "k", signingKey: try Ed25519SigningKey(parsing: "whsk_" + Base64Codec.encode(seed)))
        #expect(example.publicJWK["x"]?.stringValue == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
        #expect(KeyFile.thumbprint(okpX: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo") == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
        #expect(Set(file.ed25519Keys.map(\.keyID) + file.rsaKeys.map(\.keyID)).count == 3)
        for key in file.ed25519Keys {
            #expect(key.keyID == KeyFile.thumbprint(okpX: try #require(key.publicJWK["x"]?.stringValue)))
        }
        #expect(file.ed25519Keys.allSatisfy { $0.keyID.utf8.count == 43 })
    }

    @Test func aFileWithoutSecretOrRSAIsFine() throws {
        let file = try KeyFile.generate(secret: false, ed25519: 1, rsa: 0)
        let again = try KeyFile(parsing: file.encoded())
        #expect(again.secret == nil && again.rsaKeys.isEmpty && again.ed25519Keys.count == 1)
    }

    private func parse(_ text: String) -> KeyFileError? {
        do {
            _ = try KeyFile(parsing: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func badFilesGetTheirOwnErrors() throws {
        let ed = Self.generated.ed25519Keys[0]
        let other = Self.generated.ed25519Keys[1]
        let whsk = ed.signingKey.exportedText()
        let entry = "{\"kid\":\"a\",\"signingKey\":\"\(whsk)\"}"
        #expect(parse("[]") == .notAnObject)
        #expect(parse("{\"ed25519\":[]}") == .unknownFormat)
        #expect(parse("{\"format\":\"hookspec-keys/1\",\"secrets\":\"x\"}") == .unknownMember("secrets"))
        #expect(parse("{\"format\":\"hookspec-keys/1\",\"ed25519\":{}}") == .wrongType(member: "ed25519", expected: "an array"))
        #expect(parse("{\"format\":\"hookspec-keys/1\",\"ed25519\":[{\"kid\":\"a\"}]}") == .missingMember("ed25519[0].signingKey"))
        #expect(parse("{\"format\":\"hookspec-keys/1\",\"ed25519\":[{\"kid\":\"\",\"signingKey\":\"\(whsk)\"}]}") == .badKeyID(member: "ed25519[0].kid"))
        #expect(parse("{\"format\":\"hookspec-keys/1\",\"ed25519\":[\(entry),\(entry)]}") == .duplicateKeyID("a"))
        #expect(parse("{\"format\":\"hookspec-keys/1\",\"ed25519\":[{\"kid\":\"a\",\"signingKey\":\"\(whsk)\",\"publicKey\":\"\(other.signingKey.publicKey.exportedText)\"}]}")
            == .publicPartMismatch(member: "ed25519[0].publicKey"))
        let otherJWK = JSONValue.object(other.publicJWK).compactText
        #expect(parse("{\"format\":\"hookspec-keys/1\",\"ed25519\":[{\"kid\":\"\(other.keyID)\",\"signingKey\":\"\(whsk)\",\"jwk\":\(otherJWK)}]}")
            == .publicPartMismatch(member: "ed25519[0].jwk"))
        #expect(parse(String(repeating: " ", count: KeyFile.maximumBytes + 1)) == .tooLarge(limit: KeyFile.maximumBytes))
        if case .notJSON = parse("{\"format\":") {} else { Issue.record("truncated JSON must be notJSON") }
    }

    @Test func errorsNeverEchoKeyMaterial() {
        let secretText = "whsec_" + String(repeating: "B", count: 10)
        let whsk = Self.generated.ed25519Keys[0].signingKey.exportedText()
        let cases = [
            "{\"format\":\"hookspec-keys/1\",\"secret\":\"\(secretText)\"}",
            "{\"format\":\"hookspec-keys/1\",\"ed25519\":[{\"kid\":\"a\",\"signingKey\":\"\(whsk.dropLast(4))\"}]}",
            "{\"format\":\"hookspec-keys/1\",\"rsa\":[{\"kid\":\"r\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nMIIsecret\\n-----END PRIVATE KEY-----\"}]}",
        ]
        for text in cases {
            let error = parse(text)
            guard case .unusableKey = error else {
                Issue.record("expected unusableKey, got \(String(describing: error))")
                continue
            }
            let message = String(describing: error)
            #expect(!message.contains("BBBBBBBB") && !message.contains(String(whsk.dropFirst(5).prefix(12))) && !message.contains("MIIsecret"))
        }
    }
}
