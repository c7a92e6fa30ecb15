import HookSpecCore

/// Wycheproof `rsa_signature_{2048,3072,4096}_sha256_test.json` (RSASSA-PKCS1-v1_5, SHA-256)
/// through the RS256 primitive: `RS256PublicKey(modulus:exponent:)` and `isValidSignature`.
public enum WycheproofRSASignatureRunner {
    /// The schema name these files carry.
    public static let schema = "rsassa_pkcs1_verify_schema_v1.json"
    /// The files this runner reads from `WYCHEPROOF_DIR`.
    public static let fileNames = [
        "rsa_signature_2048_sha256_test.json", "rsa_signature_3072_sha256_test.json", "rsa_signature_4096_sha256_test.json",
    ]

    /// One test of the file, with its group's key.
    public struct TestCase: Sendable, Hashable {
        /// The Wycheproof file name.
        public let file: String
        /// Wycheproof test id.
        public let tcId: Int64
        /// Wycheproof comment.
        public let comment: String
        /// Wycheproof label.
        public let label: WycheproofLabel
        /// Big-endian modulus without leading zeros.
        public let modulus: [UInt8]
        /// Big-endian public exponent without leading zeros.
        public let exponent: [UInt8]
        /// The signed message.
        public let message: [UInt8]
        /// The signature under test.
        public let signature: [UInt8]

        /// `wycheproof rsa_signature_2048_sha256 tcId 3 (comment)`.
        public var name: String {
            "wycheproof \(file.replacingSuffix("_test.json")) tcId \(tcId)" + (comment.isEmpty ? "" : " (\(comment))")
        }
    }

    /// Reads every SHA-256 test of one file.
    public static func load(path: String) throws(VectorFileError) -> [TestCase] {
        let (_, groups) = try WycheproofSource.groups(path: path, schema: schema)
        let file = WycheproofSource.fileName(path)
        var tests: [TestCase] = []
        var count = 0
        for group in groups where try group.string("sha", maximumLength: 20) == "SHA-256" {
            let key = try group.object("publicKey")
            // Wycheproof writes ASN.1 INTEGER bytes (a leading 00 keeps them positive); the
            // primitive takes JWK-style integers, which have no leading zeros.
            let modulus = Array(try WycheproofSource.hex(key, "modulus").drop(while: { $0 == 0 }))
            let exponent = Array(try WycheproofSource.hex(key, "publicExponent").drop(while: { $0 == 0 }))
            for test in try WycheproofSource.tests(of: group, count: &count) {
                tests.append(TestCase(
                    file: file, tcId: try test.integer("tcId"), comment: try test.optionalString("comment", maximumLength: 1000) ?? "",
                    label: try WycheproofSource.label(test), modulus: modulus, exponent: exponent,
                    message: try WycheproofSource.hex(test, "msg"), signature: try WycheproofSource.hex(test, "sig")))
            }
        }
        return tests
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

    /// One test's result against its label.
    public static func run(_ test: TestCase) -> VectorResult {
        let outcome = outcome(test)
        return WycheproofSource.result(
            name: test.name, file: test.file, tcId: test.tcId, label: test.label, verified: outcome == "valid",
            detail: "RSA-\(test.modulus.count * 8) e \(test.exponent.count) bytes; core: \(outcome)")
    }

    /// Every test of the file, as one suite.
    public static func runFile(path: String) throws(VectorFileError) -> VectorSuiteResult {
        VectorSuiteResult(name: "wycheproof/" + WycheproofSource.fileName(path), results: try load(path: path).map(run))
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
