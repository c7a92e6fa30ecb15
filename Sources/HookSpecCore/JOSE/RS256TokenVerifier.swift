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
    /// Header segments already resolved to a key, shared by copies of this verifier.
    let headerMemo = RS256HeaderMemo()

    public init(keys: JSONWebKeySet, rejectEmbeddedKeys: Bool = true, maximumTokenBytes: Int = CompactJWS.defaultMaximumBytes) {
        self.keys = keys
        self.allowedAlgorithms = ["RS256"]
        self.rejectEmbeddedKeys = rejectEmbeddedKeys
        self.maximumTokenBytes = maximumTokenBytes
    }

    /// Checks `token` up to and including its signature; returns the parsed JWS and its `kid`.
    public func verify(token: String) -> Result<(jws: CompactJWS, keyID: String), Rejection> {
        var verified: (jws: CompactJWS, keyID: String)?
        let rejection = withVerifiedSignature(of: token) { token, scratch, layout, keyID in
            let jws = CompactJWS(
                header: layout.header,
                payload: Array(scratch[layout.payload]),
                signature: Array(scratch[layout.signature]),
                signingInput: Array(token[..<layout.signingInputCount]))
            verified = (jws, keyID)
        }
        if let rejection { return .failure(rejection) }
        guard let verified else { preconditionFailure("a signature check that passed ran its continuation") }
        return .success(verified)
    }

    /// Checks `token` up to and including its signature, parsed in place, then runs `next` on
    /// the token's bytes, the scratch buffer holding its decoded parts, where they lie, and the
    /// `kid`; returns the first rejection, from the checks or from `next`. The buffers live only
    /// during `next`, and `next` hands its result out through a variable of the caller's: each
    /// layer returning it would copy it, and a verified token holds several references.
    func withVerifiedSignature(
        of token: String,
        _ next: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>, CompactJWS.Layout, String) throws(Rejection) -> Void
    ) -> Rejection? {
        token.withContiguousUTF8 { bytes -> Rejection? in
            guard bytes.count <= maximumTokenBytes else { return .tokenTooLarge(limit: maximumTokenBytes) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch -> Rejection? in
                do throws(Rejection) {
                    // A header segment seen before in a verified token resolves as it did then.
                    let headerEnd = CompactJWS.nextDot(in: bytes, from: 0)
                    let known = headerEnd.flatMap { headerMemo.entry(for: UnsafeBufferPointer(rebasing: bytes[..<$0])) }
                    let layout = try CompactJWS.parse(bytes, maximumBytes: maximumTokenBytes, scratch: scratch, knownHeader: known?.header)
                    let keyID: String, key: RS256PublicKey
                    if let known {
                        (keyID, key) = (known.keyID, known.key)
                    } else {
                        keyID = try JOSEHeaderRules.check(layout.header, allowedAlgorithms: allowedAlgorithms, rejectEmbeddedKeys: rejectEmbeddedKeys)
                        key = try keys.rs256Key(for: keyID).get()
                    }
                    let signature = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(scratch)[layout.signature])
                    let signingInput = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<layout.signingInputCount])
                    guard key.isValidSignature(signature, over: signingInput) else { throw .tokenSignatureInvalid }
                    if known == nil, let headerEnd {
                        headerMemo.remember(.init(segment: Array(bytes[..<headerEnd]), header: layout.header, keyID: keyID, key: key))
                    }
                    try next(bytes, scratch, layout, keyID)
                    return nil
                } catch {
                    return error
                }
            }
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
        // In place: the token's parts are read where they lie, so a delivery costs the RSA
        // check, the body hash and the JSON values, not copies of the token.
        var verified: VerifiedToken?
        // The closures reach the verifier through a pointer: capturing `self` made the optimiser
        // copy the whole verifier (eight references) several times per token.
        let rejection = withUnsafePointer(to: self) { verifier in
            verifier.pointee.signatures.withVerifiedSignature(of: token) { _, scratch, layout, keyID throws(Rejection) in
                let claims = try CompactJWS.claims(in: UnsafeBufferPointer(rebasing: scratch[layout.payload]))
                let bodyChecked = try TokenClaimRules.check(claims, policy: verifier.pointee.policy, body: body, now: now)
                verified = VerifiedToken(keyID: keyID, header: layout.header, claims: claims, bodyHashChecked: bodyChecked)
            }
        }
        if let rejection { return .failure(rejection) }
        guard let verified else { preconditionFailure("a token that passed every check was built") }
        return .success(verified)
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
