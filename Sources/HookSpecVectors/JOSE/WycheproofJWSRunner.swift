import Foundation
import HookSpecCore
import HookSpecReport

/// Wycheproof `json_web_signature_test.json` and `json_web_key_test.json` through the RS256
/// verifier's JWS layer (`RS256SignatureVerifier`), with each group's key set as the trusted JWKS.
///
/// Expectations:
/// - A token whose header says `RS256` gets Wycheproof's label: `valid` must verify, `invalid`
///   must be rejected (any code).
/// - Every other token must be stopped before a key is touched, with the code SPEC §3.3's check
///   order gives: `token_segment_count` when it is not three segments, `token_base64` when a
///   segment is not canonical unpadded base64url, `token_header_invalid` when the header is not
///   a JSON object with a string `alg`, else `alg_none` for any casing of `none` and
///   `alg_disallowed` otherwise. `AllowListExpectation` works these out with Foundation's
///   decoders, independently of the core's.
/// - Skip list (SPEC §8): `json_web_signature_test.json` tcIds 357, 367, 370 are byte-identical
///   tokens with opposite labels (C2SP/wycheproof#236).
public enum WycheproofJWSRunner {
    /// File names read from `WYCHEPROOF_DIR`.
    public static let signatureFile = "json_web_signature_test.json"
    /// The JWK-set file name.
    public static let keyFile = "json_web_key_test.json"
    static let schemas = [signatureFile: "json_web_signature_schema_v1.json", keyFile: "json_web_key_schema_v1.json"]

    /// Tests skipped in `json_web_signature_test.json`, with the reason.
    public static let skipList: [Int64: String] = [
        357: "byte-identical with tcIds 367 and 370 but labelled valid; upstream C2SP/wycheproof#236",
        367: "byte-identical with tcId 357 but labelled invalid; upstream C2SP/wycheproof#236",
        370: "byte-identical with tcId 357 but labelled invalid; upstream C2SP/wycheproof#236",
    ]

    /// One token with the key set it is verified against.
    public struct TestCase: Sendable, Hashable {
        /// The Wycheproof file name.
        public let file: String
        /// Wycheproof test id.
        public let tcId: Int64
        /// Wycheproof comment.
        public let comment: String
        /// Wycheproof label.
        public let label: WycheproofLabel
        /// The compact JWS (or the JSON serialisation as text).
        public let token: String
        /// The group's key set as a JWKS document (a single key is wrapped in `{"keys":[...]}`).
        public let jwks: [UInt8]

        /// `wycheproof json_web_signature tcId 33 (acceptsValid)`.
        public var name: String {
            let stem = file.hasSuffix("_test.json") ? String(file.dropLast("_test.json".count)) : file
            return "wycheproof \(stem) tcId \(tcId)" + (comment.isEmpty ? "" : " (\(comment))")
        }
    }

    /// Reads the tests of either file.
    public static func load(path: String) throws(VectorFileError) -> [TestCase] {
        let file = WycheproofSource.fileName(path)
        guard let schema = schemas[file] else { throw .unsupportedFormat(path: path, found: file) }
        let (_, groups) = try WycheproofSource.groups(path: path, schema: schema)
        var tests: [TestCase] = []
        var count = 0
        for group in groups {
            let keys = group.object["public"] ?? group.object["private"]
            let jwks: JSONValue
            if let set = keys?.objectValue, set["keys"] != nil {
                jwks = .object(set)
            } else if let single = keys {
                jwks = .object(JOSEJSON.object([("keys", .array([single]))]))
            } else {
                jwks = .object(JOSEJSON.object([("keys", .array([]))]))
            }
            let document = JOSEJSON.encode(jwks)
            for test in try WycheproofSource.tests(of: group, count: &count) {
                let value = try test.value("jws")
                // A JSON-serialised JWS (flag JsonSerialization) is handed over as the text a header would carry.
                let token = value.stringValue ?? String(decoding: JOSEJSON.encode(value), as: UTF8.self)
                tests.append(TestCase(
                    file: file, tcId: try test.integer("tcId"), comment: try test.optionalString("comment", maximumLength: 1000) ?? "",
                    label: try WycheproofSource.label(test), token: token, jwks: document))
            }
        }
        return tests
    }

