import HookSpecCore

/// The keys the emulator signs dynamic-webhook deliveries with and publishes at
/// `/.well-known/jwks.json`: one Ed25519 key (`v1a`) and, for `jwt`, one RSA key.
///
/// Held as a `KeyFile`, so they come from `hookspec keys new` or are made once per run, and the
/// `--state` file keeps them in the key file's own text.
public struct DynamicSigningKeys: Sendable {
    /// The Ed25519 key (`v1a`).
    public let ed25519: KeyFile.Ed25519Key
    /// The RSA key (`jwt`), when there is one.
    public let rsa: KeyFile.RSAKey?

    /// The first Ed25519 key and the first RSA key of `file`; an Ed25519 key is made when the file has none.
    public init(keyFile file: KeyFile) throws(EmulatorAPIError) {
        if let first = file.ed25519Keys.first {
            ed25519 = first
        } else {
            do { ed25519 = try KeyFile.generate(secret: false, ed25519: 1, rsa: 0).ed25519Keys[0] } catch { throw .invalid("Ed25519 key generation failed: \(error)") }
        }
        rsa = file.rsaKeys.first
        if let rsa, rsa.signingKey.bitCount < 2048 { throw .invalid("RSA key \(rsa.keyID) has \(rsa.signingKey.bitCount) bits; jwt signs with RSA-2048 or larger") }
    }

    /// A fresh Ed25519 key and no RSA key (RSA keys come from a key file: generating one is slow).
    public static func generate() throws(EmulatorAPIError) -> DynamicSigningKeys {
        try DynamicSigningKeys(keyFile: KeyFile(secret: nil, ed25519Keys: [], rsaKeys: []))
    }

    /// The keys as a key file (what `--state` stores).
    public var keyFile: KeyFile {
        KeyFile(secret: nil, ed25519Keys: [ed25519], rsaKeys: rsa.map { [$0] } ?? [])
    }

    /// The JWKS document: the public JWK of every key held, private members never.
    public var jwksDocument: [UInt8] {
        JSONWebKeySet.document(jwks: [JSONWebKey.publicJWK(ed25519: ed25519.publicKey, keyID: ed25519.keyID)] + (rsa.map { [$0.publicJWK] } ?? []))
    }

    /// The three headers of one delivery attempt signed with `scheme`.
    func headers(scheme: DynamicScheme, id: String, timestamp: Int64, body: [UInt8], audience: String, issuer: String?) throws(EmulatorAPIError) -> HeaderFields {
        switch scheme {
        case .v1a:
            return StandardWebhookSigner.headers(id: id, timestamp: timestamp, body: body, signingKeys: [ed25519.signingKey])
        case .jwt:
            guard let rsa else { throw .invalid("jwt deliveries need an RSA key (hookspec emulate --keys FILE)") }
            let token: String
            do {
                token = try RS256TokenSigner(key: rsa.signingKey, keyID: rsa.keyID).deliveryToken(body: body, audience: audience, issuer: issuer, now: timestamp)
            } catch {
                throw EmulatorAPIError(code: 500, status: "INTERNAL", message: "token signing failed: \(error)")
            }
            return HeaderFields([(WebhookHeader.id, id), (WebhookHeader.timestamp, String(timestamp)), (WebhookHeader.signature, token)])
        }
    }
}
