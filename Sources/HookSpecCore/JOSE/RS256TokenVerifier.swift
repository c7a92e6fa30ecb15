/// A token that passed every rule of SPEC §3.3.
public struct VerifiedToken: Sendable, Hashable {
    /// What the protected header resolved to, shared with the verifier's memo.
    let resolution: RS256ResolvedHeader
    /// The token as it arrived (compact serialisation).
    public let token: String
    /// Whether `request_body_sha256` was present and matched the body.
    public let bodyHashChecked: Bool

    /// The `kid` whose key verified the signature.
    public var keyID: String { resolution.keyID }
    /// The protected header.
    public var header: JSONObject { resolution.header }

    /// The claims set, parsed from the token on each access: verification reads the claims its
    /// rules need in place, so a receiver that never looks at them never pays for building them.
    public var claims: JSONObject {
        do {
            return try CompactJWS(parsing: token, maximumBytes: token.utf8.count).claims()
        } catch {
            preconditionFailure("the claims of a verified token parse (\(error))")
        }
    }

    public static func == (lhs: VerifiedToken, rhs: VerifiedToken) -> Bool {
        lhs.token == rhs.token && lhs.bodyHashChecked == rhs.bodyHashChecked && lhs.keyID == rhs.keyID && lhs.header == rhs.header
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(token)
        hasher.combine(bodyHashChecked)
        hasher.combine(keyID)
    }
}

/// The JWS layer of RS256 verification: structure, header rules, `kid` lookup, signature.
///
/// Separate from claims so that JWS test vectors whose payload is not a claims set
/// (Wycheproof, RFC 7520) exercise exactly the code that tokens go through.
///
/// A final class of constants rather than a struct: the verifier runs on every delivery, and a
/// struct's fields were copied (a retain and a release each) into every closure of the in-place path.
public final class RS256SignatureVerifier: Sendable {
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
        let rejection = withVerifiedSignature(of: token) { token, scratch, layout, resolved in
            let jws = CompactJWS(
                header: resolved.header,
                payload: Array(scratch[layout.payload]),
                signature: Array(scratch[layout.signature]),
                signingInput: Array(token[..<layout.signingInputCount]))
            verified = (jws, resolved.keyID)
        }
        if let rejection { return .failure(rejection) }
        guard let verified else { preconditionFailure("a signature check that passed ran its continuation") }
        return .success(verified)
    }

    /// Checks `token` up to and including its signature, parsed in place, then runs `next` on
    /// the token's bytes, the scratch buffer holding its decoded parts, where they lie, and what
    /// its header resolved to; returns the first rejection, from the checks or from `next`. The
    /// buffers live only during `next`, and `next` hands its result out through a variable of the
    /// caller's: each layer returning it would copy it.
    func withVerifiedSignature(
        of token: String,
        _ next: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>, CompactJWS.Layout, RS256ResolvedHeader) throws(Rejection) -> Void
    ) -> Rejection? {
        token.withContiguousUTF8 { bytes -> Rejection? in
            guard bytes.count <= maximumTokenBytes else { return .tokenTooLarge(limit: maximumTokenBytes) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch -> Rejection? in
                do throws(Rejection) {
                    // A header segment seen before in a verified token resolves as it did then.
                    let known = CompactJWS.nextDot(in: bytes, from: 0).flatMap {
                        headerMemo.entry(for: UnsafeBufferPointer(rebasing: bytes[..<$0]))
                    }
                    let layout = try CompactJWS.parse(bytes, maximumBytes: maximumTokenBytes, scratch: scratch, skippingHeader: known != nil)
                    let resolved: RS256ResolvedHeader
                    if let known { resolved = known } else { resolved = try resolve(layout, of: bytes) }
                    let signature = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(scratch)[layout.signature])
                    let signingInput = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<layout.signingInputCount])
                    guard resolved.key.isValidSignature(signature, over: signingInput) else { throw .tokenSignatureInvalid }
                    if known == nil { headerMemo.remember(resolved) }
                    try next(bytes, scratch, layout, resolved)
                    return nil
                } catch {
                    return error
                }
            }
        }
    }

    /// Takes a parsed header through the header rules to its trusted key.
    private func resolve(_ layout: CompactJWS.Layout, of token: UnsafeBufferPointer<UInt8>) throws(Rejection) -> RS256ResolvedHeader {
        guard let header = layout.header else { preconditionFailure("a header that was not skipped is parsed") }
        let keyID = try JOSEHeaderRules.check(header, allowedAlgorithms: allowedAlgorithms, rejectEmbeddedKeys: rejectEmbeddedKeys)
        let key = try keys.rs256Key(for: keyID).get()
        return RS256ResolvedHeader(segment: Array(token[..<layout.headerSegmentCount]), header: header, keyID: keyID, key: key)
    }
}

/// Verifies RS256 JWTs as Gemini documents them for dynamic webhooks (SPEC §3.3).
///
/// Check order: size → segments → base64url → header JSON → `alg` allow-list → key-carrying
/// members → `crit` → `kid` → key lookup (no fallback) → signature → claims JSON → `exp` →
/// `nbf` → `iat` → `aud` → `iss` → `request_body_sha256`.
///
/// A final class of constants for the reason `RS256SignatureVerifier` is one.
public final class RS256TokenVerifier: Sendable {
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
        var outcome: (resolution: RS256ResolvedHeader, bodyChecked: Bool)?
        // The closures capture the body as a pointer and build nothing that holds a reference:
        // each reference they captured was retained and released once per closure layer.
        let rejection = body.withUnsafeBufferPointer { body in
            signatures.withVerifiedSignature(of: token) { _, scratch, layout, resolved throws(Rejection) in
                let bodyChecked = try checkClaims(in: UnsafeBufferPointer(rebasing: scratch[layout.payload]), body: body, now: now).get()
                outcome = (resolved, bodyChecked)
            }
        }
        if let rejection { return .failure(rejection) }
        guard let outcome else { preconditionFailure("a token that passed every check was built") }
        return .success(VerifiedToken(resolution: outcome.resolution, token: token, bodyHashChecked: outcome.bodyChecked))
    }

    /// The claim rules over a verified token's decoded payload; returns whether the body hash was
    /// checked. Claims of the usual shape are read in place; any other payload, and every fault,
    /// goes to the strict parser, which decides as it always did.
    private func checkClaims(in payload: UnsafeBufferPointer<UInt8>, body: UnsafeBufferPointer<UInt8>, now: Int64) -> Result<Bool, Rejection> {
        let scanned = TokenClaimsScan.withScan(of: payload) { scan in
            scan.map { scan in
                Result { () throws(Rejection) in try TokenClaimRules.check(scan, policy: policy, body: body, now: now) }
            }
        }
        if let scanned { return scanned }
        return Result { () throws(Rejection) in
            try TokenClaimRules.check(CompactJWS.claims(in: payload), policy: policy, body: body, now: now)
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
