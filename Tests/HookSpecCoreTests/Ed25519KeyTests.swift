import HookSpecCore
import Testing

/// Ed25519 keys for `v1a`: `whpk_` raw and SPKI, OKP JWKs, JWKS documents, `whsk_` seeds (SPEC §3.2).
@Suite("Ed25519 keys")
struct Ed25519KeyTests {
    // V4 and V6 of the published vectors, and RFC 8037 Appendix A.
    static let spkiText = "whpk_MCowBQYDK2VwAyEAkp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io="
    static let rawOfSPKI = "whpk_kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io="
    static let rfc8037X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    static let rfc8037Seed = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"

    func jwk(_ json: String) throws -> JSONObject {
        try #require(try StrictJSONParser().parse(json).objectValue)
    }

    @Test("whpk_ accepts the raw 32-byte key and its 44-byte SPKI, which name the same key")
    func whpkForms() throws {
        let spki = try Ed25519PublicKey(parsing: Self.spkiText)
        let raw = try Ed25519PublicKey(parsing: Self.rawOfSPKI)
        #expect(spki.rawRepresentation == raw.rawRepresentation)
        #expect(spki.exportedText == Self.rawOfSPKI)
        #expect(spki.keyID == nil)
    }

    @Test("whpk_ refusals", arguments: [
        "kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io=",                 // no prefix
        "WHPK_kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io=",
        "whpk_kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io",              // unpadded
        "whpk_kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Ip=",             // padding bits
        "whpk_kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7IoA",             // 33 bytes
        "whpk_" + Base64Codec.encode([UInt8](repeating: 1, count: 31)),
        "whpk_" + Base64Codec.encode([UInt8](repeating: 1, count: 33)),
        "whpk_" + Base64Codec.encode([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x71, 0x03, 0x21, 0x00] + [UInt8](repeating: 1, count: 32)),
        "whpk_",
    ])
    func whpkRefusals(_ text: String) {
        let result = Result { () throws(Rejection) in try Ed25519PublicKey(parsing: text) }.map(\.rawRepresentation)
        #expect(result.failureCode == .publicKeyMalformed, "\(text)")
    }

    @Test("OKP JWK (RFC 8037 Appendix A.2) gives the key of the matching seed")
    func jwkKey() throws {
        let key = try Ed25519PublicKey(jwk: jwk(#"{"kty":"OKP","crv":"Ed25519","x":"\#(Self.rfc8037X)","kid":"k1","use":"sig","alg":"EdDSA"}"#))
        #expect(key.keyID == "k1")
        let seed = try #require(try? Base64Codec.decode(Self.rfc8037Seed, mode: .strictURL).get())
        let signing = try Ed25519SigningKey(parsing: Ed25519SigningKey.prefix + Base64Codec.encode(seed))
        #expect(signing.publicKey.rawRepresentation == key.rawRepresentation)
        // RFC 8037 A.4: the signature over "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".
        let message = Array("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".utf8)
        let signature = try #require(try? Base64Codec.decode(
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg", mode: .strictURL).get())
        #expect(key.isValidSignature(signature, over: message))
        #expect(signing.signature(for: message) == signature)
    }

    @Test("JWK refusals name the member at fault", arguments: [
        (#"{"kty":"RSA","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, RejectionCode.keyUnsuitable),
        (#"{"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, .keyUnsuitable),
        (#"{"kty":"OKP","crv":"X25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, .keyUnsuitable),
        (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#, .keyUnsuitable),
        (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","use":"enc"}"#, .keyUnsuitable),
        (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"ES256"}"#, .keyUnsuitable),
        (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="}"#, .publicKeyMalformed),
        (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, .publicKeyMalformed),
        (#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUQ"}"#, .publicKeyMalformed),
        (#"{"kty":"OKP","crv":"Ed25519","x":42}"#, .publicKeyMalformed),
        (#"{"kty":"OKP","crv":"Ed25519"}"#, .publicKeyMalformed),
    ])
    func jwkRefusals(_ json: String, _ code: RejectionCode) throws {
        let object = try jwk(json)
        let result = Result { () throws(Rejection) in try Ed25519PublicKey(jwk: object) }.map(\.rawRepresentation)
        #expect(result.failureCode == code, "\(json)")
    }

    @Test("A JWKS yields its usable OKP keys in order and says why it skipped the others")
    func jwks() throws {
        let document = #"""
        {"keys":[
          {"kty":"RSA","kid":"rsa","n":"AQAB","e":"AQAB"},
          {"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
          "not an object",
          {"kty":"OKP","crv":"Ed25519","kid":"b","x":"kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io"}
        ]}
        """#
        let set = try Ed25519PublicKeySet(jwks: Array(document.utf8))
        #expect(set.keys.map(\.keyID) == ["a", "b"])
        #expect(set.skipped.count == 2)
        #expect(set.skipped.first?.keyID == "rsa")
        #expect(set.skipped.first?.reason.code == .keyUnsuitable)
        #expect(set.skipped.last?.reason.code == .jwksMalformed)
    }

    @Test("JWKS documents that are not one", arguments: [
        "", "[]", #"{"keys":{}}"#, #"{"key":[]}"#, #"{"keys":[],"keys":[]}"#, "{\"keys\":[]", "\u{FEFF}{\"keys\":[]}",
    ])
    func jwksRefusals(_ document: String) {
        let result = Result { () throws(Rejection) in try Ed25519PublicKeySet(jwks: Array(document.utf8)) }.map(\.keys.count)
        #expect(result.failureCode == .jwksMalformed, "\(document.debugDescription)")
    }

    @Test("whsk_: 32-byte seed or 48-byte PKCS#8; anything else refused")
    func signingKeys() throws {
        // V6 of the published vectors: signer seed and its public key.
        let signer = try Ed25519SigningKey(parsing: "whsk_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU=")
        #expect(signer.publicKey.exportedText == "whpk_wuzPrKxPfWpJSsXgyg/MEoMGvjs5SjDO4ad6X4ZYqqg=")
        #expect(signer.exportedText() == "whsk_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU=")
        let pkcs8Header: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
        let pkcs8 = try Ed25519SigningKey(parsing: "whsk_" + Base64Codec.encode(pkcs8Header + Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)))
        #expect(pkcs8.publicKey.rawRepresentation == signer.publicKey.rawRepresentation)
        for bad in ["whsk_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU=", "whsk_!", "whsk_"] {
            #expect(throws: Rejection.self) { try Ed25519SigningKey(parsing: bad) }
        }
        #expect(!signer.description.contains("QUJDREVG"))
        let fresh = Ed25519SigningKey()
        let message = Array("m".utf8)
        #expect(fresh.publicKey.isValidSignature(fresh.signature(for: message), over: message))
    }
}

extension Result where Failure == Rejection {
    /// The rejection code of a failure, nil on success.
    var failureCode: RejectionCode? {
        if case .failure(let rejection) = self { rejection.code } else { nil }
    }
}
