/// Makes RS256 tokens for hookspec's own sender (SPEC §3.3): the valid baseline and the
/// pieces hostile tokens are built from.
public struct RS256TokenSigner: Sendable {
    /// The signing key.
    public let key: RS256SigningKey
    /// The `kid` its public key has in the JWKS hookspec serves.
    public let keyID: String

    public init(key: RS256SigningKey, keyID: String) {
        self.key = key
        self.keyID = keyID
    }

    /// The claims of a delivery token: `iss` (if any), `aud`, `iat`, `exp`, and the body hash.
    public static func deliveryClaims(
        body: [UInt8], audience: String, issuer: String?, now: Int64, lifetimeSeconds: Int64 = 300, bindBody: Bool = true
    ) -> JSONObject {
        var members: [(name: String, value: JSONValue)] = []
        if let issuer { members.append(("iss", .string(issuer))) }
        members.append(("aud", .string(audience)))
        members.append(("iat", .number(String(now))))
        members.append(("exp", .number(String(now + lifetimeSeconds))))
        if bindBody { members.append((TokenPolicy.bodyHashClaim, .string(TokenClaimRules.bodyHashHex(body)))) }
        return JOSEJSON.object(members)
    }

    /// The standard header: `alg` RS256, `typ` JWT, this signer's `kid`.
    public var standardHeader: JSONObject {
        JOSEJSON.object([("alg", .string("RS256")), ("typ", .string("JWT")), ("kid", .string(keyID))])
    }

    /// A valid token for one delivery.
    public func deliveryToken(
        body: [UInt8], audience: String, issuer: String? = nil, now: Int64, lifetimeSeconds: Int64 = 300, bindBody: Bool = true
    ) throws(TokenSigningError) -> String {
        let claims = Self.deliveryClaims(
            body: body, audience: audience, issuer: issuer, now: now, lifetimeSeconds: lifetimeSeconds, bindBody: bindBody)
        return try token(header: standardHeader, claims: claims)
    }

    /// Signs arbitrary header and claims with this key (the header is taken as given).
    public func token(header: JSONObject, claims: JSONObject) throws(TokenSigningError) -> String {
        try Self.token(headerBytes: JOSEJSON.encode(header), payload: JOSEJSON.encode(claims), key: key)
    }

    /// Compact serialisation over raw header and payload bytes, signed by `key`.
    public static func token(headerBytes: [UInt8], payload: [UInt8], key: RS256SigningKey) throws(TokenSigningError) -> String {
        let input = signingInput(headerBytes: headerBytes, payload: payload)
        let signature = try key.signature(for: Array(input.utf8))
        return input + "." + Base64Codec.encodeURL(signature)
    }

    /// `BASE64URL(header) "." BASE64URL(payload)`.
    public static func signingInput(headerBytes: [UInt8], payload: [UInt8]) -> String {
        Base64Codec.encodeURL(headerBytes) + "." + Base64Codec.encodeURL(payload)
    }

    /// The lowercase hex SHA-256 of `body`, as `request_body_sha256` carries it.
    public static func bodyHash(_ body: [UInt8]) -> String { TokenClaimRules.bodyHashHex(body) }
}
