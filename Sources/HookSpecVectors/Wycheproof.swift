import HookSpecCore

/// A Wycheproof verdict label: `valid` must verify, `invalid` must not, `acceptable` may go either way.
public enum WycheproofLabel: String, Sendable, Hashable {
    case valid, invalid, acceptable
}

/// Provenance of the Wycheproof files (`../shared/vectors/README.md`).
public enum WycheproofSource {
    /// Project and folder the files come from.
    public static let project = "C2SP/wycheproof"
    /// Folder of the files in that project.
    public static let folder = "testvectors_v1"
    /// Most test groups and tests read from one file.
    public static let maximumGroups = 10_000
    public static let maximumTests = 100_000

    /// The result of one Wycheproof test: label against what the core did.
    static func result(name: String, file: String, tcId: Int64, label: WycheproofLabel, verified: Bool, detail: String) -> VectorResult {
        let actual = verified ? "valid" : "invalid"
        let source = [project, folder + "/" + file, "tcId \(tcId)"].joined(separator: " | ")
        var result: VectorResult
        switch label {
        case .acceptable:
            result = VectorResult(name: name, source: source, expected: "acceptable", actual: actual,
                                  verdict: .acceptable(note: verified ? "the core accepts it" : "the core rejects it"))
        case .valid, .invalid:
            result = VectorResult(name: name, source: source, expected: label.rawValue, actual: actual)
        }
        result.detail = detail
        return result
    }

    /// Reads the groups of a Wycheproof file whose `schema` is `schema`.
    static func groups(path: String, schema: String) throws(VectorFileError) -> (top: FieldReader, groups: [FieldReader]) {
        let top = FieldReader(path: path, location: "top level", object: try VectorFileReader.object(at: path))
        let found = try top.string("schema", maximumLength: 200)
        guard found == schema else { throw .unsupportedFormat(path: path, found: found) }
        var groups: [FieldReader] = []
        for (index, item) in try top.array("testGroups", limit: maximumGroups).enumerated() {
            guard let object = item.objectValue else { throw top.fail("testGroups[\(index)] is not an object") }
            groups.append(FieldReader(path: path, location: "testGroups[\(index)]", object: object))
        }
        return (top, groups)
    }

    static func tests(of group: FieldReader, count: inout Int) throws(VectorFileError) -> [FieldReader] {
        var out: [FieldReader] = []
        for (index, item) in try group.array("tests", limit: maximumTests).enumerated() {
            count += 1
            guard count <= maximumTests else { throw .tooMany(path: group.path, what: "tests", limit: maximumTests) }
            guard let object = item.objectValue else { throw group.fail("tests[\(index)] is not an object") }
            out.append(FieldReader(path: group.path, location: group.location + ".tests[\(index)]", object: object))
        }
        return out
    }

    static func label(_ reader: FieldReader) throws(VectorFileError) -> WycheproofLabel {
        let text = try reader.string("result", maximumLength: 20)
        guard let label = WycheproofLabel(rawValue: text) else { throw reader.fail("result \(text) is not valid, invalid or acceptable") }
        return label
    }

    static func hex(_ reader: FieldReader, _ name: String) throws(VectorFileError) -> [UInt8] {
        guard let bytes = HexBytes.decode(try reader.string(name)) else { throw reader.fail("\(name) is not hex") }
        return bytes
    }

    static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}

/// One test of `hmac_sha256_test.json` (schema `mac_test_schema_v1.json`).
public struct WycheproofMACTest: Sendable, Hashable {
    public var file: String
    public var tcId: Int64
    public var comment: String
    public var key: [UInt8]
    public var message: [UInt8]
    public var tag: [UInt8]
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
        let source = [WycheproofSource.project, WycheproofSource.folder + "/" + test.file, "tcId \(test.tcId)"].joined(separator: " | ")
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

/// One test of `ed25519_test.json` (schema `eddsa_verify_schema_v1.json`).
public struct WycheproofSignatureTest: Sendable, Hashable {
    public var file: String
    public var tcId: Int64
    public var comment: String
    public var publicKey: [UInt8]
    public var message: [UInt8]
    public var signature: [UInt8]
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
