import _CryptoExtras
import Crypto
import Foundation
import HookSpecCore
import HookSpecOracle
import Testing

/// RSASSA-PKCS1-v1_5 with SHA-256 (RS256, SPEC §3.3): OpenSSL and swift-crypto agree on
/// Wycheproof, so that the JWT work can use `OpenSSLOracle` as the oracle for its RS256 primitive.
@Suite("Oracle: RSA PKCS#1 v1.5 SHA-256, OpenSSL against swift-crypto on Wycheproof")
struct OracleRSATests {
    struct WycheproofFile: Decodable {
        struct Group: Decodable {
            struct PublicKey: Decodable {
                let modulus: String
                let publicExponent: String
            }
            struct Case: Decodable {
                let tcId: Int
                let msg: String
                let sig: String
                let result: String
                let flags: [String]
            }
            let publicKey: PublicKey
            let publicKeyDer: String
            let sha: String
            let tests: [Case]
        }
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    static let files = [
        "rsa_signature_2048_sha256_test.json", "rsa_signature_3072_sha256_test.json", "rsa_signature_4096_sha256_test.json",
    ]

    @Test(
        "Every Wycheproof case: OpenSSL (n/e and SPKI DER) and swift-crypto agree, valid verifies, invalid does not",
        .enabled(if: files.allSatisfy(SharedVectors.wycheproofAvailable),
                 "skipped: Wycheproof RSA files not found in WYCHEPROOF_DIR or ../shared/vectors/wycheproof"),
        arguments: files)
    func wycheproof(_ name: String) throws {
        let file = try SharedVectors.load(WycheproofFile.self, from: SharedVectors.wycheproofDirectory.appendingPathComponent(name))
        #expect(file.algorithm == "RSASSA-PKCS1-v1_5")
        var checked = 0, acceptable = 0
        for group in file.testGroups {
            #expect(group.sha == "SHA-256")
            let n = try #require(bytes(fromHex: group.publicKey.modulus))
            let e = try #require(bytes(fromHex: group.publicKey.publicExponent))
            let der = try #require(bytes(fromHex: group.publicKeyDer))
            let fromParameters = try OpenSSLRSAPublicKey(modulus: n, exponent: e)
            let fromDER = try OpenSSLRSAPublicKey(spki: der)
            #expect(fromParameters.bitCount == fromDER.bitCount)
            let swiftCrypto = try _RSA.Signing.PublicKey(n: n, e: e)
            for test in group.tests {
                let message = try #require(bytes(fromHex: test.msg))
                let signature = try #require(bytes(fromHex: test.sig))
                let openssl = fromParameters.isValidPKCS1SHA256Signature(signature, for: message)
                let opensslDER = fromDER.isValidPKCS1SHA256Signature(signature, for: message)
                let oneShot = OpenSSLOracle.rsaPKCS1SHA256Verify(modulus: n, exponent: e, message: message, signature: signature)
                let oneShotDER = OpenSSLOracle.rsaPKCS1SHA256VerifyDER(spki: der, message: message, signature: signature)
                let boring = swiftCrypto.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: Data(message), padding: .insecurePKCS1v1_5)
                let context = "\(name) tcId \(test.tcId) (\(test.result), \(test.flags.joined(separator: ",")))"
                #expect(openssl == boring, "\(context): OpenSSL \(openssl), swift-crypto \(boring)")
                #expect(openssl == opensslDER && openssl == oneShot && openssl == oneShotDER, "\(context)")
                switch test.result {
                case "valid": #expect(openssl, "\(context)")
                case "invalid": #expect(!openssl, "\(context)")
                default: acceptable += 1
                }
                checked += 1
            }
        }
        #expect(checked == file.numberOfTests)
        if acceptable > 0 { print("\(name): \(acceptable) acceptable cases, both libraries agreed on each") }
    }

    /// RFC 7520 §3.4 (jose-cookbook 3_4.rsa_private_key.json), a published 2048-bit key.
    struct CookbookKey: Decodable {
        let n: String, e: String, d: String, p: String, q: String
    }

