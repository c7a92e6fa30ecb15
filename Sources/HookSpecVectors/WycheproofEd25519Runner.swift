import HookSpecCore

/// One test of `ed25519_test.json` (schema `eddsa_verify_schema_v1.json`).
public struct WycheproofSignatureTest: Sendable, Hashable {
    /// File name the test came from.
    public var file: String
    /// Wycheproof's test id.
    public var tcId: Int64
    /// Wycheproof's comment.
    public var comment: String
    /// The group's raw 32-byte public key (Wycheproof `pk`).
    public var publicKey: [UInt8]
    /// Message bytes.
    public var message: [UInt8]
    /// Signature bytes (not always 64: some tests truncate or extend them).
    public var signature: [UInt8]
    /// Whether the signature must verify.
    public var label: WycheproofLabel

    /// `wycheproof ed25519 tcId 3 (empty message)`.
    public var name: String {
        "wycheproof ed25519 tcId \(tcId)" + (comment.isEmpty ? "" : " (\(comment))")
    }
}

/// Runs Wycheproof Ed25519 tests through `Ed25519PublicKey.isValidSignature`, the `v1a` path.
public enum WycheproofEd25519Runner {
    /// The schema name this reader understands.
    public static let schema = "eddsa_verify_schema_v1.json"

    /// Reads every test of the file.
    public static func load(path: String) throws(VectorFileError) -> [WycheproofSignatureTest] {
        let (_, groups) = try WycheproofSource.groups(path: path, schema: schema)
        let file = WycheproofSource.fileName(path)
        var tests: [WycheproofSignatureTest] = []
        var count = 0
        for group in groups {
            let key = try WycheproofSource.hex(try group.object("publicKey"), "pk")
            for test in try WycheproofSource.tests(of: group, count: &count) {
                tests.append(WycheproofSignatureTest(
                    file: file, tcId: try test.integer("tcId"), comment: try test.optionalString("comment", maximumLength: 1000) ?? "",
                    publicKey: key, message: try WycheproofSource.hex(test, "msg"),
                    signature: try WycheproofSource.hex(test, "sig"), label: try WycheproofSource.label(test)))
            }
        }
        return tests
    }

    /// One test's result; a key the core refuses counts as not verifying.
    public static func run(_ test: WycheproofSignatureTest) -> VectorResult {
        let verified: Bool, detail: String
        do {
            let key = try Ed25519PublicKey(rawOrSPKI: test.publicKey, keyID: nil)
            verified = key.isValidSignature(test.signature, over: test.message)
            detail = "signature \(test.signature.count) bytes, message \(test.message.count) bytes"
        } catch {
            verified = false
            detail = "key refused: \(error)"
        }
        return WycheproofSource.result(name: test.name, file: test.file, tcId: test.tcId, label: test.label,
                                       verified: verified, detail: detail)
    }

    /// Every test of the file, as one suite.
    public static func runFile(path: String) throws(VectorFileError) -> VectorSuiteResult {
        let tests = try load(path: path)
        return VectorSuiteResult(name: "wycheproof/" + WycheproofSource.fileName(path), results: tests.map(run))
    }
}
