import HookSpecCore

/// A delivery the receiver accepted, as handed to processing.
public struct AcceptedDelivery: Sendable, Hashable {
    /// `webhook-id`; nil only when a mutant accepted a delivery without one.
    public let id: String?
    /// The envelope's `type` member.
    public let eventType: String
    /// Body size in bytes.
    public let bodyBytes: Int
}

/// The keys one delivery is judged with, resolved (and fetched, for a JWKS) by the receiver first
/// so that the judge stays pure.
struct DeliveryKeys: Sendable {
    /// `v1a`: configured `whpk_` keys, then the JWKS's OKP keys.
    var ed25519: [Ed25519PublicKey] = []
    /// `jwt`: the JWKS to verify with, or why there is none.
    var jwks: Result<JSONWebKeySet, Rejection>?
}

/// Decides what one POST to the hook path gets: pure (headers, body, keys and `now` in), mutant-aware.
///
/// The reference path is the scheme's verifier (`StandardWebhookVerifier` for `v1`/`v1a`,
/// `RS256TokenVerifier` for `jwt`) followed by the envelope check; each mutant changes exactly
/// one of these decisions (SPEC §9.5).
struct DeliveryJudge: Sendable {
    enum Decision: Sendable, Hashable {
        case accept(AcceptedDelivery)
        case answer(ReceiverAnswer)
    }

    private enum Refusal: Error {
        case rejection(Rejection)
        case envelopeInvalid
    }

    let scheme: ReceiverScheme
    /// The `v1` verifier (secrets only).
    let verifier: StandardWebhookVerifier
    /// `jwt` claim rules; nil for the other schemes.
    let tokenPolicy: TokenPolicy?
    let mutant: ReceiverMutant?
    private let maximumBodyBytes: Int
    // The verifier a key-handling mutant uses instead of the reference one.
    private let mutantVerifier: StandardWebhookVerifier?

    init(scheme: ReceiverScheme = .v1, verifier: StandardWebhookVerifier, tokenPolicy: TokenPolicy? = nil, mutant: ReceiverMutant?, maximumBodyBytes: Int) {
        precondition(scheme != .jwt || tokenPolicy != nil, "a jwt judge needs a token policy")
        self.scheme = scheme
        self.verifier = verifier
        self.tokenPolicy = tokenPolicy
        self.mutant = mutant
        self.maximumBodyBytes = maximumBodyBytes
        switch mutant {
        case .secretTextAsKey:
            mutantVerifier = Self.verifier(like: verifier) { Array($0.exportedText().utf8) }
        case .undecodedSecretAsKey:
            mutantVerifier = Self.verifier(like: verifier) { Array($0.exportedText().dropFirst(WebhookSecret.prefix.count).utf8) }
        default:
            mutantVerifier = nil
        }
    }

    func judge(headers: HeaderFields, body: [UInt8], now: Int64, keys: DeliveryKeys = DeliveryKeys()) -> Decision {
        let verified: Result<String?, Refusal>
        switch scheme {
        case .v1: verified = verify(headers: headers, body: body, now: now, base: verifier)
        case .v1a: verified = verifyEd25519(headers: headers, body: body, now: now, keys: keys.ed25519)
        case .jwt: verified = verifyToken(headers: headers, body: body, now: now, keys: keys.jwks)
        }
        let outcome = verified.flatMap { id in
            envelopeType(of: body).map { AcceptedDelivery(id: id, eventType: $0, bodyBytes: body.count) }
        }
        switch outcome {
        case .success(let delivery):
            return .accept(delivery)
        case .failure(.envelopeInvalid):
            return .answer(mutant == .leakyErrorBodies
                ? leakyAnswer(status: 400, code: ReceiverAnswer.ReceiverCode.envelopeInvalid, detail: "JSONDecodeError: envelope is not an object with a type", headers: headers, body: body)
                : .envelopeInvalid)
        case .failure(.rejection(let rejection)):
            return .answer(answer(for: rejection, headers: headers, body: body))
        }
    }

