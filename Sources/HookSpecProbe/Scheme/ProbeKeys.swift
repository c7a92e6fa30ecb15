import HookSpecCore

/// The scheme a run signs with and its keys, made once per run (SPEC §9.5, §11.5).
public enum ProbeKeys: Sendable {
    /// HMAC secrets.
    case v1(HMACRunKeys)
    /// Ed25519 keys.
    case v1a(Ed25519RunKeys)
    /// RSA keys and the receiver's audience.
    case jwt(RSARunKeys)

    /// The scheme.
    public var scheme: ProbeScheme {
        switch self {
        case .v1: .v1
        case .v1a: .v1a
        case .jwt: .jwt
        }
    }

    /// Fresh keys for `scheme` (`v1`: a random secret; `jwt`: the default audience).
    public static func generate(_ scheme: ProbeScheme, audience: String = RSARunKeys.defaultAudience) throws(TokenSigningError) -> ProbeKeys {
        switch scheme {
        case .v1: .v1(HMACRunKeys(secret: HMACRunKeys.freshSecret()))
        case .v1a: .v1a(Ed25519RunKeys.generate())
        case .jwt: .jwt(try RSARunKeys.generate(audience: audience))
        }
    }

    /// Secret-derived byte strings that must never appear in an answer or a report (the `v1`
    /// secret in its text, hex and base64url forms; the private keys of the other schemes).
    public var confidentialForms: [[UInt8]] {
        switch self {
        case .v1(let keys):
            let text = keys.secret.exportedText()
            let key = keys.secret.withUnsafeKeyBytes { Array($0) }
            return [Array(text.dropFirst(WebhookSecret.prefix.count).utf8), Array(DeliveryCraft.hex(key).utf8), Array(Base64Codec.encodeURL(key).utf8)]
        case .v1a(let keys):
            return keys.all.map { Array($0.key.exportedText().dropFirst(Ed25519SigningKey.prefix.count).utf8) }
        case .jwt(let keys):
            // The base64 body of each PEM, line by line: any 64-character line is unique to its key.
            return [keys.primary, keys.rotation].flatMap { named in
                named.key.pemRepresentation.split(separator: "\n").filter { !$0.hasPrefix("-----") && $0.count >= 40 }.prefix(2).map { Array($0.utf8) }
            }
        }
    }
}
