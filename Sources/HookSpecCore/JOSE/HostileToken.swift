import Crypto

/// A deliberately bad token for one RS256 delivery (SPEC §9.4, issue 3 item 5), with the code
/// a strict verifier must reject it with.
public enum HostileToken: String, Sendable, Hashable, CaseIterable, Codable {
    case algNoneLowercase = "alg_none_lowercase"
    case algNoneCapitalized = "alg_none_capitalized"
    case algNoneUppercase = "alg_none_uppercase"
    case algNoneMixedCase = "alg_none_mixed_case"
    case hs256WithPublicKey = "hs256_with_public_key"
    case algLowercaseRS256 = "alg_lowercase_rs256"
    case wrongKeyForKid = "wrong_key_for_kid"
    case unknownKid = "unknown_kid"
    case missingKid = "missing_kid"
    case expired = "expired"
    case notYetValid = "not_yet_valid"
    case issuedInFuture = "issued_in_future"
    case issuedTooLongAgo = "issued_too_long_ago"
    case missingExpiration = "missing_exp"
    case wrongAudience = "wrong_aud"
    case missingAudience = "missing_aud"
    case wrongIssuer = "wrong_iss"
    case embeddedJWK = "embedded_jwk"
    case jkuHeader = "jku_header"
    case x5uHeader = "x5u_header"
    case x5cHeader = "x5c_header"
    case unknownCrit = "unknown_crit"
    case weakKey1024 = "weak_key_1024"
    case swappedBody = "swapped_body"
    case duplicateHeaderMember = "duplicate_header_member"
    case paddedBase64 = "padded_base64"
    case twoSegments = "two_segments"
    case oversized = "oversized"

    /// The rejection code SPEC §3.3 demands.
    public var expected: RejectionCode {
        switch self {
        case .algNoneLowercase, .algNoneCapitalized, .algNoneUppercase, .algNoneMixedCase: .algorithmNone
        case .hs256WithPublicKey, .algLowercaseRS256: .algorithmDisallowed
        case .wrongKeyForKid: .tokenSignatureInvalid
        case .unknownKid: .kidUnknown
        case .missingKid: .kidMissing
        case .expired: .tokenExpired
        case .notYetValid: .tokenNotYetValid
        case .issuedInFuture: .issuedInFuture
        case .issuedTooLongAgo: .issuedTooLongAgo
        case .missingExpiration: .expirationMissing
        case .wrongAudience: .audienceMismatch
        case .missingAudience: .audienceMissing
        case .wrongIssuer: .issuerMismatch
        case .embeddedJWK, .jkuHeader, .x5uHeader, .x5cHeader: .embeddedKey
        case .unknownCrit: .critUnknown
        case .weakKey1024: .keyWeak
        case .swappedBody: .bodyHashMismatch
        case .duplicateHeaderMember: .tokenDuplicateMember
        case .paddedBase64: .tokenBase64
        case .twoSegments: .tokenSegmentCount
        case .oversized: .tokenTooLarge
        }
    }

    /// One line on what the token does wrong.
    public var summary: String {
        switch self {
        case .algNoneLowercase: "alg \"none\", empty signature"
        case .algNoneCapitalized: "alg \"None\", empty signature"
        case .algNoneUppercase: "alg \"NONE\", empty signature"
        case .algNoneMixedCase: "alg \"nOnE\", empty signature"
        case .hs256WithPublicKey: "alg HS256, HMAC keyed with the trusted RSA public key's PEM text (key confusion)"
        case .algLowercaseRS256: "alg \"rs256\" (allow-list comparison must be exact)"
        case .wrongKeyForKid: "trusted kid, signed by another RSA key"
        case .unknownKid: "kid not in the JWKS, signed by another RSA key"
        case .missingKid: "no kid, signed by the trusted key"
        case .expired: "exp 120 s in the past (beyond the 60 s leeway)"
        case .notYetValid: "nbf 600 s in the future"
        case .issuedInFuture: "iat 600 s in the future"
        case .issuedTooLongAgo: "iat 3600 s in the past, exp still in the future"
        case .missingExpiration: "no exp"
        case .wrongAudience: "aud names another receiver"
        case .missingAudience: "no aud"
        case .wrongIssuer: "iss is not the configured issuer"
        case .embeddedJWK: "header jwk holds an attacker key that signed the token"
        case .jkuHeader: "header jku points at an attacker JWKS"
        case .x5uHeader: "header x5u points at an attacker certificate"
        case .x5cHeader: "header x5c carries a certificate chain"
        case .unknownCrit: "crit names an extension the verifier does not know"
        case .weakKey1024: "kid names a 1024-bit RSA key in the JWKS, which signed the token"
        case .swappedBody: "valid token with request_body_sha256, sent over a different body"
        case .duplicateHeaderMember: "header repeats alg (RS256 then none)"
        case .paddedBase64: "signature segment carries base64 padding"
        case .twoSegments: "signature segment and its dot removed"
        case .oversized: "header padded past 16 KiB"
        }
    }
}

