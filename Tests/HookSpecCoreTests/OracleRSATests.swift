import _CryptoExtras
import Crypto
import Foundation
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
