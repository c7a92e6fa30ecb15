import Foundation
import HookSpecCore
import HookSpecReport

/// hookspec's own JOSE vector format (`vectors/jose/*.json`, SPEC §8), read with the strict parser.
///
/// ```
/// { "format": "hookspec/jose-vectors/1", "description": "...",
///   "vectors": [ { "name", "source", "check", "expected", ...inputs } ] }
/// ```
/// `check` says which part of the core a vector exercises:
/// - `jwk`: `{jwk}` → `valid` when `JSONWebKey(parsing:)` accepts it, else the rejection code.
/// - `rs256_signature`: `{token, jwk}` → the RS256 primitive over the token's signing input.
/// - `ed25519_signature`: `{token, jwk}` → an OKP key from the JWK verifying an EdDSA JWS.
/// - `jws`: `{token, jwks}` → `RS256SignatureVerifier` (header rules, `kid` lookup, signature).
/// - `token`: `{token, jwks, policy, now, body | body_base64}` → `RS256TokenVerifier`.
/// `policy` holds `audience`, optional `issuer`, `body_binding` (`check_when_present`,
/// `required`) and `require_exp` (default true).
public struct JOSEVectorFile: Sendable {
    /// The format tag every file carries.
    public static let format = "hookspec/jose-vectors/1"

    /// One vector.
    public struct Vector: Sendable {
        /// Readable name, unique within the file.
        public let name: String
        /// Provenance (SPEC §8).
        public let source: String
        /// Which part of the core runs it (see the type comment).
        public let check: String
        /// `valid` or the rejection code.
        public let expected: String
        /// The whole vector object, for the inputs each check reads.
        public let fields: JSONObject
    }

    /// What the file holds.
    public let description: String
    /// The vectors, in file order.
    public let vectors: [Vector]

    /// Reads a file's bytes; `path` only names the file in errors.
    public init(bytes: [UInt8], path: String) throws(VectorFileError) {
        let root: JSONValue
        do {
            root = try StrictJSONParser(maximumSize: VectorFileReader.maximumFileBytes).parse(bytes)
        } catch {
            throw .notJSON(path: path, reason: error.description)
        }
        guard let object = root.objectValue else { throw .invalidField(path: path, location: "top level", reason: "not an object") }
        let format = object["format"]?.stringValue ?? "(none)"
        guard format == Self.format else { throw .unsupportedFormat(path: path, found: format) }
        guard let list = object["vectors"]?.arrayValue else {
            throw .invalidField(path: path, location: "top level", reason: "no vectors array")
        }
        var vectors: [Vector] = []
        for (index, entry) in list.enumerated() {
            guard let fields = entry.objectValue,
                let name = fields["name"]?.stringValue, let source = fields["source"]?.stringValue,
                let check = fields["check"]?.stringValue, let expected = fields["expected"]?.stringValue
            else { throw .invalidField(path: path, location: "vectors[\(index)]", reason: "needs name, source, check and expected strings") }
            vectors.append(Vector(name: name, source: source, check: check, expected: expected, fields: fields))
        }
        self.description = object["description"]?.stringValue ?? ""
        self.vectors = vectors
    }

    /// Reads a file.
    public init(path: String) throws(VectorFileError) {
        try self.init(bytes: try VectorFileReader.bytes(at: path), path: path)
    }
}

/// Runs `JOSEVectorFile` vectors through the core.
public enum JOSEVectorRunner {
    /// Runs every vector of a file.
    public static func run(_ file: JOSEVectorFile, suiteName: String) -> VectorSuiteResult {
        VectorSuiteResult(
            name: suiteName,
            results: file.vectors.map { vector in
                VectorResult(name: vector.name, source: vector.source, expected: vector.expected, actual: outcome(of: vector))
            },
            notes: [ReportProperty("description", file.description)])
    }

    /// `valid` or the rejection code (or `vector_error: …` when the vector itself is unusable).
    public static func outcome(of vector: JOSEVectorFile.Vector) -> String {
        let fields = vector.fields
        do throws(Rejection) {
            switch vector.check {
            case "jwk":
                guard let jwk = fields["jwk"]?.objectValue else { return "vector_error: no jwk" }
                _ = try JSONWebKey(parsing: jwk)
                return "valid"
            case "rs256_signature", "ed25519_signature":
                guard let jwk = fields["jwk"]?.objectValue, let token = fields["token"]?.stringValue else {
                    return "vector_error: needs token and jwk"
                }
                let jws = try CompactJWS(parsing: token)
                let key = try JSONWebKey(parsing: jwk)
                switch (vector.check, key.material) {
                case ("rs256_signature", .rsa(let rsa)):
                    return rsa.isValidSignature(jws.signature, over: jws.signingInput) ? "valid" : RejectionCode.tokenSignatureInvalid.rawValue
                case ("ed25519_signature", .ed25519(let ed)):
                    return ed.isValidSignature(jws.signature, over: jws.signingInput) ? "valid" : RejectionCode.tokenSignatureInvalid.rawValue
                default:
                    return RejectionCode.keyUnsuitable.rawValue
                }
            case "jws":
                guard let token = fields["token"]?.stringValue, let jwks = fields["jwks"] else { return "vector_error: needs token and jwks" }
                let keys = try JSONWebKeySet(parsing: JOSEJSON.encode(jwks))
                switch RS256SignatureVerifier(keys: keys).verify(token: token) {
                case .success: return "valid"
                case .failure(let rejection): return rejection.code.rawValue
                }
            case "token":
                guard let token = fields["token"]?.stringValue, let jwks = fields["jwks"],
                    let policyObject = fields["policy"]?.objectValue, let now = fields["now"]?.int64Value
                else { return "vector_error: needs token, jwks, policy and now" }
                guard let policy = tokenPolicy(policyObject) else { return "vector_error: bad policy" }
                guard let body = body(fields) else { return "vector_error: bad body" }
                let keys = try JSONWebKeySet(parsing: JOSEJSON.encode(jwks))
                switch RS256TokenVerifier(keys: keys, policy: policy).verify(token: token, body: body, now: now) {
                case .success: return "valid"
                case .failure(let rejection): return rejection.code.rawValue
                }
            default:
                return "vector_error: unknown check \(vector.check)"
            }
        } catch {
            return error.code.rawValue
        }
    }

    /// Reads a vector's `policy` object.
    public static func tokenPolicy(_ object: JSONObject) -> TokenPolicy? {
        guard let audience = object["audience"]?.stringValue else { return nil }
        var policy = TokenPolicy(audience: audience, issuer: object["issuer"]?.stringValue)
        if let binding = object["body_binding"]?.stringValue {
            guard let parsed = TokenPolicy.BodyBinding(rawValue: binding) else { return nil }
            policy.bodyBinding = parsed
        }
        if let requireExp = object["require_exp"]?.boolValue { policy.requireExpiration = requireExp }
        return policy
    }

    /// Reads `body` (UTF-8 text) or `body_base64`; no body is an empty body.
    public static func body(_ fields: JSONObject) -> [UInt8]? {
        if let text = fields["body"]?.stringValue { return Array(text.utf8) }
        if let encoded = fields["body_base64"]?.stringValue {
            guard case .success(let bytes) = Base64Codec.decode(encoded, mode: .strict) else { return nil }
            return bytes
        }
        return []
    }
}
