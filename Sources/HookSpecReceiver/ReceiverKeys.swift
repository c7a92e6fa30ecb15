import HookSpecCore

/// Where a delivery's keys come from: configured `whpk_` keys and the JWKS, per scheme.
struct ReceiverKeys: Sendable {
    let scheme: ReceiverScheme
    let publicKeys: [Ed25519PublicKey]
    let jwks: JWKSSource?
    /// Only the key-resolution mutants matter here (`jwtFollowsKeyURL`, `jwtJWKSEveryDelivery`).
    let mutant: ReceiverMutant?
    let fetcher: any DocumentFetching
    let fetchTimeoutSeconds: Double

    /// The keys to judge a delivery with; `refetch` asks the JWKS for a fresher set (rate-limited by the cache).
    func resolve(headers: HeaderFields, now: Int64, refetch: JWKSCache.Trigger? = nil) async -> DeliveryKeys {
        switch scheme {
        case .v1:
            return DeliveryKeys()
        case .v1a:
            var keys = DeliveryKeys(ed25519: publicKeys)
            if let jwks, case .success(let set) = await jwks.keySet(trigger: refetch, now: now) {
                keys.ed25519 += set.ed25519Keys
            }
            return keys
        case .jwt:
            guard let jwks else { return DeliveryKeys(jwks: .failure(.noKeys)) }
            if mutant == .jwtFollowsKeyURL, let url = Self.tokenKeyURL(headers) {
                // The broken receiver's one mistake: the token names where its keys are, and it goes there.
                return DeliveryKeys(jwks: await JWKSSource.fetchSet(url: url, fetcher: fetcher, timeoutSeconds: fetchTimeoutSeconds))
            }
            if mutant == .jwtJWKSEveryDelivery {
                return DeliveryKeys(jwks: await jwks.uncachedKeySet())
            }
            let trigger = refetch ?? Self.tokenKeyID(headers).map { JWKSCache.Trigger.keyID($0) }
            return DeliveryKeys(jwks: await jwks.keySet(trigger: trigger, now: now))
        }
    }

    /// The `kid` of the token in `webhook-signature`, read before verification only to pick the key set.
    static func tokenKeyID(_ headers: HeaderFields) -> String? {
        guard case .success(let token?) = headers.singleValue(for: WebhookHeader.signature) else { return nil }
        return (try? CompactJWS(parsing: token))?.keyID
    }

    /// The `jku` (or else `x5u`) URL of the token in `webhook-signature`, if it is a string.
    static func tokenKeyURL(_ headers: HeaderFields) -> String? {
        guard case .success(let token?) = headers.singleValue(for: WebhookHeader.signature),
            let jws = try? CompactJWS(parsing: token)
        else { return nil }
        return jws.header["jku"]?.stringValue ?? jws.header["x5u"]?.stringValue
    }

    /// The JWKS's fetch count (0 without a JWKS), so a caller can tell whether a refetch happened.
    func fetchCount() async -> Int {
        await jwks?.fetchCount ?? 0
    }
}
