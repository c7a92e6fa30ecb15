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
        var testDescription: String { "\(test.name) → \(test.label.rawValue)" }
    }

    static let cases: [Case] = WycheproofRSASignatureRunner.fileNames.flatMap { file -> [Case] in
        guard let url = JOSEHarnessFixtures.wycheproof(file) else { return [] }
        return ((try? WycheproofRSASignatureRunner.load(path: url.path)) ?? []).map { Case(file: file, test: $0) }
    }

    @Test("files load", arguments: WycheproofRSASignatureRunner.fileNames)
    func loads(_ file: String) throws {
        let url = try #require(JOSEHarnessFixtures.wycheproof(file))
        #expect(try !WycheproofRSASignatureRunner.load(path: url.path).isEmpty)
    }

    @Test("label and OpenSSL agree with the core", arguments: cases)
    func vector(_ testCase: Case) throws {
        let test = testCase.test
        let core = WycheproofRSASignatureRunner.outcome(test)
        let openssl = (try? OpenSSLRSAPublicKey(modulus: test.modulus, exponent: test.exponent))?
            .isValidPKCS1SHA256Signature(test.signature, for: test.message) ?? false
        #expect((core == "valid") == openssl, "core \(core), OpenSSL \(openssl)")
        switch test.label {
        case .valid: #expect(core == "valid")
        case .invalid: #expect(core != "valid")
        case .acceptable: break  // either outcome, as long as both libraries agree
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
        var testDescription: String { "\(result.name) → \(result.expected)" }
    }

    static let cases: [Case] = [WycheproofJWSRunner.signatureFile, WycheproofJWSRunner.keyFile].flatMap { file -> [Case] in
        guard let url = JOSEHarnessFixtures.wycheproof(file) else { return [] }
        return ((try? WycheproofJWSRunner.runFile(path: url.path))?.results ?? []).map { Case(file: file, result: $0) }
    }

    @Test("vector agrees (skip list: tcIds 357/367/370, C2SP/wycheproof#236)", arguments: cases)
    func vector(_ testCase: Case) throws {
        if case .skipped(let reason) = testCase.result.verdict {
            #expect(WycheproofJWSRunner.skipList.values.contains(reason))
            return
        }
        #expect(testCase.result.verdict != .disagrees, "expected \(testCase.result.expected), got \(testCase.result.actual)")
    }

    @Test("both files load with the expected number of tests")
    func counts() throws {
        let jws = try WycheproofJWSRunner.load(path: try #require(JOSEHarnessFixtures.wycheproof(WycheproofJWSRunner.signatureFile)).path)
        let jwk = try WycheproofJWSRunner.load(path: try #require(JOSEHarnessFixtures.wycheproof(WycheproofJWSRunner.keyFile)).path)
        #expect(jws.count == 401)
        #expect(jwk.count == 26)
    }

    @Test("RS256 groups: every valid RS256 token verifies")
    func validRS256() throws {
        let results = try WycheproofJWSRunner.runFile(path: try #require(JOSEHarnessFixtures.wycheproof(WycheproofJWSRunner.signatureFile)).path).results
        let valid = results.filter {
            guard case .skipped = $0.verdict else { return $0.expected == "valid" && !$0.name.hasSuffix("[not RS256]") }
            return false
        }
        #expect(valid.count == 8)
        #expect(valid.allSatisfy { $0.actual == "valid" })
    }
}