/// One hostile delivery: the token and the body it is sent with.
public struct HostileDelivery: Sendable, Hashable {
    /// Which attack.
    public let kind: HostileToken
    /// The `webhook-signature` value.
    public let token: String
    /// The body sent with it.
    public let body: [UInt8]
}

/// Builds every `HostileToken` from the trusted key, an attacker key and a weak key.
public struct HostileTokenFactory: Sendable {
    /// The `kid` of the attacker's key (never in the trusted JWKS).
    public static let attackerKeyID = "hookspec-attacker"
    /// The `kid` of the weak key (in the trusted JWKS, which must skip it).
    public static let weakKeyID = "hookspec-weak-1024"
    /// The issuer hostile tokens claim when one is configured.
    public static let wrongIssuer = "https://attacker.example"

    /// The sender the receiver trusts.
    public let trusted: RS256TokenSigner
    /// A 2048-bit key the receiver does not trust.
    public let attacker: RS256SigningKey
    /// A 1024-bit key published in the trusted JWKS under `weakKeyID`.
    public let weak: RS256SigningKey
    /// Where the probe serves the attacker's JWKS (used as `jku` / `x5u`).
    public let attackerURL: String

    public init(trusted: RS256TokenSigner, attacker: RS256SigningKey, weak: RS256SigningKey, attackerURL: String) {
        self.trusted = trusted
        self.attacker = attacker
        self.weak = weak
        self.attackerURL = attackerURL
    }

    /// The JWKS the receiver should trust: the trusted key and the weak key.
    public var trustedJWKS: [UInt8] {
        JSONWebKeySet.document(rsaKeys: [(trusted.keyID, trusted.key.publicKey), (Self.weakKeyID, weak.publicKey)])
    }

