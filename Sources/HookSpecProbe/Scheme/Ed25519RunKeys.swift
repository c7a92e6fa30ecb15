import HookSpecCore

/// A signing key with the `kid` its public half has in the JWKS the probe serves.
public struct NamedKey<Key: Sendable>: Sendable {
    /// The `kid`.
    public let keyID: String
    /// The signing key.
    public let key: Key

    /// A named key.
    public init(keyID: String, key: Key) {
        self.keyID = keyID
        self.key = key
    }
}

/// An Ed25519 signing key and its `kid`.
public typealias NamedEd25519Key = NamedKey<Ed25519SigningKey>

extension NamedKey where Key == Ed25519SigningKey {
    /// The public JWK (OKP, Ed25519) the JWKS host serves for it.
    public var publicJWK: JSONObject { JSONWebKey.publicJWK(ed25519: key.publicKey, keyID: keyID) }
}

/// The `v1a` keys of a run (SPEC §3.2, §9.5): several keys published in the JWKS (deliveries are
/// signed by the first; the others prove the receiver tries every key), one published only during
/// the run (rotation), and one the receiver never sees.
public struct Ed25519RunKeys: Sendable {
    /// Published from the start, in JWKS order; at least two.
    public let published: [NamedEd25519Key]
    /// Published only by the rotation case.
    public let rotation: NamedEd25519Key
    /// Never published.
    public let foreign: Ed25519SigningKey

    /// Keys as given (e.g. from a key file); `published` must hold at least two keys.
    public init(published: [NamedEd25519Key], rotation: NamedEd25519Key, foreign: Ed25519SigningKey = Ed25519SigningKey()) {
        precondition(published.count >= 2, "v1a runs need at least two published keys")
        self.published = published
        self.rotation = rotation
        self.foreign = foreign
    }

    /// Fresh keys: three published, one for rotation, one foreign.
    public static func generate() -> Ed25519RunKeys {
        Ed25519RunKeys(
            published: (1...3).map { NamedEd25519Key(keyID: "hookspec-ed25519-\($0)", key: Ed25519SigningKey()) },
            rotation: NamedEd25519Key(keyID: "hookspec-ed25519-rotated", key: Ed25519SigningKey()))
    }

    /// The key deliveries are signed with.
    public var primary: NamedEd25519Key { published[0] }

    /// Every key the JWKS host may publish, by `kid`.
    public var all: [NamedEd25519Key] { published + [rotation] }
}
