import HookSpecCore

/// An RSA signing key and its `kid`.
public typealias NamedRSAKey = NamedKey<RS256SigningKey>

extension NamedKey where Key == RS256SigningKey {
    /// The public JWK (RSA, `use` sig, `alg` RS256) the JWKS host serves for it.
    public var publicJWK: JSONObject { JSONWebKey.publicJWK(rsa: key.publicKey, keyID: keyID) }

    /// A signer for delivery tokens.
    public var signer: RS256TokenSigner { RS256TokenSigner(key: key, keyID: keyID) }
}

/// The `jwt` keys of a run (SPEC §3.3, §9.5), made once per run because RSA key generation is slow.
public struct RSARunKeys: Sendable {
    /// Signs every valid delivery; published from the start.
    public let primary: NamedRSAKey
    /// Published only by the rotation case.
    public let rotation: NamedRSAKey
    /// A 2048-bit key the receiver never trusts; the attacker JWKS serves it.
    public let attacker: NamedRSAKey
    /// A 1024-bit key published in the trusted JWKS, which a receiver must refuse to use.
    public let weak: NamedRSAKey
    /// The `aud` the receiver expects.
    public let audience: String
    /// The `iss` the receiver expects, if it checks one.
    public let issuer: String?

    /// Keys as given.
    public init(primary: NamedRSAKey, rotation: NamedRSAKey, attacker: NamedRSAKey, weak: NamedRSAKey, audience: String, issuer: String? = nil) {
        self.primary = primary
        self.rotation = rotation
        self.attacker = attacker
        self.weak = weak
        self.audience = audience
        self.issuer = issuer
    }

    /// The audience of the embedded reference receiver, and of `--audience`'s default.
    public static let defaultAudience = "hookspec-probe"

    /// Fresh keys: three RSA-2048 and one RSA-1024.
    public static func generate(audience: String = defaultAudience, issuer: String? = nil) throws(TokenSigningError) -> RSARunKeys {
        RSARunKeys(
            primary: NamedRSAKey(keyID: "hookspec-rsa-1", key: try RS256SigningKey(generatingBits: 2048)),
            rotation: NamedRSAKey(keyID: "hookspec-rsa-rotated", key: try RS256SigningKey(generatingBits: 2048)),
            attacker: NamedRSAKey(keyID: HostileTokenFactory.attackerKeyID, key: try RS256SigningKey(generatingBits: 2048)),
            weak: NamedRSAKey(keyID: HostileTokenFactory.weakKeyID, key: try RS256SigningKey(generatingBits: 1024, allowWeak: true)),
            audience: audience, issuer: issuer)
    }

    /// The same keys with another audience and issuer (the keys are reused, e.g. across test runs).
    public func with(audience: String, issuer: String?) -> RSARunKeys {
        RSARunKeys(primary: primary, rotation: rotation, attacker: attacker, weak: weak, audience: audience, issuer: issuer)
    }

    /// Every key the trusted JWKS host may publish, by `kid` (the weak key included, on purpose).
    public var trustable: [NamedRSAKey] { [primary, weak, rotation] }
}