    /// Builds the hostile delivery `kind` for `body`; `issuer` is what the receiver expects, if anything.
    public func delivery(
        _ kind: HostileToken, body: [UInt8], swappedBody: [UInt8], audience: String, issuer: String?, now: Int64
    ) throws(TokenSigningError) -> HostileDelivery {
        let kid = trusted.keyID
        func claims(
            aud: JSONValue? = .string(audience), iss: String? = issuer, iat: Int64? = now, nbf: Int64? = nil,
            exp: Int64? = now + 300
        ) -> JSONObject {
            var members: [(name: String, value: JSONValue)] = []
            if let iss { members.append(("iss", .string(iss))) }
            if let aud { members.append(("aud", aud)) }
            if let iat { members.append(("iat", .number(String(iat)))) }
            if let nbf { members.append(("nbf", .number(String(nbf)))) }
            if let exp { members.append(("exp", .number(String(exp)))) }
            members.append((TokenPolicy.bodyHashClaim, .string(TokenClaimRules.bodyHashHex(body))))
            return JOSEJSON.object(members)
        }
        func header(_ alg: String, kid: String?, _ extra: [(name: String, value: JSONValue)] = []) -> JSONObject {
            var members: [(name: String, value: JSONValue)] = [("alg", .string(alg)), ("typ", .string("JWT"))]
            if let kid { members.append(("kid", .string(kid))) }
            return JOSEJSON.object(members + extra)
        }
        func signed(_ header: JSONObject, _ claims: JSONObject, by key: RS256SigningKey) throws(TokenSigningError) -> String {
            try RS256TokenSigner.token(headerBytes: JOSEJSON.encode(header), payload: JOSEJSON.encode(claims), key: key)
        }
        func unsigned(_ alg: String) -> String {
            RS256TokenSigner.signingInput(headerBytes: JOSEJSON.encode(header(alg, kid: kid)), payload: JOSEJSON.encode(claims())) + "."
        }

        let token: String
        var sentBody = body
        switch kind {
        case .algNoneLowercase: token = unsigned("none")
        case .algNoneCapitalized: token = unsigned("None")
        case .algNoneUppercase: token = unsigned("NONE")
        case .algNoneMixedCase: token = unsigned("nOnE")
        case .hs256WithPublicKey:
            let input = RS256TokenSigner.signingInput(
                headerBytes: JOSEJSON.encode(header("HS256", kid: kid)), payload: JOSEJSON.encode(claims()))
            // The classic confusion: a library handed the PEM text as an HMAC secret.
            let secret = SymmetricKey(data: Array(trusted.key.publicKey.pemRepresentation.utf8))
            let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: secret)
            token = input + "." + Base64Codec.encodeURL(Array(mac))
        case .algLowercaseRS256: token = try signed(header("rs256", kid: kid), claims(), by: trusted.key)
        case .wrongKeyForKid: token = try signed(header("RS256", kid: kid), claims(), by: attacker)
        case .unknownKid: token = try signed(header("RS256", kid: Self.attackerKeyID), claims(), by: attacker)
        case .missingKid: token = try signed(header("RS256", kid: nil), claims(), by: trusted.key)
        case .expired: token = try signed(header("RS256", kid: kid), claims(iat: now - 240, exp: now - 120), by: trusted.key)
        case .notYetValid:
            token = try signed(header("RS256", kid: kid), claims(nbf: now + 600, exp: now + 900), by: trusted.key)
        case .issuedInFuture:
            token = try signed(header("RS256", kid: kid), claims(iat: now + 600, exp: now + 900), by: trusted.key)
        case .issuedTooLongAgo:
            token = try signed(header("RS256", kid: kid), claims(iat: now - 3600, exp: now + 300), by: trusted.key)
        case .missingExpiration: token = try signed(header("RS256", kid: kid), claims(exp: nil), by: trusted.key)
        case .wrongAudience:
            token = try signed(header("RS256", kid: kid), claims(aud: .string("https://attacker.example/hook")), by: trusted.key)
        case .missingAudience: token = try signed(header("RS256", kid: kid), claims(aud: nil), by: trusted.key)
        case .wrongIssuer: token = try signed(header("RS256", kid: kid), claims(iss: Self.wrongIssuer), by: trusted.key)
        case .embeddedJWK:
            let jwk = JSONWebKey.publicJWK(rsa: attacker.publicKey, keyID: kid)
            token = try signed(header("RS256", kid: kid, [("jwk", .object(jwk))]), claims(), by: attacker)
        case .jkuHeader:
            token = try signed(
                header("RS256", kid: Self.attackerKeyID, [("jku", .string(attackerURL))]), claims(), by: attacker)
        case .x5uHeader:
            token = try signed(
                header("RS256", kid: Self.attackerKeyID, [("x5u", .string(attackerURL))]), claims(), by: attacker)
        case .x5cHeader:
            // A chain of one placeholder certificate: the value is never parsed, only its presence matters.
            let chain = JSONValue.array([.string(Base64Codec.encode(Array("hookspec-not-a-certificate".utf8)))])
            token = try signed(header("RS256", kid: kid, [("x5c", chain)]), claims(), by: attacker)
        case .unknownCrit:
            token = try signed(
                header("RS256", kid: kid, [("crit", .array([.string("hookspec-unknown")])), ("hookspec-unknown", .bool(true))]),
                claims(), by: trusted.key)
        case .weakKey1024: token = try signed(header("RS256", kid: Self.weakKeyID), claims(), by: weak)
        case .swappedBody:
            token = try signed(header("RS256", kid: kid), claims(), by: trusted.key)
            sentBody = swappedBody
        case .duplicateHeaderMember:
            let headerText = #"{"alg":"RS256","typ":"JWT","kid":"\#(kid)","alg":"none"}"#
            token = try RS256TokenSigner.token(
                headerBytes: Array(headerText.utf8), payload: JOSEJSON.encode(claims()), key: trusted.key)
        case .paddedBase64:
            // A 256-byte signature encodes to 342 characters, which standard base64 pads with "==".
            token = try signed(header("RS256", kid: kid), claims(), by: trusted.key) + "=="
        case .twoSegments:
            let valid = try signed(header("RS256", kid: kid), claims(), by: trusted.key)
            token = String(valid[..<(valid.lastIndex(of: ".") ?? valid.endIndex)])
        case .oversized:
            let filler = String(repeating: "A", count: CompactJWS.defaultMaximumBytes)
            token = try signed(header("RS256", kid: kid, [("pad", .string(filler))]), claims(), by: trusted.key)
        }
        return HostileDelivery(kind: kind, token: token, body: sentBody)
    }
}
