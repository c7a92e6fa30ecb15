import Crypto
import _CryptoExtras

/// Why hookspec could not make a token.
public enum TokenSigningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The private key text was not a usable RSA key; the text is never echoed.
    case keyUnreadable(String)
    /// The crypto library refused to sign or generate.
    case cryptoFailure(String)

    public var description: String {
        switch self {
        case .keyUnreadable(let why): "signing key unreadable: \(why)"
        case .cryptoFailure(let why): "signing failed: \(why)"
        }
    }
}

/// An RSA private key for hookspec's own RS256 sender (SPEC §3.3, §9.5).
public struct RS256SigningKey: Sendable, CustomStringConvertible {
    let key: _RSA.Signing.PrivateKey

    /// Reads a PEM private key (PKCS#1 or PKCS#8) of at least 2048 bits.
    public init(pemRepresentation: String) throws(TokenSigningError) {
        do {
            self.key = try _RSA.Signing.PrivateKey(pemRepresentation: pemRepresentation)
        } catch {
            throw .keyUnreadable("not a PEM RSA private key of at least 2048 bits")
        }
    }

    /// Reads a PEM private key down to 1024 bits: only for the probe's weak-key hostile token.
    public init(weakPEMRepresentation pem: String) throws(TokenSigningError) {
        do {
            self.key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem)
        } catch {
            throw .keyUnreadable("not a PEM RSA private key of at least 1024 bits")
        }
    }

    /// Generates a fresh key (2048 bits and up; `allowWeak` admits 1024 for hostile tokens).
    public init(generatingBits bits: Int, allowWeak: Bool = false) throws(TokenSigningError) {
        do {
            if allowWeak {
                self.key = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: bits))
            } else {
                self.key = try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits))
            }
        } catch {
            throw .cryptoFailure("RSA key generation of \(bits) bits refused")
        }
    }

    /// Modulus size in bits.
    public var bitCount: Int { key.keySizeInBits }

    /// The public half, unchecked (a weak key's public half is what its hostile JWKS serves).
    public var publicKey: RS256PublicKey { RS256PublicKey(key: key.publicKey) }

    /// PKCS#8 PEM text, for saving a key the probe generated.
    public var pemRepresentation: String { key.pkcs8PEMRepresentation }

    /// RSASSA-PKCS1-v1_5 SHA-256 signature of `message` (deterministic).
    public func signature(for message: [UInt8]) throws(TokenSigningError) -> [UInt8] {
        do {
            return Array(try key.signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation)
        } catch {
            throw .cryptoFailure("RSA signing refused")
        }
    }

    public var description: String { "RSA-\(bitCount) signing key" }
}