    /// What the verifier did with one test: `valid` or a rejection code.
    public static func outcome(_ test: TestCase) -> String {
        let keys: JSONWebKeySet
        do { keys = try JSONWebKeySet(parsing: test.jwks) } catch { return error.code.rawValue }
        switch RS256SignatureVerifier(keys: keys).verify(token: test.token) {
        case .success: return "valid"
        case .failure(let rejection): return rejection.code.rawValue
        }
    }

    /// One test's result.
    public static func run(_ test: TestCase) -> VectorResult {
        let source = [WycheproofSource.project, WycheproofSource.folder + "/" + test.file, "tcId \(test.tcId)"].joined(separator: " | ")
        if test.file == signatureFile, let reason = skipList[test.tcId] {
            return VectorResult(name: test.name, source: source, expected: test.label.rawValue, actual: "not run", verdict: .skipped(reason: reason))
        }
        let actual = outcome(test)
        var result: VectorResult
        if let expectedCode = AllowListExpectation.code(forNonRS256: test.token) {
            result = VectorResult(name: test.name + " [not RS256]", source: source, expected: expectedCode, actual: actual)
            result.detail = "not an RS256 token: must be stopped before any key is used (label \(test.label.rawValue))"
        } else {
            switch test.label {
            case .valid: result = VectorResult(name: test.name, source: source, expected: "valid", actual: actual)
            case .invalid:
                result = VectorResult(name: test.name, source: source, expected: "invalid", actual: actual,
                                      verdict: actual == "valid" ? .disagrees : .agrees)
            case .acceptable:
                result = VectorResult(name: test.name, source: source, expected: "acceptable", actual: actual,
                                      verdict: .acceptable(note: actual == "valid" ? "the core accepts it" : "the core rejects it (\(actual))"))
            }
            result.detail = "RS256 token"
        }
        return result
    }

    /// Every test of one of the two files, as one suite (the skip list is in the suite notes).
    public static func runFile(path: String) throws(VectorFileError) -> VectorSuiteResult {
        let tests = try load(path: path)
        let file = WycheproofSource.fileName(path)
        let notes = file == signatureFile
            ? skipList.sorted { $0.key < $1.key }.map { ReportProperty("skip tcId \($0.key)", $0.value) } : []
        return VectorSuiteResult(name: "wycheproof/" + file, results: tests.map(run), notes: notes)
    }
}

/// Works out, without the core, which code SPEC §3.3's check order gives a token that is not RS256.
enum AllowListExpectation {
    /// `nil` when the header says RS256 (Wycheproof's label applies).
    static func code(forNonRS256 token: String) -> String? {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let header = segments.first.flatMap(lenientDecode).flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        let algorithm = header?["alg"] as? String
        if algorithm == "RS256" { return nil }
        guard segments.count == 3 else { return RejectionCode.tokenSegmentCount.rawValue }
        guard segments.allSatisfy(isCanonicalBase64URL) else { return RejectionCode.tokenBase64.rawValue }
        guard header != nil, let algorithm else { return RejectionCode.tokenHeaderInvalid.rawValue }
        return algorithm.lowercased() == "none" ? RejectionCode.algorithmNone.rawValue : RejectionCode.algorithmDisallowed.rawValue
    }

    static func lenientDecode(_ segment: String) -> [UInt8]? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: text).map(Array.init)
    }

    /// Canonical: only URL-alphabet characters, no padding, and decoding then re-encoding gives the same text.
    static func isCanonicalBase64URL(_ segment: String) -> Bool {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard segment.allSatisfy(alphabet.contains), segment.count % 4 != 1, let bytes = lenientDecode(segment) else { return false }
        let reencoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return reencoded == segment
    }
}
