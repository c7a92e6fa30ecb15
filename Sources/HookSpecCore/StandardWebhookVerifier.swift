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
        switch headers.requiredValues(WebhookHeader.id, WebhookHeader.timestamp, WebhookHeader.signature) {
        case .failure(let r): return .failure(r)
        case .success(let values): (id, timestampText, signatureText) = values
        }

        let timestamp: TimestampPolicy.Parsed
        switch policy.timestamp.parse(timestampText) {
        case .failure(let r): return .failure(r)
        case .success(let v): timestamp = v
        }
        var fast = StrictV1Matcher.Outcome.notApplicable
        if policy.signatures.isEmpty {
            fast = StrictV1Matcher.match(
                signatureHeader: signatureText, secrets: secrets, id: id, timestamp: timestamp.signedText, body: body)
        }
        let match: EntryMatch
        switch fast {
        case .matched(let entryIndex, let keyIndex):
            match = EntryMatch(version: .v1, entryIndex: entryIndex, keyIndex: keyIndex)
        case .mismatched:
            // Every entry was a well-formed v1 entry, tried against every secret.
            return .failure(.signatureMismatch)
        case .notApplicable:
            var matcher = EntryMatcher(verifier: self, id: id, timestamp: timestamp.signedText, body: body)
            let found: Result<EntryMatch?, Rejection>
            if policy.signatures.contains(.stopAtFirstMatch) {
                found = matcher.firstMatchReadingLazily(signatureText, leniency: policy.signatures)
            } else {
                found = SignatureList.parse(signatureText, leniency: policy.signatures).map { matcher.firstMatch(in: $0) }
            }
            switch found {
            case .failure(let r): return .failure(r)
            case .success(nil):
                return .failure(matcher.sawSupportedEntry ? .signatureMismatch : .signatureUnsupportedVersion)
            case .success(let m?): match = m
            }
        }
        if let stale = policy.timestamp.checkFreshness(timestamp, now: now) {
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
}

/// Which entry matched, and with which key.
private struct EntryMatch {
    let version: SignatureVersion
    let entryIndex: Int
    let keyIndex: Int
}

/// Tries entries against the verifier's keys, computing each secret's MAC and the signed content at most once.
private struct EntryMatcher {
    let verifier: StandardWebhookVerifier
    let id: String
    let timestamp: String
    let body: [UInt8]
    private var macs: [[UInt8]?]
    private var content: [UInt8]?
    /// Whether any entry had a version this verifier holds keys for.
    private(set) var sawSupportedEntry = false

    init(verifier: StandardWebhookVerifier, id: String, timestamp: String, body: [UInt8]) {
        self.verifier = verifier
        self.id = id
        self.timestamp = timestamp
        self.body = body
        self.macs = Array(repeating: nil, count: verifier.secrets.count)
    }

    mutating func firstMatch(in entries: [SignatureEntry]) -> EntryMatch? {
        for (entryIndex, entry) in entries.enumerated() {
            if let match = matches(entry, at: entryIndex) { return match }
        }
        return nil
    }

    // The Python library's loop: parse an entry, try it, and only then look at the next one.
    mutating func firstMatchReadingLazily(_ header: String, leniency: SignatureLeniency)
        -> Result<EntryMatch?, Rejection>
    {
        var parsed = 0
        for raw in SignatureList.rawEntries(header) where parsed < SignatureList.maximumEntries {
            switch SignatureList.parseEntry(raw, leniency: leniency) {
            case .failure(let rejection):
                if leniency.contains(.skipMalformedEntries) { continue }
                // The loop decodes only entries it can check: one of a version this verifier
                // holds no key for is passed over unread, as Python passes over every non-`v1`.
                if Self.isSignatureDecodingFailure(rejection), !holdsKey(forVersionOf: raw) {
                    parsed += 1
                    continue
                }
                return .failure(rejection)
            case .success(let entry):
                if let match = matches(entry, at: parsed) { return .success(match) }
                parsed += 1
            }
        }
        return .success(nil)
    }

    /// Whether the entry's version label names a scheme this verifier has keys for.
    private func holdsKey(forVersionOf raw: Substring) -> Bool {
        let label = raw.utf8.prefix { $0 != UInt8(ascii: ",") }
        if label.elementsEqual("v1".utf8) { return !verifier.secrets.isEmpty }
        if label.elementsEqual("v1a".utf8) { return !verifier.publicKeys.isEmpty }
        return false
    }

    /// Failures of the signature text itself, as opposed to the entry's `version,signature` shape.
    private static func isSignatureDecodingFailure(_ rejection: Rejection) -> Bool {
        switch rejection {
        case .entryMalformed(.notBase64), .entryMalformed(.wrongLength), .entryNonCanonicalBase64: true
        default: false
        }
    }

    private mutating func matches(_ entry: SignatureEntry, at entryIndex: Int) -> EntryMatch? {
        switch entry.knownVersion {
        case .v1 where !verifier.secrets.isEmpty:
            sawSupportedEntry = true
            for keyIndex in verifier.secrets.indices {
                let mac = macs[keyIndex] ?? verifier.secrets[keyIndex].v1Tag(id: id, timestamp: timestamp, body: body)
                macs[keyIndex] = mac
                if entry.signature.count == HMACSHA256Key.tagByteCount,
                    HMACSHA256Key.constantTimeEqual(mac, entry.signature, count: HMACSHA256Key.tagByteCount) {
                    return EntryMatch(version: .v1, entryIndex: entryIndex, keyIndex: keyIndex)
                }
            }
        case .v1a where !verifier.publicKeys.isEmpty:
            sawSupportedEntry = true
            guard entry.signature.count == 64 else { return nil }
            let message = content ?? StandardWebhookSigner.signedContent(id: id, timestamp: timestamp, body: body)
            content = message
            for (keyIndex, key) in verifier.publicKeys.enumerated() where key.isValidSignature(entry.signature, over: message) {
                return EntryMatch(version: .v1a, entryIndex: entryIndex, keyIndex: keyIndex)
            }
        default:
            break
        }
        return nil
    }
}
