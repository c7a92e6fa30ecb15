import Foundation
import HookSpecCore
import Testing

/// SPEC §3.3: which JWKs are usable for RS256, and what a `kid` lookup answers.
@Suite("JWK and JWKS")
struct KeySetTests {
    // RFC 7520 §3.3 public key (../shared/vectors/jose-cookbook/3_3.rsa_public_key.json).
    static let n2048 = "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let jwk: String
        let expected: String
        var testDescription: String { "\(name) → \(expected)" }
    }

    static func rsa(_ extra: String = "", n: String = n2048, e: String = "AQAB") -> String {
        #"{"kty":"RSA","kid":"k","n":"\#(n)","e":"\#(e)"\#(extra)}"#
    }

    static let cases: [Case] = [
        Case(name: "RSA-2048, e 65537", jwk: rsa(), expected: "rsa"),
        Case(name: "use sig, alg RS256, key_ops verify", jwk: rsa(#","use":"sig","alg":"RS256","key_ops":["verify"]"#), expected: "rsa"),
        Case(name: "e 3", jwk: rsa(e: "Aw"), expected: "rsa"),
        Case(name: "use enc", jwk: rsa(#","use":"enc""#), expected: "key_unsuitable"),
        Case(name: "key_ops encrypt only", jwk: rsa(#","key_ops":["encrypt"]"#), expected: "key_unsuitable"),
        Case(name: "key_ops not an array", jwk: rsa(#","key_ops":"verify""#), expected: "key_unsuitable"),
        Case(name: "alg RS384", jwk: rsa(#","alg":"RS384""#), expected: "key_unsuitable"),
        Case(name: "alg PS256", jwk: rsa(#","alg":"PS256""#), expected: "key_unsuitable"),
        Case(name: "private member d", jwk: rsa(#","d":"AQAB""#), expected: "key_unsuitable"),
        Case(name: "e 1", jwk: rsa(e: "AQ"), expected: "key_unsuitable"),
        Case(name: "e even (65536)", jwk: rsa(e: "AQAA"), expected: "key_unsuitable"),
        Case(name: "e with a leading zero", jwk: rsa(e: "AAEAAQ"), expected: "key_unsuitable"),
        Case(name: "e of 5 bytes", jwk: rsa(e: "AQAAAAE"), expected: "key_unsuitable"),
        Case(name: "n with a leading zero octet", jwk: rsa(n: "AA" + String(n2048.dropFirst(2))), expected: "key_unsuitable"),
        Case(name: "n of 1024 bits", jwk: rsa(n: String(n2048.prefix(172))), expected: "key_weak"),
        Case(name: "n padded base64", jwk: rsa(n: n2048 + "=="), expected: "public_key_malformed"),
        Case(name: "n missing", jwk: #"{"kty":"RSA","kid":"k","e":"AQAB"}"#, expected: "public_key_malformed"),
        Case(name: "kty oct", jwk: #"{"kty":"oct","kid":"k","k":"AAAA"}"#, expected: "key_unsuitable"),
        Case(name: "kty EC", jwk: #"{"kty":"EC","kid":"k","crv":"P-256","x":"AA","y":"AA"}"#, expected: "key_unsuitable"),
        Case(name: "kty missing", jwk: #"{"kid":"k","n":"AQAB","e":"AQAB"}"#, expected: "key_unsuitable"),
        Case(name: "kid a number", jwk: #"{"kty":"RSA","kid":7,"n":"AQAB","e":"AQAB"}"#, expected: "key_unsuitable"),
        // RFC 8037 §A.2 public key (../shared/vectors/jose-cookbook/curve25519_jws.json).
        Case(name: "OKP Ed25519", jwk: #"{"kty":"OKP","crv":"Ed25519","kid":"k","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, expected: "ed25519"),
        Case(name: "OKP X25519", jwk: #"{"kty":"OKP","crv":"X25519","kid":"k","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, expected: "key_unsuitable"),
    ]

    @Test("one JWK", arguments: cases)
    func oneKey(_ testCase: Case) throws {
        let object = try #require(try StrictJSONParser().parse(testCase.jwk).objectValue)
        let outcome: String
        do {
            let key = try JSONWebKey(parsing: object)
            switch key.material {
            case .rsa: outcome = "rsa"
            case .ed25519: outcome = "ed25519"
            }
        } catch {
            outcome = error.code.rawValue
        }
        #expect(outcome == testCase.expected)
    }

    @Test("documents that are rejected whole", arguments: [
        "not json", "[]", #"{"keys":{}}"#, #"{"key":[]}"#, #"{"keys":[],"keys":[]}"#,
        "{\"keys\":[" + Array(repeating: "{}", count: 101).joined(separator: ",") + "]}",
        "{\"keys\":[]}" + String(repeating: " ", count: 64 * 1024),
    ])
    func malformedDocument(_ text: String) {
        #expect(throws: Rejection.self) { try JSONWebKeySet(parsing: Array(text.utf8)) }
        do {
            _ = try JSONWebKeySet(parsing: Array(text.utf8))
        } catch {
            #expect(error.code == .jwksMalformed)
        }
    }

    @Test("bad entries are skipped with their reason; good ones stay usable")
    func skipping() throws {
        let document = #"{"keys":[7,\#(Self.rsa(#","use":"enc""#).replacingKid("enc")),\#(Self.rsa().replacingKid("good")),\#(Self.rsa(n: String(Self.n2048.prefix(172))).replacingKid("weak")),{"kty":"RSA","n":"\#(Self.n2048)","e":"AQAB"}]}"#
        let set = try JSONWebKeySet(parsing: Array(document.utf8))
        #expect(set.keys.count == 1)
        #expect(set.skipped.count == 4)
        #expect(JOSEFixtures.code(set.rs256Key(for: "good")) == "valid")
        #expect(JOSEFixtures.code(set.rs256Key(for: "enc")) == "key_unsuitable")
        #expect(JOSEFixtures.code(set.rs256Key(for: "weak")) == "key_weak")
        #expect(JOSEFixtures.code(set.rs256Key(for: "absent")) == "kid_unknown")
    }

    @Test("a duplicated kid makes that kid unusable, not the set")
    func duplicateKid() throws {
        let document = #"{"keys":[\#(Self.rsa().replacingKid("dup")),\#(Self.rsa().replacingKid("dup")),\#(Self.rsa().replacingKid("other"))]}"#
        let set = try JSONWebKeySet(parsing: Array(document.utf8))
        #expect(set.ambiguousKeyIDs == ["dup"])
        #expect(JOSEFixtures.code(set.rs256Key(for: "dup")) == "key_unsuitable")
        #expect(JOSEFixtures.code(set.rs256Key(for: "other")) == "valid")
    }

    @Test("an OKP key named by an RS256 token is unsuitable; the v1a verifier gets it")
    func okpForRS256() throws {
        let document = #"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"ed","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#
        let set = try JSONWebKeySet(parsing: Array(document.utf8))
        #expect(JOSEFixtures.code(set.rs256Key(for: "ed")) == "key_unsuitable")
        #expect(set.ed25519Keys.count == 1)
    }

    @Test("the JWKS hookspec serves reads back with the same keys")
    func roundTrip() throws {
        let keys = try JOSEFixtures.keys()
        let set = try JSONWebKeySet(parsing: JSONWebKeySet.document(rsaKeys: [("a", keys.trusted.publicKey), ("b", keys.attacker.publicKey)]))
        let a = try set.rs256Key(for: "a").get()
        #expect(a.modulus == keys.trusted.publicKey.modulus)
        #expect(a.exponent == [1, 0, 1])
        #expect(a.bitCount == 2048)
    }

    @Test("committed random keys do not trip the ROCA fingerprint")
    func rocaFalsePositives() throws {
        for name in ["trusted-rs256-2048", "attacker-rs256-2048", "oracle-3072", "oracle-4096"] {
            let key = try RS256SigningKey(pemRepresentation: JOSEFixtures.pem(name)).publicKey
            #expect(throws: Never.self) { try RS256PublicKey(modulus: key.modulus, exponent: key.exponent) }
        }
    }
}

extension String {
    fileprivate func replacingKid(_ kid: String) -> String {
        replacingOccurrences(of: #""kid":"k""#, with: #""kid":"\#(kid)""#)
    }
}