    // MARK: - Verification, the one place most mutants differ

    /// The Standard Webhooks path (`v1`, and `v1a` with `base` holding its public keys).
    private func verify(headers: HeaderFields, body: [UInt8], now: Int64, base: StandardWebhookVerifier) -> Result<String?, Refusal> {
        func reference(headers: HeaderFields, body: [UInt8], now: Int64, using other: StandardWebhookVerifier? = nil) -> Result<String?, Refusal> {
            self.reference(headers: headers, body: body, now: now, using: other ?? base)
        }
        switch mutant {
        case .acceptAnySignature:
            return .success((try? headers.singleValue(for: WebhookHeader.id).get()) ?? nil)
        case .substringSignatureMatch:
            return looseMatch(headers: headers, body: body, now: now) { header, expected in
                header.contains(expected)
            }
        case .truncatedSignatureMatch:
            return looseMatch(headers: headers, body: body, now: now) { header, expected in
                header.split(separator: " ").contains { entry in
                    guard let comma = entry.firstIndex(of: ",") else { return false }
                    return expected.hasPrefix(entry[entry.index(after: comma)...])
                }
            }
        case .firstEntryOnly:
            return reference(headers: rewritingSignature(headers) { $0.split(separator: " ", omittingEmptySubsequences: false).first.map(String.init) ?? $0 }, body: body, now: now)
        case .ignoreVersionLabel:
            return reference(headers: rewritingSignature(headers) { header in
                header.split(separator: " ", omittingEmptySubsequences: false).map { entry in
                    guard let comma = entry.firstIndex(of: ","), entry[..<comma] != "v1a" else { return String(entry) }
                    return "v1" + entry[comma...]
                }.joined(separator: " ")
            }, body: body, now: now)
        case .reserializedJSON:
            guard let json = try? StrictJSONParser(maximumSize: maximumBodyBytes).parse(body) else {
                return .failure(.envelopeInvalid)
            }
            // Compact, members in order: what `JSON.stringify(JSON.parse(body))` gives a Node receiver.
            return reference(headers: headers, body: json.compactEncoded(), now: now)
        case .secretTextAsKey, .undecodedSecretAsKey:
            return reference(headers: headers, body: body, now: now, using: mutantVerifier ?? verifier)
        case .caseSensitiveHeaders:
            let webhookNames: Set<String> = [WebhookHeader.id, WebhookHeader.timestamp, WebhookHeader.signature]
            let kept = headers.fields.filter { field in
                !webhookNames.contains(field.name.lowercased()) || webhookNames.contains(field.name)
            }
            return reference(headers: HeaderFields(kept), body: body, now: now)
        case .skipTimestampCheck, .acceptFutureTimestamps:
            let result = reference(headers: headers, body: body, now: now)
            switch result {
            case .failure(.rejection(.timestampStale)) where mutant == .skipTimestampCheck,
                .failure(.rejection(.timestampFuture)):
                // Freshness is checked last, so the signature matched: re-check at the delivery's own time.
                guard case .success(let text?) = headers.singleValue(for: WebhookHeader.timestamp),
                    case .success(let parsed) = base.policy.timestamp.parse(text)
                else { return result }
                return reference(headers: headers, body: body, now: parsed.seconds)
            default:
                return result
            }
        case .reprintedTimestamp:
            // The official libraries' reading: a lenient number parse, then the MAC over the number re-printed.
            let reprinting = VerificationPolicy(timestamp: .pythonReference, signatures: base.policy.signatures, maximumBodyBytes: base.policy.maximumBodyBytes)
            return reference(headers: headers, body: body, now: now, using: StandardWebhookVerifier(secrets: base.secrets, publicKeys: base.publicKeys, policy: reprinting))
        case .serverErrorOnMalformedEntry, .serverErrorOnMalformedTimestamp, .serverErrorOnBareLabel, .conflictOnDuplicate,
            .noReplayProtection, .slowAnswer, .leakyErrorBodies, .redirectToTrailingSlash, nil:
            return reference(headers: headers, body: body, now: now)
        case .v1aMalleableSignature, .v1aPublicKeyAsHMACSecret, .v1aFirstKeyOnly, .v1aBodyOnlySignature,
            .jwtAlgorithmFromToken, .jwtKeyIDFallback, .jwtNoAudienceCheck, .jwtExpirationOptional, .jwtFollowsKeyURL,
            .jwtNoBodyBinding, .jwtJWKSEveryDelivery, .jwtHS256WithPublicKey:
            // Other schemes' mutants: the receiver refuses them for this scheme at init.
            return reference(headers: headers, body: body, now: now)
        }
    }

