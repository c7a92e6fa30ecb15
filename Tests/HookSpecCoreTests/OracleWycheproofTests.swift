import Crypto
import HookSpecCore
import HookSpecOracle
import Testing

/// The core against an independent implementation on every Wycheproof HMAC-SHA256 and Ed25519
/// case (issue 2 item 7: "on every vector"), besides each side agreeing with Wycheproof's own
/// label. The core's HMAC runs on libcrypto, so its oracle is swift-crypto; its Ed25519 runs on
/// swift-crypto, so that oracle is OpenSSL.
@Suite("Oracle: Wycheproof HMAC-SHA256 (against swift-crypto) and Ed25519 (against OpenSSL)")
struct OracleWycheproofTests {
    struct MACFile: Decodable {
        struct Group: Decodable {
            struct Case: Decodable {
                let tcId: Int
                let key: String
                let msg: String
                let tag: String
                let result: String
            }
            let tagSize: Int
            let tests: [Case]
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct EdDSAFile: Decodable {
        struct Group: Decodable {
            struct PublicKey: Decodable { let pk: String }
            struct Case: Decodable {
                let tcId: Int
                let msg: String
                let sig: String
                let result: String
            }
            let publicKey: PublicKey
            let publicKeyDer: String
            let tests: [Case]
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    @Test(
        "hmac_sha256_test.json: the core's keyed HMAC state and swift-crypto give the same tag; both agree with the label",
        .enabled(if: SharedVectors.wycheproofAvailable("hmac_sha256_test.json"),
                 "skipped: hmac_sha256_test.json not found in WYCHEPROOF_DIR or ../shared/vectors/wycheproof"))
    func hmac() throws {
        let file = try SharedVectors.load(MACFile.self, from: SharedVectors.wycheproofDirectory.appendingPathComponent("hmac_sha256_test.json"))
        var checked = 0
        for group in file.testGroups {
            let tagBytes = group.tagSize / 8
            for test in group.tests {
                let key = try #require(bytes(fromHex: test.key))
                let message = try #require(bytes(fromHex: test.msg))
                let tag = try #require(bytes(fromHex: test.tag))
                let oracle = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)).prefix(tagBytes))
                // Wycheproof keys are 16, 32 and 65 bytes: outside 24...64 needs anyLength, and
                // 65 bytes (longer than a SHA-256 block) exercises the hashed-key path of RFC 2104.
                let secret = try WebhookSecret(rawBytes: key, options: .anyLength)
                let core = Array(secret.authenticationCode(for: message).prefix(tagBytes))
                #expect(core == oracle, "tcId \(test.tcId)")
                #expect((core == tag) == (test.result == "valid"), "tcId \(test.tcId): core verdict disagrees with Wycheproof")
                checked += 1
            }
        }
        #expect(checked == file.numberOfTests)
    }

    @Test(
        "ed25519_test.json: the core (raw and SPKI keys) and OpenSSL give the same verdict on every case, matching the label",
        .enabled(if: SharedVectors.wycheproofAvailable("ed25519_test.json"),
                 "skipped: ed25519_test.json not found in WYCHEPROOF_DIR or ../shared/vectors/wycheproof"))
    func ed25519() throws {
        let file = try SharedVectors.load(EdDSAFile.self, from: SharedVectors.wycheproofDirectory.appendingPathComponent("ed25519_test.json"))
        var checked = 0
        for group in file.testGroups {
            let raw = try #require(bytes(fromHex: group.publicKey.pk))
            let der = try #require(bytes(fromHex: group.publicKeyDer))
            let fromRaw = try Ed25519PublicKey(rawOrSPKI: raw, keyID: nil)
            let fromDER = try Ed25519PublicKey(rawOrSPKI: der, keyID: nil)
            let openssl = try OpenSSLEd25519PublicKey(rawRepresentation: raw)
            for test in group.tests {
                let message = try #require(bytes(fromHex: test.msg))
                let signature = try #require(bytes(fromHex: test.sig))
                let core = fromRaw.isValidSignature(signature, over: message)
                let oracle = openssl.isValidSignature(signature, for: message)
                #expect(core == oracle, "tcId \(test.tcId): core \(core), OpenSSL \(oracle)")
                #expect(core == fromDER.isValidSignature(signature, over: message), "tcId \(test.tcId)")
                #expect(core == (test.result == "valid"), "tcId \(test.tcId): core verdict disagrees with Wycheproof (\(test.result))")
                checked += 1
            }
        }
        #expect(checked == file.numberOfTests)
    }
}
