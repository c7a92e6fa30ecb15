import HookSpecCore
import Testing

/// SPEC §3.3 token rules, one test case per rule, through the full verifier.
@Suite("RS256 token verifier")
struct TokenVerifierTests {
    typealias Member = (name: String, value: JSONValue)
    static let now = JOSEFixtures.now
    static let standard = JOSEFixtures.standardHeader

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let header: [Member]
        let claims: [Member]
        var policy: TokenPolicy = JOSEFixtures.policy
        var body: [UInt8] = JOSEFixtures.body
        let expected: String
        var testDescription: String { "\(name) → \(expected)" }
    }

    static func claims(
        iat: Int64? = now, nbf: Int64? = nil, exp: Int64? = now + 300, aud: JSONValue? = .string(JOSEFixtures.audience),
        iss: String? = JOSEFixtures.issuer, bodyHash: String? = RS256TokenSigner.bodyHash(JOSEFixtures.body)
    ) -> [Member] {
        JOSEFixtures.validClaims(exp: exp, nbf: nbf, iat: iat, aud: aud, iss: iss, bodyHash: bodyHash)
    }

    static var requireBody: TokenPolicy {
        var policy = JOSEFixtures.policy
        policy.bodyBinding = .required
        return policy
    }
    static var optionalExp: TokenPolicy {
        var policy = JOSEFixtures.policy
        policy.requireExpiration = false
        return policy
    }
    static var noIssuer: TokenPolicy { TokenPolicy(audience: JOSEFixtures.audience) }

    static let cases: [Case] = [
        Case(name: "valid", header: standard, claims: claims(), expected: "valid"),
        Case(name: "valid without typ", header: [("alg", .string("RS256")), ("kid", .string(JOSEFixtures.trustedKeyID))], claims: claims(), expected: "valid"),
        // Header rules (RFC 8725 §3.1, RFC 7515 §4.1.11)
        Case(name: "alg missing", header: [("kid", .string(JOSEFixtures.trustedKeyID))], claims: claims(), expected: "token_header_invalid"),
        Case(name: "alg is a number", header: [("alg", .number("256")), ("kid", .string(JOSEFixtures.trustedKeyID))], claims: claims(), expected: "token_header_invalid"),
        Case(name: "alg RS512 signed RS256", header: [("alg", .string("RS512")), ("kid", .string(JOSEFixtures.trustedKeyID))], claims: claims(), expected: "alg_disallowed"),
        Case(name: "alg PS256", header: [("alg", .string("PS256")), ("kid", .string(JOSEFixtures.trustedKeyID))], claims: claims(), expected: "alg_disallowed"),
        Case(name: "crit empty array", header: standard + [("crit", .array([]))], claims: claims(), expected: "token_header_invalid"),
        Case(name: "crit b64", header: standard + [("crit", .array([.string("b64")])), ("b64", .bool(false))], claims: claims(), expected: "crit_unknown"),
        Case(name: "kid a number", header: [("alg", .string("RS256")), ("kid", .number("1"))], claims: claims(), expected: "token_header_invalid"),
        // exp (RFC 7519 §4.1.4) with the 60 s leeway
        Case(name: "exp 59 s ago is inside the leeway", header: standard, claims: claims(iat: now - 100, exp: now - 59), expected: "valid"),
        Case(name: "exp 60 s ago is expired", header: standard, claims: claims(iat: now - 100, exp: now - 60), expected: "token_expired"),
        Case(name: "exp fractional", header: standard, claims: claims(exp: nil) + [("exp", .number("\(now + 10).5"))], expected: "valid"),
        Case(name: "exp a string", header: standard, claims: claims(exp: nil) + [("exp", .string("\(now + 10)"))], expected: "token_claims_invalid"),
        Case(name: "exp 1e400", header: standard, claims: claims(exp: nil) + [("exp", .number("1e400"))], expected: "token_claims_invalid"),
        Case(name: "exp missing", header: standard, claims: claims(exp: nil), expected: "exp_missing"),
        Case(name: "exp missing, policy allows it", header: standard, claims: claims(exp: nil), policy: optionalExp, expected: "valid"),
        // nbf (§4.1.5)
        Case(name: "nbf 60 s ahead is inside the leeway", header: standard, claims: claims(nbf: now + 60), expected: "valid"),
        Case(name: "nbf 61 s ahead", header: standard, claims: claims(nbf: now + 61), expected: "token_not_yet_valid"),
        // iat (§4.1.6) with leeway and SPEC §4 tolerance
        Case(name: "iat 60 s ahead", header: standard, claims: claims(iat: now + 60), expected: "valid"),
        Case(name: "iat 61 s ahead", header: standard, claims: claims(iat: now + 61), expected: "iat_future"),
        Case(name: "iat 300 s ago", header: standard, claims: claims(iat: now - 300), expected: "valid"),
        Case(name: "iat 301 s ago", header: standard, claims: claims(iat: now - 301), expected: "iat_stale"),
        Case(name: "iat absent", header: standard, claims: claims(iat: nil), expected: "valid"),
        Case(name: "iat Int64.min does not overflow", header: standard, claims: claims(iat: .min), expected: "iat_stale"),
        Case(name: "exp Int64.max does not overflow", header: standard, claims: claims(exp: .max), expected: "valid"),
        // aud (§4.1.3)
        Case(name: "aud array containing ours", header: standard, claims: claims(aud: .array([.string("x"), .string(JOSEFixtures.audience)])), expected: "valid"),
        Case(name: "aud array without ours", header: standard, claims: claims(aud: .array([.string("x")])), expected: "aud_mismatch"),
        Case(name: "aud array with a number", header: standard, claims: claims(aud: .array([.string(JOSEFixtures.audience), .number("1")])), expected: "token_claims_invalid"),
        Case(name: "aud differs in case", header: standard, claims: claims(aud: .string(JOSEFixtures.audience.uppercased())), expected: "aud_mismatch"),
        Case(name: "aud an object", header: standard, claims: claims(aud: .object(JOSEJSON.object([]))), expected: "token_claims_invalid"),
        // iss (§4.1.1)
        Case(name: "iss missing when configured", header: standard, claims: claims(iss: nil), expected: "iss_mismatch"),
        Case(name: "iss other", header: standard, claims: claims(iss: "https://other.example"), expected: "iss_mismatch"),
        Case(name: "iss ignored when not configured", header: standard, claims: claims(iss: "https://other.example"), policy: noIssuer, expected: "valid"),
        // request_body_sha256 (SPEC §3.3 body binding)
        Case(name: "body hash absent, checked when present", header: standard, claims: claims(bodyHash: nil), expected: "valid"),
        Case(name: "body hash absent, required", header: standard, claims: claims(bodyHash: nil), policy: requireBody, expected: "body_hash_missing"),
        Case(name: "body hash of another body", header: standard, claims: claims(), body: JOSEFixtures.otherBody, expected: "body_hash_mismatch"),
        Case(name: "body hash uppercase hex", header: standard, claims: claims(bodyHash: RS256TokenSigner.bodyHash(JOSEFixtures.body).uppercased()), expected: "token_claims_invalid"),
        Case(name: "body hash a number", header: standard, claims: claims(bodyHash: nil) + [("request_body_sha256", .number("1"))], expected: "token_claims_invalid"),
        Case(name: "empty body hashed", header: standard, claims: claims(bodyHash: RS256TokenSigner.bodyHash([])), body: [], expected: "valid"),
    ]

    @Test("one rule each", arguments: cases)
    func rule(_ testCase: Case) throws {
        let keys = try JOSEFixtures.keys()
        let token = try JOSEFixtures.token(keys, header: testCase.header, claims: testCase.claims)
        let result = try keys.verifier(testCase.policy).verify(token: token, body: testCase.body, now: Self.now)
        #expect(JOSEFixtures.code(result) == testCase.expected)
    }

    @Test("a tampered signature, payload or header fails the signature check")
    func tampering() throws {
        let keys = try JOSEFixtures.keys()
        let verifier = try keys.verifier()
        let token = try keys.signer.deliveryToken(body: JOSEFixtures.body, audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: Self.now)
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        #expect(JOSEFixtures.code(verifier.verify(token: token, body: JOSEFixtures.body, now: Self.now)) == "valid")
        var signature = try Base64Codec.decode(parts[2], mode: .strictURL).get()
        signature[signature.count - 1] ^= 1
        let badSignature = parts[0] + "." + parts[1] + "." + Base64Codec.encodeURL(signature)
        #expect(JOSEFixtures.code(verifier.verify(token: badSignature, body: JOSEFixtures.body, now: Self.now)) == "token_signature_invalid")
        let otherClaims = RS256TokenSigner.deliveryClaims(body: JOSEFixtures.body, audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: Self.now + 1)
        parts[1] = Base64Codec.encodeURL(JOSEJSON.encode(otherClaims))
        #expect(JOSEFixtures.code(verifier.verify(token: parts.joined(separator: "."), body: JOSEFixtures.body, now: Self.now)) == "token_signature_invalid")
        let truncated = parts[0] + "." + String(token.split(separator: ".")[1]) + "." + Base64Codec.encodeURL(signature.dropLast())
        #expect(JOSEFixtures.code(verifier.verify(token: truncated, body: JOSEFixtures.body, now: Self.now)) == "token_signature_invalid")
    }

    @Test("no fallback: a kid that is not in the set is refused even when the set's only key signed the token")
    func noKidFallback() throws {
        let keys = try JOSEFixtures.keys()
        let set = try JSONWebKeySet(parsing: JSONWebKeySet.document(rsaKeys: [("only", keys.trusted.publicKey)]))
        let verifier = RS256TokenVerifier(keys: set, policy: JOSEFixtures.policy)
        for kid: JSONValue? in [.string("not-only"), nil] {
            var header: [TokenVerifierTests.Member] = [("alg", .string("RS256"))]
            if let kid { header.append(("kid", kid)) }
            let token = try JOSEFixtures.token(keys, header: header, claims: Self.claims())
            let expected = kid == nil ? "kid_missing" : "kid_unknown"
            #expect(JOSEFixtures.code(verifier.verify(token: token, body: JOSEFixtures.body, now: Self.now)) == expected)
        }
    }

    @Test("with rejectEmbeddedKeys off, an embedded jwk is ignored, never used")
    func embeddedKeyIgnored() throws {
        let keys = try JOSEFixtures.keys()
        var policy = JOSEFixtures.policy
        policy.rejectEmbeddedKeys = false
        let verifier = try keys.verifier(policy)
        let attackerJWK = JSONWebKey.publicJWK(rsa: keys.attacker.publicKey, keyID: JOSEFixtures.trustedKeyID)
        let header = Self.standard + [("jwk", .object(attackerJWK))]
        let byAttacker = try RS256TokenSigner(key: keys.attacker, keyID: JOSEFixtures.trustedKeyID)
            .token(header: JOSEJSON.object(header), claims: JOSEJSON.object(Self.claims()))
        #expect(JOSEFixtures.code(verifier.verify(token: byAttacker, body: JOSEFixtures.body, now: Self.now)) == "token_signature_invalid")
        let byTrusted = try JOSEFixtures.token(keys, header: header, claims: Self.claims())
        #expect(JOSEFixtures.code(verifier.verify(token: byTrusted, body: JOSEFixtures.body, now: Self.now)) == "valid")
    }

    @Test("the token travels in webhook-signature; missing, repeated and empty headers have their codes")
    func headers() throws {
        let keys = try JOSEFixtures.keys()
        let verifier = try keys.verifier()
        let token = try keys.signer.deliveryToken(body: JOSEFixtures.body, audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: Self.now)
        let cases: [(HeaderFields, String)] = [
            (HeaderFields([("Webhook-Signature", token)]), "valid"),
            (HeaderFields([]), "header_missing"),
            (HeaderFields([("webhook-signature", "")]), "header_empty"),
            (HeaderFields([("webhook-signature", token), ("Webhook-Signature", token)]), "header_duplicate"),
        ]
        for (headers, expected) in cases {
            #expect(JOSEFixtures.code(verifier.verify(headers: headers, body: JOSEFixtures.body, now: Self.now)) == expected)
        }
    }

    @Test("signing is deterministic and verified tokens report the body check")
    func signer() throws {
        let keys = try JOSEFixtures.keys()
        let a = try keys.signer.deliveryToken(body: JOSEFixtures.body, audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: Self.now)
        let b = try keys.signer.deliveryToken(body: JOSEFixtures.body, audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: Self.now)
        #expect(a == b)
        let verified = try keys.verifier().verify(token: a, body: JOSEFixtures.body, now: Self.now).get()
        #expect(verified.bodyHashChecked)
        #expect(verified.keyID == JOSEFixtures.trustedKeyID)
        let unbound = try keys.signer.deliveryToken(body: JOSEFixtures.body, audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: Self.now, bindBody: false)
        #expect(try keys.verifier().verify(token: unbound, body: JOSEFixtures.otherBody, now: Self.now).get().bodyHashChecked == false)
    }
}