    // MARK: - v1a and jwt

    private func verifyEd25519(headers: HeaderFields, body: [UInt8], now: Int64, keys: [Ed25519PublicKey]) -> Result<String?, Refusal> {
        let keys = mutant == .v1aFirstKeyOnly ? Array(keys.prefix(1)) : keys
        // The key-confusion mutant also holds each public key as if it were a v1 secret.
        let confused = mutant == .v1aPublicKeyAsHMACSecret
            ? keys.compactMap { try? WebhookSecret(rawBytes: $0.rawRepresentation, options: .anyLength) } : []
        let base = StandardWebhookVerifier(secrets: confused, publicKeys: keys, policy: verifier.policy)
        switch mutant {
        case .v1aMalleableSignature:
            return verify(headers: rewritingSignature(headers) { MalleableSignature.canonicalized($0) }, body: body, now: now, base: base)
        case .v1aBodyOnlySignature:
            let result = verify(headers: headers, body: body, now: now, base: base)
            guard case .failure(.rejection(.signatureMismatch)) = result else { return result }
            return bodyOnlyMatch(headers: headers, body: body, now: now, keys: keys)
        default:
            return verify(headers: headers, body: body, now: now, base: base)
        }
    }

    /// What a receiver that signs the body alone accepts: a `v1a` entry over the raw body, the
    /// headers still required and the timestamp still fresh.
    private func bodyOnlyMatch(headers: HeaderFields, body: [UInt8], now: Int64, keys: [Ed25519PublicKey]) -> Result<String?, Refusal> {
        let id: String, timestampText: String, signature: String
        switch (Self.required(WebhookHeader.id, headers), Self.required(WebhookHeader.timestamp, headers), Self.required(WebhookHeader.signature, headers)) {
        case (.success(let i), .success(let t), .success(let s)): (id, timestampText, signature) = (i, t, s)
        case (.failure(let r), _, _), (_, .failure(let r), _), (_, _, .failure(let r)): return .failure(.rejection(r))
        }
        guard case .success(let entries) = SignatureList.parse(signature, leniency: verifier.policy.signatures),
            entries.contains(where: { entry in entry.knownVersion == .v1a && keys.contains { $0.isValidSignature(entry.signature, over: body) } })
        else { return .failure(.rejection(.signatureMismatch)) }
        switch verifier.policy.timestamp.parse(timestampText) {
        case .failure(let rejection): return .failure(.rejection(rejection))
        case .success(let timestamp):
            if let stale = verifier.policy.timestamp.checkFreshness(timestamp, now: now) { return .failure(.rejection(stale)) }
        }
        return .success(id)
    }

    private func verifyToken(headers: HeaderFields, body: [UInt8], now: Int64, keys: Result<JSONWebKeySet, Rejection>?) -> Result<String?, Refusal> {
        guard var policy = tokenPolicy else { preconditionFailure("a jwt judge has a token policy") }
        if mutant == .acceptAnySignature { return Self.tokenDeliveryID(headers: headers) }
        let keySet: JSONWebKeySet
        switch keys {
        case .success(let set)?: keySet = set
        case .failure(let rejection)?: return .failure(.rejection(rejection))
        case nil: return .failure(.rejection(.jwksMalformed("no JWKS was resolved")))
        }
        switch mutant {
        case .jwtExpirationOptional: policy.requireExpiration = false
        // The keys were resolved from the token's jku/x5u; this receiver does not object to them.
        case .jwtFollowsKeyURL: policy.rejectEmbeddedKeys = false
        case .jwtAlgorithmFromToken, .jwtKeyIDFallback, .jwtNoAudienceCheck, .jwtNoBodyBinding, .jwtHS256WithPublicKey:
            return BrokenTokenCheck(mutant: mutant, keys: keySet, policy: policy).verify(headers: headers, body: body, now: now)
                .mapError { .rejection($0) }
                .flatMap { Self.tokenDeliveryID(headers: headers) }
        default: break
        }
        if case .failure(let rejection) = RS256TokenVerifier(keys: keySet, policy: policy).verify(headers: headers, body: body, now: now) {
            return .failure(.rejection(rejection))
        }
        return Self.tokenDeliveryID(headers: headers)
    }