    @Test(
        "2,000 seeded messages: OpenSSL and swift-crypto make identical RS256 signatures and verify each other's",
        .enabled(if: FileManager.default.fileExists(atPath: SharedVectors.directory.appendingPathComponent("jose-cookbook/3_4.rsa_private_key.json").path),
                 "skipped: ../shared/vectors/jose-cookbook/3_4.rsa_private_key.json not found"))
    func crossSigning() throws {
        let jwk = try SharedVectors.load(CookbookKey.self, from: SharedVectors.directory.appendingPathComponent("jose-cookbook/3_4.rsa_private_key.json"))
        func field(_ text: String) throws -> [UInt8] { try #require(try? Base64Codec.decode(text, mode: .strictURL).get()) }
        let swiftKey = try _RSA.Signing.PrivateKey(n: field(jwk.n), e: field(jwk.e), d: field(jwk.d), p: field(jwk.p), q: field(jwk.q))
        let opensslKey = try OpenSSLRSAPrivateKey(der: Array(swiftKey.derRepresentation))
        #expect(opensslKey.bitCount == 2048)
        let opensslPublic = try OpenSSLRSAPublicKey(spki: opensslKey.publicKeyDER())
        let swiftPublic = try _RSA.Signing.PublicKey(n: field(jwk.n), e: field(jwk.e))
        #expect(try Array(swiftPublic.derRepresentation) == opensslKey.publicKeyDER())

        let seed = TestSeed.base(0x0525_6000)
        var random = SeededGenerator(seed: seed)
        for iteration in 0..<2_000 {
            let message = random.body(maximumLength: 600)
            let fromOpenSSL = try opensslKey.pkcs1SHA256Signature(for: message)
            let fromSwift = Array(try swiftKey.signature(for: Data(message), padding: .insecurePKCS1v1_5).rawRepresentation)
            #expect(fromOpenSSL == fromSwift, "seed \(seed) iteration \(iteration)")
            #expect(swiftPublic.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: fromOpenSSL), for: Data(message), padding: .insecurePKCS1v1_5),
                    "seed \(seed) iteration \(iteration)")
            #expect(opensslPublic.isValidPKCS1SHA256Signature(fromSwift, for: message), "seed \(seed) iteration \(iteration)")
            var mutated = fromOpenSSL
            mutated[random.int(in: 0...(mutated.count - 1))] ^= UInt8(1) << UInt8(random.int(in: 0...7))
            #expect(!opensslPublic.isValidPKCS1SHA256Signature(mutated, for: message), "seed \(seed) iteration \(iteration)")
            #expect(!swiftPublic.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: mutated), for: Data(message), padding: .insecurePKCS1v1_5),
                    "seed \(seed) iteration \(iteration)")
        }
    }

    @Test("Keys OpenSSL must refuse: empty parameters, an SPKI with trailing bytes, an Ed25519 SPKI")
    func refusedKeys() throws {
        #expect(throws: OpenSSLOracleError.self) { try OpenSSLRSAPublicKey(modulus: [], exponent: [1, 0, 1]) }
        #expect(throws: OpenSSLOracleError.self) { try OpenSSLRSAPublicKey(spki: [0x30, 0x00]) }
        // RFC 8410 §10.1 example public key.
        let ed25519SPKI = try #require(bytes(fromHex: "302a300506032b657003210019bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"))
        #expect(throws: OpenSSLOracleError.self) { try OpenSSLRSAPublicKey(spki: ed25519SPKI) }
        let path = SharedVectors.wycheproofDirectory.appendingPathComponent(Self.files[0])
        guard FileManager.default.fileExists(atPath: path.path) else { return }
        let file = try SharedVectors.load(WycheproofFile.self, from: path)
        let der = try #require(bytes(fromHex: file.testGroups[0].publicKeyDer))
        #expect(throws: OpenSSLOracleError.self) { try OpenSSLRSAPublicKey(spki: der + [0]) }
        #expect(try OpenSSLRSAPublicKey(spki: der).bitCount == 2048)
    }
}
