import Foundation
import HookSpecCore

/// Wycheproof `rsa_signature_{2048,3072,4096}_sha256_test.json` (RSASSA-PKCS1-v1_5, SHA-256)
/// through the RS256 primitive: `RS256PublicKey(modulus:exponent:)` and `isValidSignature`.
public enum WycheproofRSASignatureRunner {
    /// The files this runner reads from `WYCHEPROOF_DIR`.
    public static let fileNames = [
        "rsa_signature_2048_sha256_test.json", "rsa_signature_3072_sha256_test.json", "rsa_signature_4096_sha256_test.json",
    ]

    /// One test of the file, with its group's key.
    public struct TestCase: Sendable, Hashable {
        public let tcId: Int
        public let comment: String
        public let flags: [String]
        /// `valid`, `invalid` or `acceptable`.
        public let result: String
        public let modulus: [UInt8]
        public let exponent: [UInt8]
        public let message: [UInt8]
        public let signature: [UInt8]
    }

    private struct File: Decodable {
        struct Group: Decodable {
            struct Key: Decodable { let modulus: String; let publicExponent: String }
            struct Test: Decodable { let tcId: Int; let comment: String; let flags: [String]; let msg: String; let sig: String; let result: String }
            let publicKey: Key
            let sha: String
            let tests: [Test]
        }
        let testGroups: [Group]
    }

    /// Why a Wycheproof file could not be used.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads every test of one file.
    public static func load(_ url: URL) throws(LoadError) -> [TestCase] {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            throw LoadError(description: "\(url.lastPathComponent): \(error)")
        }
        var cases: [TestCase] = []
        for group in file.testGroups where group.sha == "SHA-256" {
            guard let modulus = WycheproofHex.decode(group.publicKey.modulus),
                let exponent = WycheproofHex.decode(group.publicKey.publicExponent)
            else { throw LoadError(description: "\(url.lastPathComponent): a key is not hex") }
            // Wycheproof writes ASN.1 INTEGER bytes (a leading 00 keeps them positive); JWK-style
            // big-endian integers have no leading zeros.
            let n = Array(modulus.drop(while: { $0 == 0 }))
            let e = Array(exponent.drop(while: { $0 == 0 }))
            for test in group.tests {
                guard let message = WycheproofHex.decode(test.msg), let signature = WycheproofHex.decode(test.sig) else {
                    throw LoadError(description: "\(url.lastPathComponent) tcId \(test.tcId): not hex")
                }
                cases.append(TestCase(
                    tcId: test.tcId, comment: test.comment, flags: test.flags, result: test.result,
                    modulus: n, exponent: e, message: message, signature: signature))
            }
        }
        return cases
    }

    /// `valid`, or the code of the key or signature rejection.
    public static func outcome(_ test: TestCase) -> String {
        do {
            let key = try RS256PublicKey(modulus: test.modulus, exponent: test.exponent)
            return key.isValidSignature(test.signature, over: test.message) ? "valid" : RejectionCode.tokenSignatureInvalid.rawValue
        } catch {
            return error.code.rawValue
        }
    }

    /// Runs one file.
    public static func run(_ url: URL) -> VectorSuiteResult {
        let name = "wycheproof/\(url.lastPathComponent)"
        let cases: [TestCase]
        do {
            cases = try load(url)
        } catch {
            return VectorSuiteResult(name: name, results: [
                VectorResult(name: "load", source: name, expected: "loaded", actual: "error: \(error)"),
            ])
        }
        return VectorSuiteResult(name: name, results: cases.map { test in
            WycheproofVerdict.result(
                name: "tcId \(test.tcId) \(test.comment)".trimmingCharacters(in: .whitespaces),
                source: "C2SP/wycheproof testvectors_v1/\(url.lastPathComponent) tcId \(test.tcId)",
                label: test.result, actual: outcome(test))
        })
    }
}

/// Wycheproof's labels mapped onto `VectorResult`.
enum WycheproofVerdict {
    /// `valid` must verify, `invalid` must not, `acceptable` may do either (noted).
    static func result(name: String, source: String, label: String, actual: String) -> VectorResult {
        switch label {
        case "valid":
            return VectorResult(name: name, source: source, expected: "valid", actual: actual)
        case "invalid":
            return VectorResult(name: name, source: source, expected: "invalid", actual: actual,
                                verdict: actual == "valid" ? .disagrees : .agrees)
        default:
            return VectorResult(name: name, source: source, expected: label, actual: actual,
                                verdict: .acceptable(note: actual == "valid" ? "accepted" : "rejected (\(actual))"))
        }
    }
}

/// Lowercase or uppercase hex, even length.
enum WycheproofHex {
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
