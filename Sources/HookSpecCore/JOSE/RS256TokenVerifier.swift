/// A token that passed every rule of SPEC §3.3.
public struct VerifiedToken: Sendable, Hashable {
    /// The `kid` whose key verified the signature.
    public let keyID: String
    /// The protected header.
    public let header: JSONObject
    /// The claims set.
    public let claims: JSONObject
    /// Whether `request_body_sha256` was present and matched the body.
    public let bodyHashChecked: Bool
}

/// The JWS layer of RS256 verification: structure, header rules, `kid` lookup, signature.
///
/// Separate from claims so that JWS test vectors whose payload is not a claims set
/// (Wycheproof, RFC 7520) exercise exactly the code that tokens go through.
public struct RS256SignatureVerifier: Sendable {
    /// The trusted keys.
    public let keys: JSONWebKeySet
    /// Algorithms accepted (RS256), owned by the verifier.
    public let allowedAlgorithms: Set<String>
    /// Whether key-carrying header members reject the token.
    public let rejectEmbeddedKeys: Bool
    /// Largest token accepted, in bytes.
    public let maximumTokenBytes: Int

    public init(keys: JSONWebKeySet, rejectEmbeddedKeys: Bool = true, maximumTokenBytes: Int = CompactJWS.defaultMaximumBytes) {
        self.keys = keys
        self.allowedAlgorithms = ["RS256"]
        self.rejectEmbeddedKeys = rejectEmbeddedKeys
        self.maximumTokenBytes = maximumTokenBytes
    }

    /// Checks `token` up to and including its signature; returns the parsed JWS and its `kid`.
    public func verify(token: String) -> Result<(jws: CompactJWS, keyID: String), Rejection> {
        do {
            let jws = try CompactJWS(parsing: token, maximumBytes: maximumTokenBytes)
            let keyID = try JOSEHeaderRules.check(jws.header, allowedAlgorithms: allowedAlgorithms, rejectEmbeddedKeys: rejectEmbeddedKeys)
            let key = try keys.rs256Key(for: keyID).get()
            guard key.isValidSignature(jws.signature, over: jws.signingInput) else { throw Rejection.tokenSignatureInvalid }
            return .success((jws, keyID))
        } catch let rejection as Rejection {
            return .failure(rejection)
        } catch {
            // Every throwing call above throws Rejection; keep the type total without a crash path.
            return .failure(.tokenHeaderInvalid("unexpected error"))
        }
    }
}

/// Verifies RS256 JWTs as Gemini documents them for dynamic webhooks (SPEC §3.3).
///
/// Check order: size → segments → base64url → header JSON → `alg` allow-list → key-carrying
/// members → `crit` → `kid` → key lookup (no fallback) → signature → claims JSON → `exp` →
/// `nbf` → `iat` → `aud` → `iss` → `request_body_sha256`.
public struct RS256TokenVerifier: Sendable {
    /// The JWS layer.
    public let signatures: RS256SignatureVerifier
    /// Claim rules and limits.
    public let policy: TokenPolicy

    public init(keys: JSONWebKeySet, policy: TokenPolicy) {
        self.signatures = RS256SignatureVerifier(
            keys: keys, rejectEmbeddedKeys: policy.rejectEmbeddedKeys, maximumTokenBytes: policy.maximumTokenBytes)
        self.policy = policy
    }

    /// Verifies one token against the raw body it arrived with; `now` is Unix seconds.
    public func verify(token: String, body: [UInt8], now: Int64) -> Result<VerifiedToken, Rejection> {
        let jws: CompactJWS
        let keyID: String
        switch signatures.verify(token: token) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let verified): (jws, keyID) = verified
        }
        do {
            let claims = try jws.claims()
            let bodyChecked = try TokenClaimRules.check(claims, policy: policy, body: body, now: now)
            return .success(VerifiedToken(keyID: keyID, header: jws.header, claims: claims, bodyHashChecked: bodyChecked))
        } catch {
            return .failure(error)
        }
    }

    /// Verifies a delivery whose `webhook-signature` header holds the token (SPEC §3.3).
    public func verify(headers: HeaderFields, body: [UInt8], now: Int64) -> Result<VerifiedToken, Rejection> {
        switch headers.singleValue(for: WebhookHeader.signature) {
        case .failure(let rejection): return .failure(rejection)
        case .success(nil): return .failure(.headerMissing(WebhookHeader.signature))
        case .success(let token?):
            guard !token.isEmpty else { return .failure(.headerEmpty(WebhookHeader.signature)) }
            return verify(token: token, body: body, now: now)
        }
    }
}