    /// The id a token delivery is deduplicated by: `webhook-id` when sent (the token does not cover
    /// it, but a sender's retry repeats it), else the token itself, so one token is processed once.
    private static func tokenDeliveryID(headers: HeaderFields) -> Result<String?, Refusal> {
        switch headers.singleValue(for: WebhookHeader.id) {
        case .failure(let rejection): return .failure(.rejection(rejection))
        case .success(let id?) where !id.isEmpty: return .success(id)
        case .success: break
        }
        let signature = headers.fields.first { $0.name.lowercased() == WebhookHeader.signature }?.value ?? ""
        return .success("jwt:" + RS256TokenSigner.bodyHash(Array(signature.utf8)))
    }

    private func reference(headers: HeaderFields, body: [UInt8], now: Int64, using verifier: StandardWebhookVerifier? = nil) -> Result<String?, Refusal> {
        switch (verifier ?? self.verifier).verify(headers: headers, body: body, now: now) {
        case .success(let delivery): .success(delivery.id)
        case .failure(let rejection): .failure(.rejection(rejection))
        }
    }

    /// The shape of the guide's Java/Go samples: compute the expected base64, then look for it in the header text.
    private func looseMatch(headers: HeaderFields, body: [UInt8], now: Int64, matches: (String, String) -> Bool) -> Result<String?, Refusal> {
        let id: String, timestampText: String, signature: String
        switch (Self.required(WebhookHeader.id, headers), Self.required(WebhookHeader.timestamp, headers), Self.required(WebhookHeader.signature, headers)) {
        case (.success(let i), .success(let t), .success(let s)): (id, timestampText, signature) = (i, t, s)
        case (.failure(let r), _, _), (_, .failure(let r), _), (_, _, .failure(let r)): return .failure(.rejection(r))
        }
        let timestamp: TimestampPolicy.Parsed
        switch verifier.policy.timestamp.parse(timestampText) {
        case .success(let parsed): timestamp = parsed
        case .failure(let rejection): return .failure(.rejection(rejection))
        }
        let matched = verifier.secrets.contains { secret in
            let expected = Base64Codec.encode(Array(StandardWebhookSigner.mac(secret: secret, id: id, timestamp: timestamp.signedText, body: body)))
            return matches(signature, expected)
        }
        guard matched else { return .failure(.rejection(.signatureMismatch)) }
        if let stale = verifier.policy.timestamp.checkFreshness(timestamp, now: now) {
            return .failure(.rejection(stale))
        }
        return .success(id)
    }

    private static func required(_ name: String, _ headers: HeaderFields) -> Result<String, Rejection> {
        switch headers.singleValue(for: name) {
        case .failure(let rejection): .failure(rejection)
        case .success(nil): .failure(.headerMissing(name))
        case .success(let value?): value.isEmpty ? .failure(.headerEmpty(name)) : .success(value)
        }
    }

    private func rewritingSignature(_ headers: HeaderFields, _ rewrite: (String) -> String) -> HeaderFields {
        HeaderFields(headers.fields.map { field in
            field.name.lowercased() == WebhookHeader.signature ? (field.name, rewrite(field.value)) : field
        })
    }

