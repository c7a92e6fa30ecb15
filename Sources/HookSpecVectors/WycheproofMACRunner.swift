import HookSpecCore

/// One test of `hmac_sha256_test.json` (schema `mac_test_schema_v1.json`).
public struct WycheproofMACTest: Sendable, Hashable {
    /// File name the test came from.
    public var file: String
    /// Wycheproof's test id.
    public var tcId: Int64
    /// Wycheproof's comment (`empty message`, `Flipped bit 0 in tag`).
    public var comment: String
    /// HMAC key bytes.
    public var key: [UInt8]
    /// Message bytes.
    public var message: [UInt8]
    /// Expected tag bytes.
    public var tag: [UInt8]
    /// Whether the tag must verify.
    public var label: WycheproofLabel
    /// Tag size of the group, in bits.
    public var tagBits: Int64

    /// `wycheproof hmac tcId 12 (empty message)`.
    public var name: String {
        "wycheproof hmac tcId \(tcId)" + (comment.isEmpty ? "" : " (\(comment))")
    }
}

/// Runs Wycheproof HMAC-SHA256 tests through the core's `v1` HMAC path.
///
/// Standard Webhooks `v1` carries the full 32-byte HMAC-SHA256, and the verifier refuses any
/// other length, so groups with truncated tags are reported as skipped with that reason rather
/// than run through a truncating comparison the product never uses.
public enum WycheproofMACRunner {
    /// The schema name this reader understands.
    public static let schema = "mac_test_schema_v1.json"

    /// Reads every test of the file.
    public static func load(path: String) throws(VectorFileError) -> [WycheproofMACTest] {
        let (_, groups) = try WycheproofSource.groups(path: path, schema: schema)
        let file = WycheproofSource.fileName(path)
        var tests: [WycheproofMACTest] = []
        var count = 0
        for group in groups {
            let tagBits = try group.integer("tagSize")
            for test in try WycheproofSource.tests(of: group, count: &count) {
                tests.append(WycheproofMACTest(
                    file: file, tcId: try test.integer("tcId"), comment: try test.optionalString("comment", maximumLength: 1000) ?? "",
                    key: try WycheproofSource.hex(test, "key"), message: try WycheproofSource.hex(test, "msg"),
                    tag: try WycheproofSource.hex(test, "tag"), label: try WycheproofSource.label(test), tagBits: tagBits))
            }
        }
        return tests
    }

    /// One test's result.
    public static func run(_ test: WycheproofMACTest) -> VectorResult {
        let source = WycheproofSource.provenance(file: test.file, tcId: test.tcId)
        guard test.tagBits == 256 else {
            return VectorResult(name: test.name, source: source, expected: test.label.rawValue, actual: "not run",
                                verdict: .skipped(reason: "\(test.tagBits)-bit truncated tag: v1 carries the full 256-bit HMAC-SHA256 and the verifier rejects any other length"))
        }
        let secret: WebhookSecret
        do {
            // Wycheproof keys are 16 to 65 bytes; the length rule of whsec_ secrets is not under test here.
            secret = try WebhookSecret(rawBytes: test.key, options: .anyLength)
        } catch {
            return VectorResult(name: test.name, source: source, expected: test.label.rawValue, actual: "not run",
                                verdict: .skipped(reason: "key not usable as a v1 secret: \(error)"))
        }
        let verified = secret.isValidAuthenticationCode(test.tag, for: test.message)
        return WycheproofSource.result(name: test.name, file: test.file, tcId: test.tcId, label: test.label, verified: verified,
                                       detail: "key \(test.key.count) bytes, message \(test.message.count) bytes, tag \(test.tag.count) bytes")
    }

    /// Every test of the file, as one suite.
    public static func runFile(path: String) throws(VectorFileError) -> VectorSuiteResult {
        let tests = try load(path: path)
        return VectorSuiteResult(name: "wycheproof/" + WycheproofSource.fileName(path), results: tests.map(run))
    }
}
