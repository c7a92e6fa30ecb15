import HookSpecCore

/// The documents the probe's JWKS host serves (SPEC §9.5), as a pure value: which keys of the
/// run are published now, and the bytes of the trusted and attacker documents.
public struct JWKSDocuments: Sendable {
    /// A `kid` the trusted JWKS lists with `use: enc` (the rotation key's material): not for signatures.
    public static let encryptionKeyID = "hookspec-rsa-enc"
    /// A `kid` the trusted JWKS lists with `alg: PS256` (the rotation key's material): not for RS256.
    public static let otherAlgorithmKeyID = "hookspec-rsa-ps256"

    /// The keys of every scheme the run may sign with (one, or three for `--scheme auto`).
    public let keys: [ProbeKeys]
    /// The `kid`s of keys published mid-run (rotation), and of keys withdrawn.
    private var published: Set<String>
    private var withdrawn: Set<String> = []

    /// The documents at the start of a run: every key but the rotation keys.
    public init(keys: [ProbeKeys]) {
        self.keys = keys
        self.published = []
    }

    /// Applies a rotation change.
    public mutating func apply(_ change: JWKSChange) {
        switch change {
        case .publish(let keyID):
            published.insert(keyID)
            withdrawn.remove(keyID)
        case .withdraw(let keyID):
            withdrawn.insert(keyID)
            published.remove(keyID)
        }
    }

    /// The trusted JWKS as it stands.
    public var trusted: [UInt8] {
        JSONWebKeySet.document(jwks: keys.flatMap(entries).filter { entry in
            guard let kid = entry["kid"]?.stringValue else { return true }
            return !withdrawn.contains(kid)
        })
    }

    /// The attacker's JWKS: the attacker's RSA key (`jwt` runs only; otherwise an empty set).
    public var attacker: [UInt8] {
        JSONWebKeySet.document(jwks: keys.compactMap { if case .jwt(let jwt) = $0 { jwt.attacker.publicJWK } else { nil } })
    }

    /// The attacker's public key as PEM, served at the `x5u` URL.
    public var attackerCertificate: [UInt8] {
        Array(keys.compactMap { if case .jwt(let jwt) = $0 { jwt.attacker.key.publicKey.pemRepresentation } else { nil } }.joined().utf8)
    }

    private func entries(_ keys: ProbeKeys) -> [JSONObject] {
        switch keys {
        case .v1:
            return []
        case .v1a(let v1a):
            return v1a.published.map(\.publicJWK) + (published.contains(v1a.rotation.keyID) ? [v1a.rotation.publicJWK] : [])
        case .jwt(let jwt):
            let rotationKey = jwt.rotation.key.publicKey
            let unsuitable = [
                JOSEJSON.object([
                    ("kty", .string("RSA")), ("kid", .string(Self.encryptionKeyID)), ("use", .string("enc")),
                    ("n", .string(Base64Codec.encodeURL(rotationKey.modulus))), ("e", .string(Base64Codec.encodeURL(rotationKey.exponent))),
                ]),
                JOSEJSON.object([
                    ("kty", .string("RSA")), ("kid", .string(Self.otherAlgorithmKeyID)), ("use", .string("sig")), ("alg", .string("PS256")),
                    ("n", .string(Base64Codec.encodeURL(rotationKey.modulus))), ("e", .string(Base64Codec.encodeURL(rotationKey.exponent))),
                ]),
            ]
            return [jwt.primary.publicJWK, jwt.weak.publicJWK] + unsuitable + (published.contains(jwt.rotation.keyID) ? [jwt.rotation.publicJWK] : [])
        }
    }
}
