import Crypto

/// The keys a probe run signs with, kept so that a receiver configured once keeps working
/// (SPEC §9.5): an optional `whsec_` secret for `v1`, Ed25519 keys for `v1a` (`whsk_`, `whpk_`
/// and the public OKP JWK) and RSA keys for `jwt` (a PKCS#8 PEM private key and the public JWK),
/// each with a key ID. `hookspec keys new` writes one; the layout is in the README.
///
/// Pure: parsing and encoding only; reading and writing the file (mode 0600) is the caller's.
public struct KeyFile: Sendable {
    /// The value of the file's `format` member.
    public static let format = "hookspec-keys/1"
    /// Largest file accepted.
    public static let maximumBytes = 1 << 20
    /// Most keys of each kind accepted.
    public static let maximumKeys = 64
    /// Longest key ID accepted, in bytes.
    public static let maximumKeyIDBytes = 128

    /// An Ed25519 key for `v1a` with its key ID.
    public struct Ed25519Key: Sendable {
        /// The key ID (`kid`) the JWKS serves it under.
        public let keyID: String
        /// The private key.
        public let signingKey: Ed25519SigningKey

        /// A key under `keyID`.
        public init(keyID: String, signingKey: Ed25519SigningKey) {
            self.keyID = keyID
            self.signingKey = signingKey
        }

        /// The public key, carrying the key ID.
        public var publicKey: Ed25519PublicKey {
            let key = signingKey.publicKey
            // Re-reading its own raw bytes cannot fail: they came from a valid key.
            guard let withID = try? Ed25519PublicKey(rawOrSPKI: key.rawRepresentation, keyID: keyID) else {
                preconditionFailure("an Ed25519 public key's own bytes were refused")
            }
            return withID
        }

        /// The public OKP JWK (RFC 8037 §2).
        public var publicJWK: JSONObject {
            JOSEJSON.object([
                ("kty", .string("OKP")), ("crv", .string("Ed25519")), ("kid", .string(keyID)),
                ("use", .string("sig")), ("alg", .string("EdDSA")),
                ("x", .string(Base64Codec.encodeURL(signingKey.publicKey.rawRepresentation))),
            ])
        }
    }

    /// An RSA key for `jwt` (RS256) with its key ID.
    public struct RSAKey: Sendable {
        /// The key ID (`kid`) the JWKS serves it under.
        public let keyID: String
        /// The private key.
        public let signingKey: RS256SigningKey

        /// A key under `keyID`.
        public init(keyID: String, signingKey: RS256SigningKey) {
            self.keyID = keyID
            self.signingKey = signingKey
        }

        /// The public RSA JWK.
        public var publicJWK: JSONObject { JSONWebKey.publicJWK(rsa: signingKey.publicKey, keyID: keyID) }
    }

    /// The `v1` secret, when the file has one.
    public var secret: WebhookSecret?
    /// Ed25519 keys, in file order (the first signs by default).
    public var ed25519Keys: [Ed25519Key]
    /// RSA keys, in file order (the first signs by default).
    public var rsaKeys: [RSAKey]

    /// A key file of these keys; key IDs must be unique across both kinds.
    public init(secret: WebhookSecret?, ed25519Keys: [Ed25519Key], rsaKeys: [RSAKey]) {
        let keyIDs = ed25519Keys.map(\.keyID) + rsaKeys.map(\.keyID)
        precondition(Set(keyIDs).count == keyIDs.count, "key IDs in a key file must be unique")
        self.secret = secret
        self.ed25519Keys = ed25519Keys
        self.rsaKeys = rsaKeys
    }

    /// Fresh keys: a 32-byte secret (when `secret`), `ed25519` Ed25519 keys and `rsa` RSA-2048
    /// keys, each under its RFC 7638 JWK thumbprint as key ID.
    public static func generate(secret: Bool = true, ed25519: Int = 1, rsa: Int = 1) throws(KeyFileError) -> KeyFile {
        guard ed25519 >= 0, rsa >= 0, ed25519 <= maximumKeys, rsa <= maximumKeys else { throw .tooManyKeys(limit: maximumKeys) }
        var webhookSecret: WebhookSecret?
        if secret {
            do {
                webhookSecret = try WebhookSecret.random()
            } catch {
                throw .generationFailed("secret: \(error)")
            }
        }
        let edKeys = (0..<ed25519).map { _ in
            let key = Ed25519SigningKey()
            return Ed25519Key(keyID: thumbprint(okpX: Base64Codec.encodeURL(key.publicKey.rawRepresentation)), signingKey: key)
        }
        var rsaKeys: [RSAKey] = []
        for _ in 0..<rsa {
            let key: RS256SigningKey
            do {
                key = try RS256SigningKey(generatingBits: 2048)
            } catch {
                throw .generationFailed("\(error)")
            }
            let publicKey = key.publicKey
            rsaKeys.append(RSAKey(keyID: thumbprint(rsaN: Base64Codec.encodeURL(publicKey.modulus), e: Base64Codec.encodeURL(publicKey.exponent)), signingKey: key))
        }
        return KeyFile(secret: webhookSecret, ed25519Keys: edKeys, rsaKeys: rsaKeys)
    }

