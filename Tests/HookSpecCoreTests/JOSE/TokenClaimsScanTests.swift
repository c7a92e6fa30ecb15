@testable import HookSpecCore
import Testing

/// The verifier reads the claims of ordinary tokens in place (`TokenClaimsScan`) and sends every
/// other payload to the strict parser. The scan must never accept what the parser refuses, must
/// see the members the parser sees, and must lead the claim rules to the verdict they reach on
/// the parsed object.
@Suite("Token claims read in place")
struct TokenClaimsScanTests {
    /// The members the scan recorded, each read back through `claim`, or nil when it declined.
    static func scanned(_ text: String) -> [(name: String, value: JSONValue)]? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { payload in
            TokenClaimsScan.withScan(of: payload) { scan in
                scan.map { scan in
                    scan.members.map { member in
                        let name = String(decoding: UnsafeBufferPointer(rebasing: payload[member.name]), as: UTF8.self)
                        guard let value = scan.claim(name) else { preconditionFailure("a recorded member is found") }
                        return (name, value)
                    }
                }
            }
        }
    }

    static func parsed(_ text: String) -> JSONObject? {
        (try? StrictJSONParser(maximumSize: CompactJWS.defaultMaximumBytes, maximumDepth: 32).parse(Array(text.utf8)))?.objectValue
    }

    @Test("Payloads of the scan's shape: it reads them, and sees the members the parser sees", arguments: [
        #"{}"#,
        #" { } "#,
        #"{"aud":"https://receiver.example/hook","iat":1796653932,"exp":1796654232}"#,
        "\t{\n\"a\" : 1 ,\r\n\"b\":[ ]}\n",
        #"{"n":null,"t":true,"f":false,"z":0,"m":-0,"d":1.5,"e":-2E+10,"x":1e-3}"#,
        #"{"aud":["a","b",["c",[[1]]]],"s":""}"#,
        #"{"big":123456789012345678901234567890,"neg":-9223372036854775808}"#,
        #"{"del":"\#u{7F}","slash":"a/b"}"#,
        #"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16}"#,
    ])
    func agreesWithTheParser(_ text: String) throws {
        let members = try #require(Self.scanned(text), "the scan declined a payload of its shape")
        let object = try #require(Self.parsed(text))
        #expect(members.map(\.name) == object.names)
        for member in members {
            #expect(member.value == object[member.name], "\(member.name)")
        }
    }

    @Test("Everything else goes to the parser: faults and shapes the scan does not read", arguments: [
        // Faults: the parser refuses these too, and names the fault.
        "", " ", "[]", "1", #""s""#, "{", "}", #"{"a"}"#, #"{"a":}"#, #"{"a":1,}"#, #"{,"a":1}"#, #"{"a":1}x"#,
        #"{"a":1}{}"#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":-}"#, #"{"a":1e}"#, #"{"a":+1}"#, #"{"a":tru}"#,
        #"{"a":nul}"#, #"{"a":[1,]}"#, #"{"a":[1}"#, #"{"a":"x}"#, #"{a:1}"#, #"{"a":1,"a":2}"#, #"{"a":"\#u{01}"}"#,
        "{\"a\":1}\u{00}", "\u{FEFF}{}",
        // Valid, but not of the scan's shape.
        #"{"a":{"b":1}}"#, #"{"a":[{}]}"#, #"{"a\u0062":1}"#, #"{"a":"\/"}"#, #"{"é":1}"#, #"{"a":"é"}"#,
        #"{"a":[[[[[1]]]]]}"#,
        #"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17}"#,
    ])
    func declines(_ text: String) {
        #expect(Self.scanned(text) == nil)
    }

    @Test("A payload larger than the parser's claims limit goes to the parser")
    func sizeLimit() {
        let padding = String(repeating: " ", count: CompactJWS.defaultMaximumBytes)
        #expect(Self.scanned("{}" + padding) == nil)
        #expect(Self.scanned("{}" + padding.dropFirst(3)) != nil)
    }

    @Test("Integers are read from their bytes as Int64(text) reads them; others as the parser reads them", arguments: [
        "0", "-0", "7", "-7", "1796653932", "999999999999999999", "-999999999999999999", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "1.0", "1e3", "-1.5E-2", "\"12\"", "true", "[1]",
    ])
    func integers(_ number: String) throws {
        let text = #"{"n":"# + number + "}"
        let object = try #require(Self.parsed(text))
        let fromScan = Array(text.utf8).withUnsafeBufferPointer { payload in
            TokenClaimsScan.withScan(of: payload) { $0?.integerClaim("n") }
        }
        #expect(fromScan == object.integerClaim("n"))
        #expect(fromScan == object["n"]?.int64Value)
    }

    /// The rules' verdict on `claims`: a rejection code, or whether the body hash was checked.
    static func verdict<Claims: TokenClaimLookup>(_ claims: Claims, policy: TokenPolicy, body: [UInt8]) -> String {
        body.withUnsafeBufferPointer { body in
            do throws(Rejection) {
                return try TokenClaimRules.check(claims, policy: policy, body: body, now: JOSEFixtures.now) ? "valid, body checked" : "valid"
            } catch {
                return error.code.rawValue
            }
        }
    }

    @Test("Every claims case of the verifier's table: the rules reach the same verdict in place and parsed", arguments: TokenVerifierTests.cases)
    func rulesAgree(_ testCase: TokenVerifierTests.Case) throws {
        let payload = JOSEJSON.encode(JOSEJSON.object(testCase.claims))
        let text = String(decoding: payload, as: UTF8.self)
        let object = try #require(Self.parsed(text))
        let fromObject = Self.verdict(object, policy: testCase.policy, body: testCase.body)
        let fromScan = payload.withUnsafeBufferPointer { payload in
            TokenClaimsScan.withScan(of: payload) { scan in scan.map { Self.verdict($0, policy: testCase.policy, body: testCase.body) } }
        }
        // Only a nested object (aud as an object) is outside the scan's shape in this table.
        if testCase.claims.contains(where: { $0.value.objectValue != nil }) {
            #expect(fromScan == nil)
        } else {
            #expect(fromScan == fromObject)
        }
    }

    @Test("aud and iss compare code point by code point: a canonically equivalent spelling is another audience")
    func audienceIsNotNormalised() throws {
        let precomposed = "https://caf\u{E9}.example/hook", decomposed = "https://cafe\u{301}.example/hook"
        #expect(precomposed == decomposed, "Swift's == treats them as equal; RFC 7519 §2 does not")
        var policy = JOSEFixtures.policy
        policy.audience = precomposed
        let claims = JOSEJSON.object(TokenVerifierTests.claims(aud: .string(decomposed)))
        #expect(Self.verdict(claims, policy: policy, body: JOSEFixtures.body) == "aud_mismatch")
        let listed = JOSEJSON.object(TokenVerifierTests.claims(aud: .array([.string(decomposed)])))
        #expect(Self.verdict(listed, policy: policy, body: JOSEFixtures.body) == "aud_mismatch")
        policy.audience = JOSEFixtures.audience
        policy.issuer = precomposed
        let issued = JOSEJSON.object(TokenVerifierTests.claims(iss: decomposed))
        #expect(Self.verdict(issued, policy: policy, body: JOSEFixtures.body) == "iss_mismatch")
    }

    @Test("A digest written with escapes is still read: the parser decodes it")
    func escapedDigest() throws {
        let digest = RS256TokenSigner.bodyHash(JOSEFixtures.body)
        let escaped = "\\u00" + String(digest.unicodeScalars.first!.value, radix: 16) + digest.dropFirst()
        let text = #"{"aud":""# + JOSEFixtures.audience + #"","iss":""# + JOSEFixtures.issuer + #"","exp":"# + "\(JOSEFixtures.now + 60)"
            + #","request_body_sha256":""# + escaped + #""}"#
        #expect(Self.scanned(text) == nil)
        let object = try #require(Self.parsed(text))
        #expect(Self.verdict(object, policy: JOSEFixtures.policy, body: JOSEFixtures.body) == "valid, body checked")
    }

    @Test("A verified token gives its claims on demand, parsed from the token")
    func claimsOnDemand() throws {
        let keys = try JOSEFixtures.keys()
        let claims = TokenVerifierTests.claims()
        let token = try JOSEFixtures.token(keys, header: JOSEFixtures.standardHeader, claims: claims)
        let verified = try keys.verifier().verify(token: token, body: JOSEFixtures.body, now: JOSEFixtures.now).get()
        #expect(verified.claims == JOSEJSON.object(claims))
        #expect(verified.bodyHashChecked)
        #expect(verified.keyID == JOSEFixtures.trustedKeyID)
        #expect(verified.token == token)
    }
}
