import HookSpecCore
import HookSpecReport

/// Grades one delivery against every `SenderRule`: pure (the delivery, the earlier ones, the keys
/// and the catalog in; results out).
public struct SenderInspector: Sendable {
    /// `v1` secrets every delivery must be signed with.
    public let secrets: [WebhookSecret]
    /// `v1a` keys every delivery must be signed with.
    public let publicKeys: [Ed25519PublicKey]
    /// `jwt` verifier, when a key set was given.
    public let tokenVerifier: RS256TokenVerifier?
    /// Largest accepted clock difference, seconds.
    public let toleranceSeconds: Int64
    /// The catalog envelopes are checked against.
    public let validator: EnvelopeValidator

    // Freshness is its own rule, so signature checks run with a tolerance no clock reaches.
    private static let unboundedTimestamps = VerificationPolicy(timestamp: TimestampPolicy(toleranceSeconds: 1 << 40))

    /// An inspector with these keys.
    public init(secrets: [WebhookSecret], publicKeys: [Ed25519PublicKey], tokenVerifier: RS256TokenVerifier?, toleranceSeconds: Int64, catalog: EventCatalog) {
        self.secrets = secrets
        self.publicKeys = publicKeys
        self.tokenVerifier = tokenVerifier
        self.toleranceSeconds = toleranceSeconds
        self.validator = EnvelopeValidator(catalog: catalog)
    }

    /// Grades `delivery` given the deliveries before it (oldest first) and the status it will be answered.
    public func inspect(_ delivery: ReceivedDelivery, earlier: [InspectedDelivery], status: (String?, Int) -> Int) -> InspectedDelivery {
        let headers = delivery.headers
        let signatureHeader = (try? headers.singleValue(for: WebhookHeader.signature).get()) ?? nil
        let scheme = DetectedScheme(signatureHeader: signatureHeader)
        let envelope = validator.validate(body: delivery.body)
        let idResult = Self.single(headers, WebhookHeader.id)
        let id = try? idResult.get()
        let previous = id.flatMap { id in earlier.last { $0.id == id } }
        let attempt = (previous?.attempt ?? 0) + 1
        var results: [RuleResult] = []

        results.append(scheme == .unknown
            ? RuleResult(.scheme, .failed, signatureHeader == nil ? "no single webhook-signature header" : "no v1, v1a or jwt signature found")
            : RuleResult(.scheme, .passed, scheme.rawValue))
        results.append(Self.contentType(headers))
        switch idResult {
        case .success(let id): results.append(RuleResult(.idPresent, .passed, "webhook-id \(Self.printable(id))"))
        case .failure(let rejection): results.append(RuleResult(.idPresent, .failed, rejection.description))
        }
        results.append(uniqueness(id: id, body: delivery.body, earlier: earlier))

        let timestampText = try? Self.single(headers, WebhookHeader.timestamp).get()
        var timestamp: Int64?
        if scheme == .jwt {
            results.append(RuleResult(.timestampCanonical, .skipped, "jwt deliveries carry their time in the token"))
        } else if let timestampText {
            switch TimestampPolicy.strict.parse(timestampText) {
            case .success(let parsed):
                timestamp = parsed.seconds
                results.append(RuleResult(.timestampCanonical, .passed, timestampText))
            case .failure(let rejection):
                results.append(RuleResult(.timestampCanonical, .failed, "\(Self.printable(timestampText)): \(rejection)"))
            }
        } else {
            results.append(RuleResult(.timestampCanonical, .failed, "no single webhook-timestamp header"))
        }

        results.append(contentsOf: signatureResults(scheme: scheme, header: signatureHeader, headers: headers, body: delivery.body, now: Int64(delivery.receivedAt)))

        if let timestamp {
            let difference = Int64(delivery.receivedAt.rounded(.down)) - timestamp
            results.append(abs(difference) <= toleranceSeconds
                ? RuleResult(.timestampFresh, .passed, "\(difference) s behind the local clock")
                : RuleResult(.timestampFresh, .failed, "\(difference) s behind the local clock; tolerance \(toleranceSeconds) s"))
        } else if scheme == .jwt {
            results.append(RuleResult(.timestampFresh, .skipped, "checked as the token's iat and exp"))
        } else {
            results.append(RuleResult(.timestampFresh, .skipped, "no canonical timestamp to judge"))
        }

        results.append(envelope.isAccepted
            ? RuleResult(.envelope, .passed, envelope.description)
            : RuleResult(.envelope, .failed, envelope.description))
        results.append(retry(id: id, delivery: delivery, previous: previous, signature: signatureHeader, timestamp: timestampText, earlier: earlier))

        return InspectedDelivery(
            delivery: delivery, scheme: scheme, id: id, eventType: envelope.type, attempt: attempt,
            delaySeconds: previous.map { delivery.receivedAt - $0.delivery.receivedAt },
            status: status(envelope.type, attempt), results: results)
    }

