/// One public key read from a JWK (RFC 7517 §4), checked for signature verification.
public struct JSONWebKey: Sendable {
    /// The key material this project can verify with.
    public enum Material: Sendable {
        /// An RSA key usable for RS256 (SPEC §3.3).
        case rsa(RS256PublicKey)
        /// An OKP Ed25519 key usable for `v1a` (SPEC §3.2).
        case ed25519(Ed25519PublicKey)
    }

    /// Members that only private JWKs carry (RFC 7518 §6.3.2, §6.4; RFC 8037 §2).
    static let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

    /// The `kid`, if the JWK has one.
    public let keyID: String?
    /// The verified key material.
    public let material: Material

    /// Builds a JWK entry from a key the caller already holds (hookspec's own sender).
    public init(keyID: String?, material: Material) {
        self.keyID = keyID
        self.material = material
    }

    /// Reads one JWK; throws the reason it cannot be used to verify signatures.
    public init(parsing jwk: JSONObject) throws(Rejection) {
        let keyID: String?
        switch jwk["kid"] {
        case nil: keyID = nil
        case .string(let text)?: keyID = text
        case let other?: throw .keyUnsuitable("JWK kid is a JSON \(other.typeName), not a string")
        }
        if let member = Self.privateMembers.first(where: { jwk[$0] != nil }) {
            // A private key inside a trusted set is published, hence compromised (Wycheproof MixedKeySet).
            throw .keyUnsuitable("JWK carries private key member \(member)")
        }
        if let use = jwk["use"], use.stringValue != "sig" {
            throw .keyUnsuitable("JWK use is \(Self.describe(use)), not sig")
        }
        if let operations = jwk["key_ops"] {
            guard let list = operations.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw .keyUnsuitable("JWK key_ops is not an array of strings")
            }
            guard list.contains(.string("verify")) else { throw .keyUnsuitable("JWK key_ops does not include verify") }
        }
        guard case .string(let type)? = jwk["kty"] else { throw .keyUnsuitable("JWK has no kty string") }
        switch type {
        case "RSA":
            if let alg = jwk["alg"], alg.stringValue != "RS256" {
                throw .keyUnsuitable("JWK alg is \(Self.describe(alg)), not RS256")
            }
            let modulus = try Self.decodeParameter(jwk, "n")
            let exponent = try Self.decodeParameter(jwk, "e")
            self.material = .rsa(try RS256PublicKey(modulus: modulus, exponent: exponent))
        case "OKP":
            self.material = .ed25519(try Ed25519PublicKey(jwk: jwk))
        default:
            throw .keyUnsuitable("JWK kty \(CompactJWS.printable(type)) is neither RSA nor OKP")
        }
        self.keyID = keyID
    }

    /// The public JWK of an RSA key, as hookspec's own JWKS host serves it.
    public static func publicJWK(rsa key: RS256PublicKey, keyID: String) -> JSONObject {
        JOSEJSON.object([
            ("kty", .string("RSA")),
            ("kid", .string(keyID)),
            ("use", .string("sig")),
            ("alg", .string("RS256")),
            ("n", .string(Base64Codec.encodeURL(key.modulus))),
            ("e", .string(Base64Codec.encodeURL(key.exponent))),
        ])
    }

    /// The public JWK of an Ed25519 key (RFC 8037 §2), as hookspec's JWKS host serves it for `v1a`.
    public static func publicJWK(ed25519 key: Ed25519PublicKey, keyID: String) -> JSONObject {
        JOSEJSON.object([
            ("kty", .string("OKP")),
            ("crv", .string("Ed25519")),
            ("kid", .string(keyID)),
            ("use", .string("sig")),
            ("alg", .string("EdDSA")),
            ("x", .string(Base64Codec.encodeURL(key.rawRepresentation))),
        ])
    }

    private static func decodeParameter(_ jwk: JSONObject, _ name: String) throws(Rejection) -> [UInt8] {
        guard let text = jwk[name]?.stringValue else { throw .publicKeyMalformed("RSA JWK has no \(name) string") }
        guard case .success(let bytes) = Base64Codec.decode(text, mode: .strictURL) else {
            throw .publicKeyMalformed("RSA JWK \(name) is not strict base64url")
        }
        return bytes
    }

    private static func describe(_ value: JSONValue) -> String {
        value.stringValue.map(CompactJWS.printable) ?? "a JSON \(value.typeName)"
    }
}
