import Foundation
import HookSpecCore
import HookSpecOracle
import HookSpecVectors
import Testing

/// Wycheproof RSA PKCS#1 v1.5 SHA-256 files through the RS256 primitive, checked against
/// Wycheproof's labels and against OpenSSL on every vector (SPEC §7, §8).
@Suite("Wycheproof RSA PKCS#1 v1.5 SHA-256", .enabled(if: JOSEHarnessFixtures.wycheproofAvailable, JOSEHarnessFixtures.wycheproofSkipReason))
struct WycheproofRSATests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let test: WycheproofRSASignatureRunner.TestCase
        var testDescription: String { "\(file) tcId \(test.tcId) \(test.result) \(test.comment)" }
    }

    static let cases: [Case] = WycheproofRSASignatureRunner.fileNames.flatMap { file -> [Case] in
        guard let url = JOSEHarnessFixtures.wycheproof(file) else { return [] }
        return ((try? WycheproofRSASignatureRunner.load(url)) ?? []).map { Case(file: file, test: $0) }
    }

    @Test("files load", arguments: WycheproofRSASignatureRunner.fileNames)
    func loads(_ file: String) throws {
        let url = try #require(JOSEHarnessFixtures.wycheproof(file))
        #expect(try !WycheproofRSASignatureRunner.load(url).isEmpty)
    }

    @Test("label and OpenSSL agree with the core", arguments: cases)
    func vector(_ testCase: Case) throws {
        let test = testCase.test
        let core = WycheproofRSASignatureRunner.outcome(test)
        let openssl = (try? OpenSSLRSAPublicKey(modulus: test.modulus, exponent: test.exponent))?
            .isValidPKCS1SHA256Signature(test.signature, for: test.message) ?? false
        #expect((core == "valid") == openssl, "core \(core), OpenSSL \(openssl)")
        switch test.result {
        case "valid": #expect(core == "valid")
        case "invalid": #expect(core != "valid")
        default: break  // acceptable: either outcome, as long as both libraries agree
        }
    }
}

/// Wycheproof JWS and JWK files: RS256 tokens agree with the label; every other token is
/// stopped by the allow-list (or earlier, by structure) with the right code.
@Suite("Wycheproof JWS and JWK", .enabled(if: JOSEHarnessFixtures.wycheproofAvailable, JOSEHarnessFixtures.wycheproofSkipReason))
struct WycheproofJOSETests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let result: VectorResult
        var testDescription: String { "\(file) \(result.name) → \(result.expected)" }
    }

    static let cases: [Case] = [WycheproofJWSRunner.signatureFile, WycheproofJWSRunner.keyFile].flatMap { file -> [Case] in
        guard let url = JOSEHarnessFixtures.wycheproof(file) else { return [] }
        return WycheproofJWSRunner.run(url).results.map { Case(file: file, result: $0) }
    }

    @Test("vector agrees (skip list: tcIds 357/367/370, C2SP/wycheproof#236)", arguments: cases)
    func vector(_ testCase: Case) throws {
        if case .skipped(let reason) = testCase.result.verdict {
            #expect(WycheproofJWSRunner.skipList.keys.contains(Int(testCase.result.name.split(separator: " ")[1]) ?? -1), "\(reason)")
            return
        }
        #expect(testCase.result.verdict != .disagrees, "expected \(testCase.result.expected), got \(testCase.result.actual)")
    }

    @Test("both files load with the expected number of tests")
    func counts() throws {
        let jws = try WycheproofJWSRunner.load(try #require(JOSEHarnessFixtures.wycheproof(WycheproofJWSRunner.signatureFile)))
        let jwk = try WycheproofJWSRunner.load(try #require(JOSEHarnessFixtures.wycheproof(WycheproofJWSRunner.keyFile)))
        #expect(jws.count == 401)
        #expect(jwk.count == 26)
    }

    @Test("RS256 groups: every valid RS256 token verifies")
    func validRS256() throws {
        let results = WycheproofJWSRunner.run(try #require(JOSEHarnessFixtures.wycheproof(WycheproofJWSRunner.signatureFile))).results
        let valid = results.filter {
            guard case .skipped = $0.verdict else { return $0.expected == "valid" && !$0.name.contains("not RS256") }
            return false
        }
        #expect(valid.count >= 7)
        #expect(valid.allSatisfy { $0.actual == "valid" })
    }
}
