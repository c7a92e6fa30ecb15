/// A trusted JWKS (RFC 7517 §5): the keys a token's `kid` may name (SPEC §3.3).
///
/// Rules, and whether a fault rejects the document or skips one key:
/// - Not strict JSON, no `keys` array, larger than `maximumBytes` or more than `maximumKeys`
///   entries: the document is rejected (`jwks_malformed`); nothing in it can be trusted.
/// - An entry that is not an object, lacks a `kid`, carries private members, has `use` other
///   than `sig`, `key_ops` without `verify`, an unknown `kty`, an RSA `alg` other than RS256,
///   a modulus under 2048 bits, a bad `e`: that key is skipped with its reason. Other keys stay
///   usable, so one bad entry in a rotation does not stop every delivery; a token naming the
///   skipped key gets the skip reason (`key_weak`, `key_unsuitable`), not `kid_unknown`.
/// - A `kid` on more than one entry: every entry with it is skipped and the `kid` is marked
///   ambiguous; a token naming it is rejected (`key_unsuitable`). Choosing one of them would be
///   a guess (Wycheproof `DuplicateKid`).
public struct JSONWebKeySet: Sendable {
    /// Largest document accepted, in bytes.
    public static let maximumBytes = 64 * 1024
    /// Most entries accepted in `keys`.
    public static let maximumKeys = 100

    /// A key that was not usable, with the reason.
    public struct SkippedKey: Sendable {
        /// Its `kid`, if it had a string one.
        public let keyID: String?
        /// Its position in `keys`.
        public let index: Int
        /// Why it was skipped.
        public let reason: Rejection
    }

    /// Usable keys with unique `kid`s, in document order.
    public let keys: [JSONWebKey]
    /// Entries that were skipped, in document order.
    public let skipped: [SkippedKey]
    /// `kid`s that appear on more than one entry.
    public let ambiguousKeyIDs: Set<String>
    private let byKeyID: [String: Int]

    /// A set of keys the caller already holds (hookspec's own sender and tests).
    public init(keys: [JSONWebKey]) {
        var counts: [String: Int] = [:]
        for key in keys { if let id = key.keyID { counts[id, default: 0] += 1 } }
        let ambiguous = Set(counts.filter { $0.value > 1 }.keys)
        var usable: [JSONWebKey] = []
        var skipped: [SkippedKey] = []
        for (index, key) in keys.enumerated() {
            if let id = key.keyID, ambiguous.contains(id) {
                skipped.append(SkippedKey(keyID: id, index: index, reason: Self.ambiguity(id, count: counts[id] ?? 2)))
            } else if key.keyID == nil {
                skipped.append(SkippedKey(keyID: nil, index: index, reason: .keyUnsuitable("JWK has no kid")))
            } else {
                usable.append(key)
            }
        }
        self.init(keys: usable, skipped: skipped, ambiguous: ambiguous)
    }

    private init(keys: [JSONWebKey], skipped: [SkippedKey], ambiguous: Set<String>) {
        self.keys = keys
        self.skipped = skipped
        self.ambiguousKeyIDs = ambiguous
        var index: [String: Int] = [:]
        for (position, key) in keys.enumerated() { if let id = key.keyID { index[id] = position } }
        self.byKeyID = index
    }

    /// Parses a JWKS document.
    public init(parsing bytes: [UInt8]) throws(Rejection) {
        guard bytes.count <= Self.maximumBytes else {
            throw .jwksMalformed("JWKS is larger than \(Self.maximumBytes) bytes")
        }
        let document: JSONValue
        do {
            document = try StrictJSONParser(maximumSize: Self.maximumBytes, maximumDepth: 8).parse(bytes)
        } catch {
            throw .jwksMalformed("JWKS is not strict JSON: \(error)")
        }
        guard let list = document.objectValue?["keys"]?.arrayValue else {
            throw .jwksMalformed("JWKS is not an object with a keys array")
        }
        guard list.count <= Self.maximumKeys else {
            throw .jwksMalformed("JWKS has \(list.count) keys, more than \(Self.maximumKeys)")
        }
        var counts: [String: Int] = [:]
        for entry in list { if let id = entry.objectValue?["kid"]?.stringValue { counts[id, default: 0] += 1 } }
        let ambiguous = Set(counts.filter { $0.value > 1 }.keys)

        var keys: [JSONWebKey] = []
        var skipped: [SkippedKey] = []
        for (index, entry) in list.enumerated() {
            guard let jwk = entry.objectValue else {
                skipped.append(SkippedKey(keyID: nil, index: index, reason: .jwksMalformed("JWKS entry \(index) is not an object")))
                continue
            }
            let keyID = jwk["kid"]?.stringValue
            if let keyID, ambiguous.contains(keyID) {
                skipped.append(SkippedKey(keyID: keyID, index: index, reason: Self.ambiguity(keyID, count: counts[keyID] ?? 2)))
                continue
            }
            do {
                let key = try JSONWebKey(parsing: jwk)
                guard key.keyID != nil else {
                    skipped.append(SkippedKey(keyID: nil, index: index, reason: .keyUnsuitable("JWK has no kid")))
                    continue
                }
                keys.append(key)
            } catch {
                skipped.append(SkippedKey(keyID: keyID, index: index, reason: error))
            }
        }
        self.init(keys: keys, skipped: skipped, ambiguous: ambiguous)
    }

    /// Whether `kid` names anything in the document (usable, skipped or ambiguous).
    public func mentions(keyID: String) -> Bool {
        byKeyID[keyID] != nil || ambiguousKeyIDs.contains(keyID) || skipped.contains { $0.keyID == keyID }
    }

    /// The RS256 key `kid` names, or why there is none. Never falls back to another key.
    public func rs256Key(for keyID: String) -> Result<RS256PublicKey, Rejection> {
        if let position = byKeyID[keyID] {
            switch keys[position].material {
            case .rsa(let key): return .success(key)
            case .ed25519: return .failure(.keyUnsuitable("kid \(CompactJWS.printable(keyID)) names an OKP Ed25519 key, not RSA"))
            }
        }
        if let skip = skipped.first(where: { $0.keyID == keyID }) { return .failure(skip.reason) }
        return .failure(.kidUnknown(CompactJWS.printable(keyID)))
    }

    /// The usable Ed25519 keys, for the `v1a` verifier (SPEC §3.2).
    public var ed25519Keys: [Ed25519PublicKey] {
        keys.compactMap { if case .ed25519(let key) = $0.material { key } else { nil } }
    }

    /// The document hookspec's JWKS host serves for `keys` (RSA keys only; public members only).
    public static func document(rsaKeys: [(keyID: String, key: RS256PublicKey)]) -> [UInt8] {
        document(jwks: rsaKeys.map { JSONWebKey.publicJWK(rsa: $0.key, keyID: $0.keyID) })
    }

    /// A `{"keys":[...]}` document of the given JWK objects, in order.
    public static func document(jwks: [JSONObject]) -> [UInt8] {
        JOSEJSON.encode(JOSEJSON.object([("keys", .array(jwks.map { JSONValue.object($0) }))]))
    }

    private static func ambiguity(_ keyID: String, count: Int) -> Rejection {
        .keyUnsuitable("kid \(CompactJWS.printable(keyID)) names \(count) keys in the JWKS")
    }
}
