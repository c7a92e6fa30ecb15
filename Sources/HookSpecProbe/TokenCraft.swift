import Crypto
import HookSpecCore

/// The byte-level tools `jwt` cases use to build tokens the way attackers and broken senders do
/// (SPEC §3.3, §9.4; RFC 8725): any header, any claims, any signing method.
public enum TokenCraft {
    /// How a token's third segment is made.
    public enum Signing: Sendable {
        /// RSASSA-PKCS1-v1_5 SHA-256 with this key.
        case rs256(RS256SigningKey)
        /// HMAC-SHA256 keyed with these bytes (algorithm confusion).
        case hs256(key: [UInt8])
        /// An empty third segment (`alg: none`, a null signature).
        case empty
        /// These bytes, base64url-encoded.
        case raw([UInt8])
    }

    /// The claims of a delivery token for `body`, with each member overridable (nil leaves it out).
    public static func claims(
        body: [UInt8], keys: RSARunKeys, iat: Int64?, exp: Int64?, nbf: Int64? = nil,
        aud: JSONValue?, bindBody: Bool = true
    ) -> JSONObject {
        var members: [(name: String, value: JSONValue)] = []
        if let issuer = keys.issuer { members.append(("iss", .string(issuer))) }
        if let aud { members.append(("aud", aud)) }
        if let iat { members.append(("iat", .number(String(iat)))) }
        if let nbf { members.append(("nbf", .number(String(nbf)))) }
        if let exp { members.append(("exp", .number(String(exp)))) }
        if bindBody { members.append((TokenPolicy.bodyHashClaim, .string(RS256TokenSigner.bodyHash(body)))) }
        return JOSEJSON.object(members)
    }

    /// A header: `alg`, `typ` JWT, `kid` when given, then `extra` in order.
    public static func header(alg: String, kid: String?, _ extra: [(name: String, value: JSONValue)] = []) -> JSONObject {
        var members: [(name: String, value: JSONValue)] = [("alg", .string(alg)), ("typ", .string("JWT"))]
        if let kid { members.append(("kid", .string(kid))) }
        return JOSEJSON.object(members + extra)
    }

    /// The compact token over raw header and payload bytes.
    public static func token(headerBytes: [UInt8], payload: [UInt8], signing: Signing) throws(CaseBuildError) -> String {
        let input = RS256TokenSigner.signingInput(headerBytes: headerBytes, payload: payload)
        return input + "." + Base64Codec.encodeURL(try signature(over: Array(input.utf8), signing))
    }

    /// The compact token of `header` and `claims`.
    public static func token(_ header: JSONObject, _ claims: JSONObject, signing: Signing) throws(CaseBuildError) -> String {
        try token(headerBytes: JOSEJSON.encode(header), payload: JOSEJSON.encode(claims), signing: signing)
    }

    /// The signature bytes of `input` under `signing`.
    public static func signature(over input: [UInt8], _ signing: Signing) throws(CaseBuildError) -> [UInt8] {
        switch signing {
        case .rs256(let key):
            let signature: [UInt8]
            do { signature = try key.signature(for: input) } catch { throw .signingFailed(error.description) }
            SigningLog.current?.recordRS256(modulus: key.publicKey.modulus, message: input, signature: signature)
            return signature
        case .hs256(let key):
            return DeliveryCraft.hmac(key: key, message: input)
        case .empty:
            return []
        case .raw(let bytes):
            return bytes
        }
    }
}
