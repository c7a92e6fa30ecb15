import Foundation
import HookSpecCore
import Testing

/// SPEC §3.3: strict compact serialisation, each structural fault with its own code.
@Suite("Compact JWS parsing")
struct CompactJWSTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let token: String
        let expected: String
        var testDescription: String { "\(name) → \(expected)" }
    }

    static let header = Base64Codec.encodeURL(Array(#"{"alg":"RS256","kid":"k"}"#.utf8))
    static let payload = Base64Codec.encodeURL(Array(#"{"aud":"a"}"#.utf8))
    static let signature = Base64Codec.encodeURL([UInt8](repeating: 7, count: 256))

    static let cases: [Case] = [
        Case(name: "well formed", token: "\(header).\(payload).\(signature)", expected: "valid"),
        Case(name: "empty signature segment is still three segments", token: "\(header).\(payload).", expected: "valid"),
        Case(name: "one segment", token: header, expected: "token_segment_count"),
        Case(name: "two segments", token: "\(header).\(payload)", expected: "token_segment_count"),
        Case(name: "four segments", token: "\(header).\(payload).\(signature).", expected: "token_segment_count"),
        Case(name: "JWE-like five segments", token: "a.b.c.d.e", expected: "token_segment_count"),
        Case(name: "empty string", token: "", expected: "token_segment_count"),
        Case(name: "padding on signature", token: "\(header).\(payload).\(signature)==", expected: "token_base64"),
        Case(name: "standard alphabet + in payload", token: "\(header).ab+c.\(signature)", expected: "token_base64"),
        Case(name: "space in header", token: "eyJh bGciOiJSUzI1NiJ9.\(payload).\(signature)", expected: "token_base64"),
        Case(name: "non-canonical trailing bits in payload", token: "\(header).YR.\(signature)", expected: "token_base64"),
        Case(name: "impossible length in signature", token: "\(header).\(payload).A", expected: "token_base64"),
        Case(name: "header not JSON", token: "\(Base64Codec.encodeURL(Array("alg".utf8))).\(payload).", expected: "token_header_invalid"),
        Case(name: "header is an array", token: "\(Base64Codec.encodeURL(Array("[1]".utf8))).\(payload).", expected: "token_header_invalid"),
        Case(name: "header invalid UTF-8", token: "\(Base64Codec.encodeURL([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])).\(payload).", expected: "token_header_invalid"),
        Case(name: "header duplicate alg", token: "\(Base64Codec.encodeURL(Array(#"{"alg":"RS256","alg":"none"}"#.utf8))).\(payload).", expected: "token_duplicate_member"),
        Case(name: "larger than 16 KiB", token: String(repeating: "A", count: 16 * 1024 + 1), expected: "token_too_large"),
        Case(name: "exactly 16 KiB is read (and fails on structure instead)", token: String(repeating: "A", count: 16 * 1024), expected: "token_segment_count"),
        Case(name: "thousands of dots are counted, not split", token: String(repeating: ".", count: 5000), expected: "token_segment_count"),
    ]

    @Test("structural faults", arguments: cases)
    func structure(_ testCase: Case) {
        let result: Result<CompactJWS, Rejection>
        do { result = .success(try CompactJWS(parsing: testCase.token)) } catch { result = .failure(error) }
        #expect(JOSEFixtures.code(result) == testCase.expected)
    }

    @Test("signing input is the first two segments, byte for byte")
    func signingInput() throws {
        let jws = try CompactJWS(parsing: "\(Self.header).\(Self.payload).\(Self.signature)")
        #expect(jws.signingInput == Array("\(Self.header).\(Self.payload)".utf8))
        #expect(jws.signature == [UInt8](repeating: 7, count: 256))
        #expect(jws.algorithm == "RS256")
        #expect(jws.keyID == "k")
    }

    @Test("claims must be a JSON object with unique members", arguments: [
        (#"{"aud":"a"}"#, "valid"), (#"[]"#, "token_claims_invalid"), (#"foo"#, "token_claims_invalid"),
        (#"{"aud":"a","aud":"b"}"#, "token_duplicate_member"), (#"{"a":"\ud800"}"#, "token_claims_invalid"),
    ])
    func claims(text: String, expected: String) throws {
        let jws = try CompactJWS(parsing: "\(Self.header).\(Base64Codec.encodeURL(Array(text.utf8))).")
        let result: Result<JSONObject, Rejection>
        do { result = .success(try jws.claims()) } catch { result = .failure(error) }
        #expect(JOSEFixtures.code(result) == expected)
    }

    @Test("a duplicate name in an error message is shortened and control characters are masked")
    func printableNames() throws {
        let name = String(repeating: "x", count: 200) + "\n"
        let header = Base64Codec.encodeURL(Array(("{\"\(name.replacingOccurrences(of: "\n", with: "\\n"))\":1,\"\(name.replacingOccurrences(of: "\n", with: "\\n"))\":2}").utf8))
        do {
            _ = try CompactJWS(parsing: "\(header).\(Self.payload).")
            Issue.record("duplicate member accepted")
        } catch {
            guard case .tokenDuplicateMember(let shown) = error else { Issue.record("wrong rejection \(error)"); return }
            #expect(shown.count <= 65)
            #expect(!shown.contains("\n"))
        }
    }
}
