import Foundation
import HookSpecCore
import HookSpecReport

/// Wycheproof `json_web_signature_test.json` and `json_web_key_test.json` through the RS256
/// verifier's JWS layer (`RS256SignatureVerifier`), with each group's key set as the trusted JWKS.
///
/// Expectations:
/// - A token whose header says `RS256` must get Wycheproof's label: `valid` verifies, `invalid`
///   is rejected (any code).
/// - Every other token must be stopped before a key is touched, with the code SPEC §3.3's check
///   order gives: `token_segment_count` when it is not three segments, `token_base64` when a
///   segment is not canonical unpadded base64url, `token_header_invalid` when the header is not
///   a JSON object, else `alg_none` for any casing of `none` and `alg_disallowed` otherwise.
///   The runner works these out with Foundation's decoder, independently of the core's.
/// - Skip list (SPEC §8): `json_web_signature_test.json` tcIds 357, 367, 370 are byte-identical
///   tokens with opposite labels (C2SP/wycheproof#236).
public enum WycheproofJWSRunner {
    /// File names read from `WYCHEPROOF_DIR`.
    public static let signatureFile = "json_web_signature_test.json"
    public static let keyFile = "json_web_key_test.json"

    /// Tests skipped in `json_web_signature_test.json`, with the reason.
    public static let skipList: [Int: String] = [
        357: "byte-identical with tcIds 367 and 370 but labelled valid; upstream C2SP/wycheproof#236",
        367: "byte-identical with tcId 357 but labelled invalid; upstream C2SP/wycheproof#236",
        370: "byte-identical with tcId 357 but labelled invalid; upstream C2SP/wycheproof#236",
    ]

    /// One token with the key set it is verified against.
    public struct TestCase: Sendable {
        public let tcId: Int
        public let comment: String
        public let result: String
        public let token: String
        /// The group's JWKS document (a single `public` key wrapped, or the group's key set).
        public let jwks: [UInt8]
    }

    /// Reads the tests of either file.
    public static func load(_ url: URL) throws(WycheproofRSASignatureRunner.LoadError) -> [TestCase] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        } catch {
            throw .init(description: "\(url.lastPathComponent): \(error)")
        }
        guard let groups = (root as? [String: Any])?["testGroups"] as? [[String: Any]] else {
            throw .init(description: "\(url.lastPathComponent): no testGroups")
        }
        var cases: [TestCase] = []
        for group in groups {
            let keySet: Any
            if let single = group["public"] as? [String: Any], single["keys"] == nil {
                keySet = ["keys": [single]]
            } else if let set = (group["public"] ?? group["private"]) as? [String: Any], set["keys"] != nil {
                keySet = set
            } else if let single = group["private"] as? [String: Any] {
                keySet = ["keys": [single]]
            } else {
                keySet = ["keys": [Any]()]
            }
            guard let jwks = try? JSONSerialization.data(withJSONObject: keySet, options: [.sortedKeys]) else {
                throw .init(description: "\(url.lastPathComponent): a key set does not serialise")
            }
            for test in group["tests"] as? [[String: Any]] ?? [] {
                guard let tcId = test["tcId"] as? Int, let result = test["result"] as? String else { continue }
                let token: String
                if let text = test["jws"] as? String {
                    token = text
                } else if let object = test["jws"], let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                    // JSON serialisation (flag JsonSerialization): handed over as text, as a header would carry it.
                    token = String(decoding: data, as: UTF8.self)
                } else {
                    continue
                }
                cases.append(TestCase(tcId: tcId, comment: test["comment"] as? String ?? "", result: result, token: token, jwks: Array(jwks)))
            }
        }
        return cases
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

    /// Runs one of the two files.
    public static func run(_ url: URL) -> VectorSuiteResult {
        let name = "wycheproof/\(url.lastPathComponent)"
        let cases: [TestCase]
        do { cases = try load(url) } catch {
            return VectorSuiteResult(name: name, results: [VectorResult(name: "load", source: name, expected: "loaded", actual: "error: \(error)")])
        }
        let applySkipList = url.lastPathComponent == signatureFile
        var results: [VectorResult] = []
        for test in cases {
            let label = "tcId \(test.tcId) \(test.comment)"
            let source = "C2SP/wycheproof testvectors_v1/\(url.lastPathComponent) tcId \(test.tcId)"
            if applySkipList, let reason = skipList[test.tcId] {
                results.append(VectorResult(name: label, source: source, expected: test.result, actual: "not run", verdict: .skipped(reason: reason)))
                continue
            }
            let actual = outcome(test)
            if let expectedCode = AllowListExpectation.code(forNonRS256: test.token) {
                results.append(VectorResult(name: label + " (not RS256: allow-list)", source: source, expected: expectedCode, actual: actual))
            } else {
                results.append(WycheproofVerdict.result(name: label, source: source, label: test.result, actual: actual))
            }
        }
        let notes = applySkipList ? skipList.sorted { $0.key < $1.key }.map { ReportProperty("skip tcId \($0.key)", $0.value) } : []
        return VectorSuiteResult(name: name, results: results, notes: notes)
    }
}

/// Works out, without the core, which code SPEC §3.3's check order gives a token that is not RS256.
enum AllowListExpectation {
    /// `nil` when the token is a structurally sound RS256 token (Wycheproof's label applies).
    static func code(forNonRS256 token: String) -> String? {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let header = segments.first.flatMap(lenientDecode).flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        let algorithm = header?["alg"] as? String
        if algorithm == "RS256" { return nil }
        guard segments.count == 3 else { return RejectionCode.tokenSegmentCount.rawValue }
        guard segments.allSatisfy(isCanonicalBase64URL) else { return RejectionCode.tokenBase64.rawValue }
        guard header != nil else { return RejectionCode.tokenHeaderInvalid.rawValue }
        guard let algorithm else { return RejectionCode.tokenHeaderInvalid.rawValue }
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
