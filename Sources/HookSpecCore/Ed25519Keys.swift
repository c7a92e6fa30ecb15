import Crypto

/// An Ed25519 public key for `v1a` (SPEC §3.2), from `whpk_` text or an OKP JWK.
public struct Ed25519PublicKey: Sendable, CustomStringConvertible {
    /// The prefix of Standard Webhooks public keys.
    public static let prefix = "whpk_"
    // DER SubjectPublicKeyInfo header for id-Ed25519 (RFC 8410 §4): 12 bytes before the raw key.
    static let spkiHeader: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    let key: Curve25519.Signing.PublicKey
    /// The `kid` of the JWK it came from, if any.
    public let keyID: String?

    /// Parses `whpk_` + base64 of the raw 32-byte key or of its SPKI DER (44 bytes).
    public init(parsing text: String) throws(Rejection) {
        guard text.hasPrefix(Self.prefix) else { throw .publicKeyMalformed("public key lacks the whpk_ prefix") }
        guard case .success(let bytes) = Base64Codec.decode(text.dropFirst(Self.prefix.count), mode: .strict) else {
            throw .publicKeyMalformed("public key is not canonical base64")
        }
        try self.init(rawOrSPKI: bytes, keyID: nil)
    }

    /// Accepts the raw 32-byte key or its 44-byte SPKI DER.
    public init(rawOrSPKI bytes: [UInt8], keyID: String?) throws(Rejection) {
        let raw: ArraySlice<UInt8>
        if bytes.count == 32 {
            raw = bytes[...]
        } else if bytes.count == 44, bytes.starts(with: Self.spkiHeader) {
            raw = bytes[12...]
        } else {
            throw .publicKeyMalformed("public key is \(bytes.count) bytes, neither a raw Ed25519 key nor its SPKI")
        }
        do {
            self.key = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw .publicKeyMalformed("public key bytes are not an Ed25519 point")
        }
        self.keyID = keyID
    }

    init(key: Curve25519.Signing.PublicKey, keyID: String?) {
        self.key = key
        self.keyID = keyID
    }

    /// Reads an OKP JWK (RFC 8037 §2): `kty` OKP, `crv` Ed25519, `x` strict base64url of 32 bytes.
    public init(jwk: JSONObject) throws(Rejection) {
        guard jwk["kty"]?.stringValue == "OKP" else { throw .keyUnsuitable("JWK kty is not OKP") }
        guard jwk["crv"]?.stringValue == "Ed25519" else { throw .keyUnsuitable("JWK crv is not Ed25519") }
        if jwk["d"] != nil { throw .keyUnsuitable("JWK carries a private key (d)") }
        if let use = jwk["use"], use.stringValue != "sig" { throw .keyUnsuitable("JWK use is not sig") }
        if let alg = jwk["alg"], alg.stringValue != "EdDSA" && alg.stringValue != "Ed25519" {
            throw .keyUnsuitable("JWK alg is not EdDSA")
        }
        guard let x = jwk["x"]?.stringValue,
            case .success(let bytes) = Base64Codec.decode(x, mode: .strictURL), bytes.count == 32
        else { throw .publicKeyMalformed("JWK x is not strict base64url of 32 bytes") }
        try self.init(rawOrSPKI: bytes, keyID: jwk["kid"]?.stringValue)
    }

    /// The raw 32 key bytes.
    public var rawRepresentation: [UInt8] { Array(key.rawRepresentation) }

    /// `whpk_` text of the raw key.
    public var exportedText: String { Self.prefix + Base64Codec.encode(key.rawRepresentation) }

    /// Verifies `signature` over the concatenation of `parts` (no copy of the body is made by callers).
    public func isValidSignature(_ signature: [UInt8], over message: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    public var description: String { "Ed25519 key " + (keyID.map { "kid \($0)" } ?? String(exportedText.prefix(12)) + "…") }
}

/// An Ed25519 signing key for hookspec's own `v1a` sender (`whsk_` + base64 of the 32-byte seed).
public struct Ed25519SigningKey: Sendable, CustomStringConvertible {
    /// The prefix of Standard Webhooks signing keys.
    public static let prefix = "whsk_"
    // PKCS#8 header for an Ed25519 private key (RFC 8410 §7): 16 bytes before the seed.
    static let pkcs8Header: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]

    let key: Curve25519.Signing.PrivateKey

    /// Parses `whsk_` + base64 of the 32-byte seed or its PKCS#8 DER (48 bytes).
    public init(parsing text: String) throws(Rejection) {
        guard text.hasPrefix(Self.prefix),
            case .success(let bytes) = Base64Codec.decode(text.dropFirst(Self.prefix.count), mode: .strict)
        else { throw .publicKeyMalformed("signing key is not whsk_ + canonical base64") }
        let seed: ArraySlice<UInt8>
        if bytes.count == 32 {
            seed = bytes[...]
        } else if bytes.count == 48, bytes.starts(with: Self.pkcs8Header) {
            seed = bytes[16...]
        } else {
            throw .publicKeyMalformed("signing key is \(bytes.count) bytes, expected a 32-byte seed")
        }
        do {
            self.key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw .publicKeyMalformed("signing key seed is unusable")
        }
    }

    /// A fresh random key.
    public init() {
        self.key = Curve25519.Signing.PrivateKey()
    }

    /// The matching public key.
    public var publicKey: Ed25519PublicKey {
        Ed25519PublicKey(key: key.publicKey, keyID: nil)
    }

    /// `whsk_` text of the seed, for storing the key the probe generated.
    public func exportedText() -> String { Self.prefix + Base64Codec.encode(key.rawRepresentation) }

    /// Signs `message` (RFC 8032, deterministic).
    public func signature(for message: [UInt8]) -> [UInt8] {
        // BoringSSL's Ed25519 signing cannot fail for a valid key; an error here is a library fault.
        (try? Array(key.signature(for: message))) ?? []
    }

    public var description: String { "Ed25519 signing key " + String(publicKey.exportedText.prefix(12)) + "…" }
}

/// The `v1a` keys a receiver trusts, read from `whpk_` texts or a JWKS document.
public struct Ed25519PublicKeySet: Sendable {
    /// Usable keys, in document order.
    public let keys: [Ed25519PublicKey]
    /// Keys of the JWKS that were not usable for `v1a`, with the reason.
    public let skipped: [(keyID: String?, reason: Rejection)]

    public init(keys: [Ed25519PublicKey]) {
        self.keys = keys
        self.skipped = []
    }

    /// Reads the OKP Ed25519 keys of a JWKS (`{"keys": [...]}`); other keys are skipped with a reason.
    public init(jwks bytes: [UInt8]) throws(Rejection) {
        let document: JSONValue
        do {
            document = try StrictJSONParser(maximumSize: 256 * 1024).parse(bytes)
        } catch {
            throw .jwksMalformed("JWKS is not strict JSON: \(error)")
        }
        guard let list = document.objectValue?["keys"]?.arrayValue else {
            throw .jwksMalformed("JWKS has no keys array")
        }
        var keys: [Ed25519PublicKey] = []
        var skipped: [(keyID: String?, reason: Rejection)] = []
        for entry in list.prefix(1000) {
            guard let jwk = entry.objectValue else {
                skipped.append((nil, .jwksMalformed("JWKS entry is not an object")))
                continue
            }
            do {
                keys.append(try Ed25519PublicKey(jwk: jwk))
            } catch {
                skipped.append((jwk["kid"]?.stringValue, error))
            }
        }
        self.keys = keys
        self.skipped = skipped
    }
}
