import HookSpecCore

/// Why a key file cannot sign a run of a scheme.
public enum ProbeKeyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file has no `whsec_` secret (`v1`).
    case noSecret
    /// The file has fewer keys of a kind than the scheme needs.
    case tooFewKeys(scheme: ProbeScheme, kind: String, needed: Int, found: Int)
    /// An RSA key is shorter than 2048 bits.
    case weakRSAKey(keyID: String, bits: Int)

    /// The reason in one line; names key IDs, never key material.
    public var description: String {
        switch self {
        case .noSecret: "the key file holds no whsec_ secret, which v1 needs (or give --secret)"
        case .tooFewKeys(let scheme, let kind, let needed, let found):
            "\(scheme.rawValue) needs at least \(needed) \(kind) keys in the key file, it holds \(found) (hookspec keys new --\(kind == "Ed25519" ? "ed25519" : "rsa") \(needed))"
        case .weakRSAKey(let keyID, let bits): "RSA key \(keyID) has \(bits) bits; jwt runs sign with RSA-2048 or larger"
        }
    }
}

extension ProbeKeys {
    /// Ed25519 keys a `v1a` run needs from a key file: the first signs, the others prove the receiver tries every key.
    public static let keyFileEd25519Minimum = 2
    /// RSA keys a `jwt` run needs from a key file: the first signs, the second is the rotation key.
    public static let keyFileRSAMinimum = 2

    /// The keys of `scheme` from a key file (SPEC §9.5), so a receiver configured once keeps working:
    ///
    /// - `v1`: the file's secret (the foreign secret is made for the run).
    /// - `v1a`: every Ed25519 key is published in the served JWKS, in file order, the first signs; the
    ///   rotation key and the foreign key are made for the run (the rotation case publishes its key
    ///   mid-run, so a receiver that pinned the file's keys is graded on that).
    /// - `jwt`: the first RSA key signs, the second is the rotation key (published mid-run); the
    ///   attacker's key and the 1024-bit weak key are made for the run.
    public static func fromKeyFile(_ file: KeyFile, scheme: ProbeScheme, audience: String) throws -> ProbeKeys {
        switch scheme {
        case .v1:
            guard let secret = file.secret else { throw ProbeKeyFileError.noSecret }
            return .v1(HMACRunKeys(secret: secret))
        case .v1a:
            guard file.ed25519Keys.count >= keyFileEd25519Minimum else {
                throw ProbeKeyFileError.tooFewKeys(scheme: .v1a, kind: "Ed25519", needed: keyFileEd25519Minimum, found: file.ed25519Keys.count)
            }
            return .v1a(Ed25519RunKeys(
                published: file.ed25519Keys.map { NamedEd25519Key(keyID: $0.keyID, key: $0.signingKey) },
                rotation: NamedEd25519Key(keyID: "hookspec-ed25519-rotated", key: Ed25519SigningKey())))
        case .jwt:
            guard file.rsaKeys.count >= keyFileRSAMinimum else {
                throw ProbeKeyFileError.tooFewKeys(scheme: .jwt, kind: "RSA", needed: keyFileRSAMinimum, found: file.rsaKeys.count)
            }
            for key in file.rsaKeys.prefix(keyFileRSAMinimum) where key.signingKey.bitCount < 2048 {
                throw ProbeKeyFileError.weakRSAKey(keyID: key.keyID, bits: key.signingKey.bitCount)
            }
            return .jwt(RSARunKeys(
                primary: NamedRSAKey(keyID: file.rsaKeys[0].keyID, key: file.rsaKeys[0].signingKey),
                rotation: NamedRSAKey(keyID: file.rsaKeys[1].keyID, key: file.rsaKeys[1].signingKey),
                attacker: NamedRSAKey(keyID: HostileTokenFactory.attackerKeyID, key: try RS256SigningKey(generatingBits: 2048)),
                weak: NamedRSAKey(keyID: HostileTokenFactory.weakKeyID, key: try RS256SigningKey(generatingBits: 1024, allowWeak: true)),
                audience: audience))
        }
    }
}