    // MARK: - Rules

    private static func contentType(_ headers: HeaderFields) -> RuleResult {
        let values = headers.values(for: "content-type")
        guard values.count == 1 else { return RuleResult(.contentType, .failed, "\(values.count) content-type headers") }
        let mediaType = values[0].split(separator: ";", maxSplits: 1).first.map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() } ?? ""
        return mediaType == "application/json"
            ? RuleResult(.contentType, .passed, printable(values[0]))
            : RuleResult(.contentType, .failed, printable(values[0]))
    }

    private func uniqueness(id: String?, body: [UInt8], earlier: [InspectedDelivery]) -> RuleResult {
        guard let id else { return RuleResult(.idUnique, .skipped, "no webhook-id") }
        if earlier.contains(where: { $0.id == id && $0.delivery.body != body }) {
            return RuleResult(.idUnique, .failed, "webhook-id \(Self.printable(id)) was used before for a different body")
        }
        return RuleResult(.idUnique, .passed, "no other body under this webhook-id")
    }

    private func signatureResults(scheme: DetectedScheme, header: String?, headers: HeaderFields, body: [UInt8], now: Int64) -> [RuleResult] {
        guard let header else {
            return [
                RuleResult(.signatureCanonical, .failed, "no single webhook-signature header"),
                RuleResult(.signatureValid, .failed, "no single webhook-signature header"),
                RuleResult(.everyLiveKey, .skipped, "no signature"),
            ]
        }
        if scheme == .jwt { return tokenResults(token: header, body: body, now: now) }
        var results: [RuleResult] = []
        let entries: [SignatureEntry]?
        switch SignatureList.parse(header, leniency: []) {
        case .success(let parsed):
            entries = parsed
            results.append(RuleResult(.signatureCanonical, .passed, "\(parsed.count) entr\(parsed.count == 1 ? "y" : "ies")"))
        case .failure(let rejection):
            entries = nil
            results.append(RuleResult(.signatureCanonical, .failed, rejection.description))
        }
        guard !secrets.isEmpty || !publicKeys.isEmpty else {
            results.append(RuleResult(.signatureValid, .skipped, "no secret or public key configured"))
            results.append(RuleResult(.everyLiveKey, .skipped, "no secret or public key configured"))
            return results
        }
        let verifier = StandardWebhookVerifier(secrets: secrets, publicKeys: publicKeys, policy: Self.unboundedTimestamps)
        switch verifier.verify(headers: headers, body: body, now: now) {
        case .success(let verified):
            results.append(RuleResult(.signatureValid, .passed, "\(verified.version.rawValue) entry \(verified.entryIndex + 1) matched key \(verified.keyIndex + 1)"))
        case .failure(let rejection):
            results.append(RuleResult(.signatureValid, .failed, "\(rejection.code.rawValue): \(rejection)"))
        }
        results.append(everyLiveKey(entries: entries, header: header, headers: headers, body: body, now: now))
        return results
    }

    /// Each configured key verifies on its own, and each entry is verified by some configured key.
    private func everyLiveKey(entries: [SignatureEntry]?, header: String, headers: HeaderFields, body: [UInt8], now: Int64) -> RuleResult {
        guard let entries else { return RuleResult(.everyLiveKey, .skipped, "the entries could not be read") }
        func verifies(_ verifier: StandardWebhookVerifier, _ headers: HeaderFields) -> Bool {
            if case .success = verifier.verify(headers: headers, body: body, now: now) { return true }
            return false
        }
        var problems: [String] = []
        for index in secrets.indices where !verifies(StandardWebhookVerifier(secrets: [secrets[index]], policy: Self.unboundedTimestamps), headers) {
            problems.append("secret \(index + 1) of \(secrets.count) has no entry")
        }
        for index in publicKeys.indices where !verifies(StandardWebhookVerifier(publicKeys: [publicKeys[index]], policy: Self.unboundedTimestamps), headers) {
            problems.append("public key \(index + 1) of \(publicKeys.count) has no entry")
        }
        let all = StandardWebhookVerifier(secrets: secrets, publicKeys: publicKeys, policy: Self.unboundedTimestamps)
        let raw = header.split(separator: " ")
        if raw.count == entries.count {
            for (index, entry) in raw.enumerated() where !verifies(all, Self.replacing(WebhookHeader.signature, with: String(entry), in: headers)) {
                problems.append("entry \(index + 1) (\(entries[index].version)) matches no configured key")
            }
        }
        return problems.isEmpty
            ? RuleResult(.everyLiveKey, .passed, "\(entries.count) entr\(entries.count == 1 ? "y" : "ies") for \(secrets.count + publicKeys.count) key(s)")
            : RuleResult(.everyLiveKey, .failed, problems.joined(separator: "; "))
    }

    private func tokenResults(token: String, body: [UInt8], now: Int64) -> [RuleResult] {
        var results: [RuleResult] = []
        do {
            _ = try CompactJWS(parsing: token)
            results.append(RuleResult(.signatureCanonical, .passed, "compact JWS"))
        } catch {
            results.append(RuleResult(.signatureCanonical, .failed, error.description))
        }
        if let tokenVerifier {
            switch tokenVerifier.verify(token: token, body: body, now: now) {
            case .success(let verified): results.append(RuleResult(.signatureValid, .passed, "RS256 token, kid \(Self.printable(verified.keyID))"))
            case .failure(let rejection): results.append(RuleResult(.signatureValid, .failed, "\(rejection.code.rawValue): \(rejection)"))
            }
        } else {
            results.append(RuleResult(.signatureValid, .skipped, "no JWKS and audience configured for jwt"))
        }
        results.append(RuleResult(.everyLiveKey, .skipped, "a jwt carries one signature by design"))
        return results
    }

    private func retry(id: String?, delivery: ReceivedDelivery, previous: InspectedDelivery?, signature: String?, timestamp: String?, earlier: [InspectedDelivery]) -> RuleResult {
        guard let previous else {
            // The same body after a failed answer, under another id: a retry that changed its id.
            if let resent = earlier.last(where: { $0.delivery.body == delivery.body && !(200...299).contains($0.status) && $0.id != id }) {
                return RuleResult(.retry, .failed, "the body of delivery \(resent.delivery.index) (answered \(resent.status)) came again under a different webhook-id")
            }
            return RuleResult(.retry, .skipped, "first attempt of this webhook-id")
        }
        let delay = DecimalSeconds.text(delivery.receivedAt - previous.delivery.receivedAt)
        var problems: [String] = []
        if previous.delivery.body != delivery.body { problems.append("the body changed") }
        let previousSignature = (try? previous.delivery.headers.singleValue(for: WebhookHeader.signature).get()) ?? nil
        let previousTimestamp = (try? previous.delivery.headers.singleValue(for: WebhookHeader.timestamp).get()) ?? nil
        if previous.scheme != .jwt {
            if let timestamp, let previousTimestamp, let now = Int64(timestamp), let before = Int64(previousTimestamp) {
                if now < before { problems.append("the timestamp went back from \(before) to \(now)") }
                // A retry within the same second may keep its second; a later one must not.
                if now == before, delivery.receivedAt - previous.delivery.receivedAt >= 2 { problems.append("the timestamp \(now) of attempt \(previous.attempt) was reused") }
                if now != before, signature == previousSignature { problems.append("the signature was not recomputed") }
            }
        } else if signature == previousSignature, delivery.receivedAt - previous.delivery.receivedAt >= 2 {
            problems.append("the token of attempt \(previous.attempt) was reused")
        }
        let summary = "attempt \(previous.attempt + 1) after \(delay) s (previous answered \(previous.status))"
        return problems.isEmpty
            ? RuleResult(.retry, .passed, summary)
            : RuleResult(.retry, .failed, summary + ": " + problems.joined(separator: "; "))
    }

    // MARK: - Helpers

    private static func single(_ headers: HeaderFields, _ name: String) -> Result<String, Rejection> {
        switch headers.singleValue(for: name) {
        case .failure(let rejection): return .failure(rejection)
        case .success(nil): return .failure(.headerMissing(name))
        case .success(let value?): return value.isEmpty ? .failure(.headerEmpty(name)) : .success(value)
        }
    }

    private static func replacing(_ name: String, with value: String, in headers: HeaderFields) -> HeaderFields {
        HeaderFields(headers.fields.map { $0.name.lowercased() == name ? (name: $0.name, value: value) : $0 })
    }

    /// Sender-controlled text for one report line: printable ASCII, bounded.
    static func printable(_ text: String) -> String {
        TerminalText.asciiEscaped(text, maximumLength: 120)
    }
}