    private static func verifier(like reference: StandardWebhookVerifier, key: (WebhookSecret) -> [UInt8]) -> StandardWebhookVerifier {
        let secrets = reference.secrets.compactMap { try? WebhookSecret(rawBytes: key($0), options: .anyLength) }
        return StandardWebhookVerifier(secrets: secrets, publicKeys: reference.publicKeys, policy: reference.policy)
    }

    // MARK: - Envelope (SPEC §5, as far as the core goes: strict JSON, an object with a string type)

    private func envelopeType(of body: [UInt8]) -> Result<String, Refusal> {
        guard let value = try? StrictJSONParser(maximumSize: max(maximumBodyBytes, 1)).parse(body),
            let object = value.objectValue,
            let type = object["type"]?.stringValue, !type.isEmpty
        else { return .failure(.envelopeInvalid) }
        // Unknown types are accepted: the catalog is checked elsewhere, and senders add types over time.
        return .success(type)
    }

    // MARK: - Answers to rejections

    /// How much of the expected `v1` signature the leaky mutant shows: 24 of its 44 base64 characters.
    static let leakedSignatureCharacters = 24

    /// Whether a `webhook-signature` entry has no comma (the shape that crashes `version, sig = entry.split(",")`).
    static func hasBareLabel(_ headers: HeaderFields) -> Bool {
        guard case .success(let value?) = headers.singleValue(for: WebhookHeader.signature) else { return false }
        return value.split(separator: " ").contains { !$0.contains(",") }
    }

    private func answer(for rejection: Rejection, headers: HeaderFields, body: [UInt8]) -> ReceiverAnswer {
        switch (mutant, rejection) {
        case (.serverErrorOnMalformedEntry, .entryMalformed), (.serverErrorOnMalformedEntry, .entryNonCanonicalBase64),
            (.serverErrorOnMalformedTimestamp, .timestampMalformed), (.serverErrorOnMalformedTimestamp, .timestampNonCanonical):
            return ReceiverAnswer(status: 500, code: ReceiverAnswer.ReceiverCode.internalError,
                                  body: Array("Internal Server Error".utf8))
        case (.serverErrorOnBareLabel, .entryMalformed) where Self.hasBareLabel(headers):
            return ReceiverAnswer(status: 500, code: ReceiverAnswer.ReceiverCode.internalError,
                                  body: Array("ValueError: not enough values to unpack (expected 2, got 1)".utf8))
        case (.leakyErrorBodies, _):
            return leakyAnswer(status: ReceiverAnswer.status(for: rejection), code: rejection.code.rawValue,
                               detail: "WebhookVerificationError: \(rejection)", headers: headers, body: body)
        default:
            return .rejected(rejection)
        }
    }

    /// What a debugging-friendly receiver sends back: its stack and the start of the signature it
    /// wanted (never the secret).
    ///
    /// Only the first `leakedSignatureCharacters` base64 characters go out, as a truncating log
    /// line would write them: that is the leak the probe must find (it matches 20), while the whole
    /// MAC would turn a mutant run with a real secret into a signing oracle for any body sent to it.
    private func leakyAnswer(status: Int, code: String, detail: String, headers: HeaderFields, body: [UInt8]) -> ReceiverAnswer {
        var text = "Traceback (most recent call last):\n"
            + "  File \"/srv/app/webhooks.py\", line 42, in verify_webhook\n"
            + "    raise WebhookVerificationError(expected=expected_signature)\n"
            + detail + "\n"
        if case .success(let id?) = headers.singleValue(for: WebhookHeader.id),
            case .success(let timestamp?) = headers.singleValue(for: WebhookHeader.timestamp),
            let secret = verifier.secrets.first {
            let expected = Base64Codec.encode(Array(StandardWebhookSigner.mac(secret: secret, id: id, timestamp: timestamp, body: body)))
            text += "expected_signature = v1," + expected.prefix(Self.leakedSignatureCharacters) + "...\n"
        }
        return ReceiverAnswer(status: status, code: code, headers: ["Content-Type": "text/plain"], body: Array(text.utf8))
    }
}
