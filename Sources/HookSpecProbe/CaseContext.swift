import HookSpecCore

/// Why a case could not build its requests; the runner reports it as ERROR.
public enum CaseBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The case needs keys of another scheme than the run's.
    case schemeMismatch(needed: ProbeScheme, run: ProbeScheme)
    /// Signing failed (an RSA operation refused its input).
    case signingFailed(String)

    /// The reason in one line.
    public var description: String {
        switch self {
        case .schemeMismatch(let needed, let run): "the case needs \(needed.rawValue) keys, but the run signs with \(run.rawValue)"
        case .signingFailed(let why): "signing failed: \(why)"
        }
    }
}

/// What a case needs to build its requests: the run's scheme and keys, fresh ids and the probe's clock reading.
///
/// Ids are derived from a per-run token and the case ID, so they are fresh across runs and
/// within a run (SPEC §9.1) without any shared mutable generator.
public struct CaseContext: Sendable {
    /// The run's scheme and keys.
    public let keys: ProbeKeys
    /// Unix seconds when the case is built.
    public let now: Int64
    /// Random per run; makes ids fresh across runs.
    public let runToken: String
    /// The case ID with `/` replaced, used in ids.
    public let caseSlug: String
    /// Where the probe serves the attacker's JWKS (`jku`/`x5u` cases); nil when no JWKS host runs.
    public let attackerJWKSURL: String?

    /// A context for the case `caseID`.
    public init(keys: ProbeKeys, now: Int64, runToken: String, caseID: String, attackerJWKSURL: String? = nil) {
        self.keys = keys
        self.now = now
        self.runToken = runToken
        self.caseSlug = String(caseID.map { $0 == "/" ? "-" : $0 })
        self.attackerJWKSURL = attackerJWKSURL
    }

    /// The run's scheme.
    public var scheme: ProbeScheme { keys.scheme }

    /// The `n`th fresh `webhook-id` of this case.
    public func freshID(_ n: Int = 0) -> String { "msg_hs\(runToken)_\(caseSlug)_\(n)" }

    /// The current time as canonical header text.
    public var nowText: String { String(now) }

    /// The RFC 3339 event time of envelopes built now.
    public var eventTime: String { RFC3339.format(unixSeconds: now) }

    // MARK: - Signing with the run's scheme

    /// The `webhook-signature` value the run's trusted key gives `id`, `timestamp` and `body`.
    ///
    /// For `jwt` the token's `iat` is the timestamp when it reads as canonical seconds (so the
    /// timestamp cases move the token's times too), else `now`; `exp` is `iat` + 300 s.
    public func signature(id: String, timestamp: String, body: [UInt8]) throws(CaseBuildError) -> String {
        switch keys {
        case .v1(let v1):
            return "v1," + Base64Codec.encode(Self.recordedMAC(secret: v1.secret, id: id, timestamp: timestamp, body: body))
        case .v1a(let v1a):
            return DeliveryCraft.v1aEntry(v1a.primary.key, id: id, timestamp: timestamp, body: body)
        case .jwt(let jwt):
            return try token(jwt.primary.signer, body: body, issuedAt: tokenTime(timestamp), keys: jwt)
        }
    }

    /// A signature of the run's scheme by a key the receiver does not trust (for `jwt`, the
    /// attacker's key under the trusted `kid`).
    public func foreignSignature(id: String, timestamp: String, body: [UInt8]) throws(CaseBuildError) -> String {
        switch keys {
        case .v1(let v1):
            return "v1," + Base64Codec.encode(Self.recordedMAC(secret: v1.foreignSecret, id: id, timestamp: timestamp, body: body))
        case .v1a(let v1a):
            return DeliveryCraft.v1aEntry(v1a.foreign, id: id, timestamp: timestamp, body: body)
        case .jwt(let jwt):
            return try token(RS256TokenSigner(key: jwt.attacker.key, keyID: jwt.primary.keyID), body: body, issuedAt: tokenTime(timestamp), keys: jwt)
        }
    }

    /// A well-formed signature of the run's scheme made of bytes derived from `seed`: it verifies under no key.
    public func decoySignature(seed n: Int) -> String {
        switch keys {
        case .v1: return "v1," + Base64Codec.encode(DeliveryCraft.filler(seed: freshID(n), count: 32))
        case .v1a: return "v1a," + Base64Codec.encode(DeliveryCraft.filler(seed: freshID(n), count: 64))
        case .jwt(let jwt):
            let header = JOSEJSON.encode(jwt.primary.signer.standardHeader)
            let claims = JOSEJSON.encode(RS256TokenSigner.deliveryClaims(body: [], audience: jwt.audience, issuer: jwt.issuer, now: now))
            return RS256TokenSigner.signingInput(headerBytes: header, payload: claims) + "." + Base64Codec.encodeURL(DeliveryCraft.filler(seed: freshID(n), count: 256))
        }
    }