    /// The public JWKS a receiver trusts: every Ed25519 and RSA key's public JWK, no private part.
    public var publicJWKS: JSONObject {
        JOSEJSON.object([("keys", .array(ed25519Keys.map { .object($0.publicJWK) } + rsaKeys.map { .object($0.publicJWK) }))])
    }

    /// The file's text: one member per line, every key on a line of its own. Holds private
    /// material: write it only to a file of mode 0600 or where the user asked.
    public func encoded() -> [UInt8] {
        func quoted(_ text: String) -> String { JSONValue.quotedText(text) }
        var lines = ["{", "  \"format\": " + quoted(Self.format) + ","]
        if let secret { lines.append("  \"secret\": " + quoted(secret.exportedText()) + ",") }
        let ed = ed25519Keys.map { key in
            "    {\"kid\": " + quoted(key.keyID) + ", \"signingKey\": " + quoted(key.signingKey.exportedText())
                + ", \"publicKey\": " + quoted(key.signingKey.publicKey.exportedText) + ", \"jwk\": " + JSONValue.object(key.publicJWK).compactText + "}"
        }
        let rsa = rsaKeys.map { key in
            "    {\"kid\": " + quoted(key.keyID) + ", \"privateKey\": " + quoted(key.signingKey.pemRepresentation)
                + ", \"jwk\": " + JSONValue.object(key.publicJWK).compactText + "}"
        }
        lines.append("  \"ed25519\": [" + (ed.isEmpty ? "]," : "\n" + ed.joined(separator: ",\n") + "\n  ],"))
        lines.append("  \"rsa\": [" + (rsa.isEmpty ? "]" : "\n" + rsa.joined(separator: ",\n") + "\n  ]"))
        lines.append("}")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Reads a key file, checking that every stored public part matches its private key.
    public init(parsing bytes: [UInt8]) throws(KeyFileError) {
        guard bytes.count <= Self.maximumBytes else { throw .tooLarge(limit: Self.maximumBytes) }
        let value: JSONValue
        do {
            value = try StrictJSONParser(maximumSize: Self.maximumBytes, maximumDepth: 8).parse(bytes)
        } catch {
            throw .notJSON(error)
        }
        guard let top = value.objectValue else { throw .notAnObject }
        try Self.allowOnly(["format", "secret", "ed25519", "rsa"], in: top, at: "")
        guard top["format"]?.stringValue == Self.format else { throw .unknownFormat }

        var secret: WebhookSecret?
        if let member = top["secret"] {
            guard let text = member.stringValue else { throw .wrongType(member: "secret", expected: "a string") }
            do {
                secret = try WebhookSecret(parsing: text)
            } catch {
                throw .unusableKey(member: "secret", reason: "\(error)")
            }
        }
        var keyIDs = Set<String>()
        var edKeys: [Ed25519Key] = []
        for (index, entry) in try Self.entries(top, "ed25519").enumerated() {
            let path = "ed25519[\(index)]"
            try Self.allowOnly(["kid", "signingKey", "publicKey", "jwk"], in: entry, at: path)
            let keyID = try Self.keyID(entry, path, seen: &keyIDs)
            let signingText = try Self.string(entry, "signingKey", path)
            let signingKey: Ed25519SigningKey
            do {
                signingKey = try Ed25519SigningKey(parsing: signingText)
            } catch {
                throw .unusableKey(member: path + ".signingKey", reason: "\(error)")
            }
            let key = Ed25519Key(keyID: keyID, signingKey: signingKey)
            if entry["publicKey"] != nil, try Self.string(entry, "publicKey", path) != signingKey.publicKey.exportedText {
                throw .publicPartMismatch(member: path + ".publicKey")
            }
            if let jwk = entry["jwk"] {
                guard let object = jwk.objectValue else { throw .wrongType(member: path + ".jwk", expected: "an object") }
                guard Self.sameMembers(object, key.publicJWK) else { throw .publicPartMismatch(member: path + ".jwk") }
            }
            edKeys.append(key)
        }
        var rsaKeys: [RSAKey] = []
        for (index, entry) in try Self.entries(top, "rsa").enumerated() {
            let path = "rsa[\(index)]"
            try Self.allowOnly(["kid", "privateKey", "jwk"], in: entry, at: path)
            let keyID = try Self.keyID(entry, path, seen: &keyIDs)
            let pem = try Self.string(entry, "privateKey", path)
            let signingKey: RS256SigningKey
            do {
                signingKey = try RS256SigningKey(pemRepresentation: pem)
            } catch {
                throw .unusableKey(member: path + ".privateKey", reason: "\(error)")
            }
            let key = RSAKey(keyID: keyID, signingKey: signingKey)
            if let jwk = entry["jwk"] {
                guard let object = jwk.objectValue else { throw .wrongType(member: path + ".jwk", expected: "an object") }
                guard Self.sameMembers(object, key.publicJWK) else { throw .publicPartMismatch(member: path + ".jwk") }
            }
            rsaKeys.append(key)
        }
        self.init(secret: secret, ed25519Keys: edKeys, rsaKeys: rsaKeys)
    }

    /// Equal members whatever their order (a person may re-order a JWK by hand).
    private static func sameMembers(_ lhs: JSONObject, _ rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count && lhs.members.allSatisfy { rhs[$0.name] == $0.value }
    }

    private static func allowOnly(_ names: Set<String>, in object: JSONObject, at path: String) throws(KeyFileError) {
        if let unknown = object.names.first(where: { !names.contains($0) }) {
            throw .unknownMember((path.isEmpty ? "" : path + ".") + printable(unknown))
        }
    }

    private static func entries(_ top: JSONObject, _ name: String) throws(KeyFileError) -> [JSONObject] {
        guard let member = top[name] else { return [] }
        guard let array = member.arrayValue else { throw .wrongType(member: name, expected: "an array") }
        guard array.count <= maximumKeys else { throw .tooManyKeys(limit: maximumKeys) }
        var objects: [JSONObject] = []
        for (index, element) in array.enumerated() {
            guard let object = element.objectValue else { throw .wrongType(member: "\(name)[\(index)]", expected: "an object") }
            objects.append(object)
        }
        return objects
    }

    private static func string(_ object: JSONObject, _ name: String, _ path: String) throws(KeyFileError) -> String {
        guard let member = object[name] else { throw .missingMember(path + "." + name) }
        guard let text = member.stringValue else { throw .wrongType(member: path + "." + name, expected: "a string") }
        return text
    }

    private static func keyID(_ object: JSONObject, _ path: String, seen: inout Set<String>) throws(KeyFileError) -> String {
        let keyID = try string(object, "kid", path)
        guard !keyID.isEmpty, keyID.utf8.count <= maximumKeyIDBytes,
            !keyID.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        else { throw .badKeyID(member: path + ".kid") }
        guard seen.insert(keyID).inserted else { throw .duplicateKeyID(keyID) }
        return keyID
    }

    /// A member name from the file, safe for an error message.
    private static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(64).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }

    /// RFC 7638 thumbprint of an OKP key: SHA-256 over `{"crv","kty","x"}` in that order, base64url.
    static func thumbprint(okpX x: String) -> String {
        digest("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":" + JSONValue.quotedText(x) + "}")
    }

    /// RFC 7638 thumbprint of an RSA key: SHA-256 over `{"e","kty","n"}` in that order, base64url.
    static func thumbprint(rsaN n: String, e: String) -> String {
        digest("{\"e\":" + JSONValue.quotedText(e) + ",\"kty\":\"RSA\",\"n\":" + JSONValue.quotedText(n) + "}")
    }

    private static func digest(_ text: String) -> String {
        Base64Codec.encodeURL(Array(SHA256.hash(data: Array(text.utf8))))
    }

    /// The `v1` secrets to sign with (none or one).
    public var webhookSecrets: [WebhookSecret] { secret.map { [$0] } ?? [] }
    /// The Ed25519 signing keys, in order.
    public var ed25519SigningKeys: [Ed25519SigningKey] { ed25519Keys.map(\.signingKey) }
    /// The RS256 signing keys, in order.
    public var rs256SigningKeys: [RS256SigningKey] { rsaKeys.map(\.signingKey) }
}
