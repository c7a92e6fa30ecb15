import Crypto

/// A delivery that verified.
public struct VerifiedDelivery: Sendable, Hashable {
    /// The `webhook-id` header.
    public let id: String
    /// The timestamp in whole seconds.
    public let timestamp: Int64
    /// Version of the entry that matched.
    public let version: SignatureVersion
    /// Position of the matching entry in `webhook-signature`.
    public let entryIndex: Int
    /// Position of the secret or public key that matched, in the order they were given.
    public let keyIndex: Int
}

/// Verifies Standard Webhooks deliveries, `v1` and `v1a` (SPEC §3.1, §3.2, §4, §7).
///
/// Pure: headers, body and `now` in, a verdict out. The order of checks is fixed so that
/// results are comparable: headers present, timestamp syntax, signature list syntax,
/// signature match, then freshness. A stale forgery is therefore `signature_mismatch`,
/// and a stale authentic delivery `timestamp_stale`.
public struct StandardWebhookVerifier: Sendable {
    /// `v1` secrets, tried in order (rotation).
    public let secrets: [WebhookSecret]
    /// `v1a` public keys, tried in order (no `kid` travels with an entry).
    public let publicKeys: [Ed25519PublicKey]
    /// What is accepted beyond the canonical.
    public let policy: VerificationPolicy

    public init(secrets: [WebhookSecret] = [], publicKeys: [Ed25519PublicKey] = [], policy: VerificationPolicy = .strict) {
        self.secrets = secrets
        self.publicKeys = publicKeys
        self.policy = policy
    }

    /// Checks one delivery. `now` is Unix seconds from the caller's clock.
    public func verify(headers: HeaderFields, body: [UInt8], now: Int64) -> Result<VerifiedDelivery, Rejection> {
        guard !secrets.isEmpty || !publicKeys.isEmpty else { return .failure(.noKeys) }
        guard body.count <= policy.maximumBodyBytes else { return .failure(.bodyTooLarge(limit: policy.maximumBodyBytes)) }

        let id: String, timestampText: String, signatureText: String
        switch Self.required(WebhookHeader.id, in: headers) {
        case .failure(let r): return .failure(r)
        case .success(let v): id = v
        }
        switch Self.required(WebhookHeader.timestamp, in: headers) {
        case .failure(let r): return .failure(r)
        case .success(let v): timestampText = v
        }
        switch Self.required(WebhookHeader.signature, in: headers) {
        case .failure(let r): return .failure(r)
        case .success(let v): signatureText = v
        }

        let timestamp: TimestampPolicy.Parsed
        switch policy.timestamp.parse(timestampText) {
        case .failure(let r): return .failure(r)
        case .success(let v): timestamp = v
        }
        let entries: [SignatureEntry]
        switch SignatureList.parse(signatureText, leniency: policy.signatures) {
        case .failure(let r): return .failure(r)
        case .success(let v): entries = v
        }

        guard let match = firstMatch(entries: entries, id: id, timestamp: timestamp.signedText, body: body) else {
            let supported = entries.contains { entry in
                (entry.knownVersion == .v1 && !secrets.isEmpty) || (entry.knownVersion == .v1a && !publicKeys.isEmpty)
            }
            return .failure(supported ? .signatureMismatch : .signatureUnsupportedVersion)
        }
        if let stale = policy.timestamp.checkFreshness(timestamp.seconds, now: now) {
            return .failure(stale)
        }
        return .success(VerifiedDelivery(
            id: id, timestamp: timestamp.seconds, version: match.version,
            entryIndex: match.entryIndex, keyIndex: match.keyIndex))
    }

    /// Checks a delivery whose body arrives as any byte collection.
    public func verify(headers: HeaderFields, body: some Collection<UInt8>, now: Int64) -> Result<VerifiedDelivery, Rejection> {
        verify(headers: headers, body: Array(body), now: now)
    }

    private static func required(_ name: String, in headers: HeaderFields) -> Result<String, Rejection> {
        switch headers.singleValue(for: name) {
        case .failure(let r): return .failure(r)
        case .success(nil): return .failure(.headerMissing(name))
        case .success(let value?):
            return value.isEmpty ? .failure(.headerEmpty(name)) : .success(value)
        }
    }

    private func firstMatch(entries: [SignatureEntry], id: String, timestamp: String, body: [UInt8])
        -> (version: SignatureVersion, entryIndex: Int, keyIndex: Int)?
    {
        // Each secret's MAC is computed once, however many v1 entries there are.
        var macs: [HashedAuthenticationCode<SHA256>?] = Array(repeating: nil, count: secrets.count)
        var content: [UInt8]?
        for (entryIndex, entry) in entries.enumerated() {
            switch entry.knownVersion {
            case .v1:
                for keyIndex in secrets.indices {
                    let mac = macs[keyIndex] ?? StandardWebhookSigner.mac(
                        secret: secrets[keyIndex], id: id, timestamp: timestamp, body: body)
                    macs[keyIndex] = mac
                    // HashedAuthenticationCode's == against bytes compares in constant time.
                    if entry.signature.count == SHA256.byteCount, mac == entry.signature {
                        return (.v1, entryIndex, keyIndex)
                    }
                }
            case .v1a:
                guard !publicKeys.isEmpty, entry.signature.count == 64 else { continue }
                let message = content ?? StandardWebhookSigner.signedContent(id: id, timestamp: timestamp, body: body)
                content = message
                for (keyIndex, key) in publicKeys.enumerated() where key.isValidSignature(entry.signature, over: message) {
                    return (.v1a, entryIndex, keyIndex)
                }
            case nil:
                continue
            }
        }
        return nil
    }
}