    /// A correctly signed delivery of `body` (default: a `batch.succeeded` envelope) at `timestamp`.
    public func valid(body: [UInt8]? = nil, timestamp: String? = nil, id: String? = nil) throws(CaseBuildError) -> DeliveryDraft {
        let id = id ?? freshID()
        let timestamp = timestamp ?? nowText
        let body = body ?? EnvelopeText.standard(type: "batch.succeeded", context: self)
        return DeliveryDraft(id: id, timestamp: timestamp, body: body, signature: try signature(id: id, timestamp: timestamp, body: body))
    }

    /// What a receiver holding the run's keys computes for a delivery and must never reveal: the
    /// expected `v1` MAC. Public-key schemes have nothing of the kind.
    public func confidentialValues(id: String, timestamp: String, body: [UInt8]) -> [[UInt8]] {
        guard case .v1(let v1) = keys else { return [] }
        return [Array(StandardWebhookSigner.mac(secret: v1.secret, id: id, timestamp: timestamp, body: body))]
    }

    // MARK: - Scheme-specific keys

    /// The `v1` keys; a case of another scheme that asks fails to build.
    public func hmacKeys() throws(CaseBuildError) -> HMACRunKeys {
        guard case .v1(let v1) = keys else { throw .schemeMismatch(needed: .v1, run: scheme) }
        return v1
    }

    /// The `v1a` keys.
    public func ed25519Keys() throws(CaseBuildError) -> Ed25519RunKeys {
        guard case .v1a(let v1a) = keys else { throw .schemeMismatch(needed: .v1a, run: scheme) }
        return v1a
    }

    /// The `jwt` keys.
    public func rsaKeys() throws(CaseBuildError) -> RSARunKeys {
        guard case .jwt(let jwt) = keys else { throw .schemeMismatch(needed: .jwt, run: scheme) }
        return jwt
    }

    /// The `v1` secret the receiver trusts.
    public var secret: WebhookSecret { get throws(CaseBuildError) { try hmacKeys().secret } }

    /// A `v1` secret the receiver does not hold.
    public var foreignSecret: WebhookSecret { get throws(CaseBuildError) { try hmacKeys().foreignSecret } }

    /// The `v1` HMAC with `secret` (default: the trusted one).
    public func mac(id: String, timestamp: String, body: [UInt8], secret: WebhookSecret? = nil) throws(CaseBuildError) -> [UInt8] {
        let key: WebhookSecret
        if let secret { key = secret } else { key = try self.secret }
        return Self.recordedMAC(secret: key, id: id, timestamp: timestamp, body: body)
    }

    /// The `v1` MAC, reported to the signing log so a reproduction can recompute it.
    static func recordedMAC(secret: WebhookSecret, id: String, timestamp: String, body: [UInt8]) -> [UInt8] {
        let mac = Array(StandardWebhookSigner.mac(secret: secret, id: id, timestamp: timestamp, body: body))
        SigningLog.current?.record(secret: secret, message: StandardWebhookSigner.signedContent(id: id, timestamp: timestamp, body: body), mac: mac)
        return mac
    }

    /// `v1,` + base64 of the HMAC.
    public func v1Entry(id: String, timestamp: String, body: [UInt8], secret: WebhookSecret? = nil) throws(CaseBuildError) -> String {
        "v1," + Base64Codec.encode(try mac(id: id, timestamp: timestamp, body: body, secret: secret))
    }

    // MARK: - Tokens

    /// The token time for a timestamp text: its value when it is canonical seconds, else `now`.
    func tokenTime(_ timestamp: String) -> Int64 {
        guard case .success(let parsed) = TimestampPolicy.strict.parse(timestamp) else { return now }
        return parsed.seconds
    }

    private func token(_ signer: RS256TokenSigner, body: [UInt8], issuedAt: Int64, keys: RSARunKeys) throws(CaseBuildError) -> String {
        do {
            let token = try signer.deliveryToken(body: body, audience: keys.audience, issuer: keys.issuer, now: issuedAt)
            DeliveryCraft.recordToken(token, key: signer.key)
            return token
        } catch {
            throw .signingFailed(error.description)
        }
    }
}
