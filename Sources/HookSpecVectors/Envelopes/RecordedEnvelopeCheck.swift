import HookSpecCore

/// A recorded envelope run through the core: `StandardWebhookVerifier` at the recorded `now`
/// and `EnvelopeValidator` on the raw body, compared with what the file expects.
public struct RecordedEnvelopeCheck: Sendable, Hashable {
    /// The envelope checked.
    public let envelope: RecordedEnvelope
    /// `valid` or the rejection code the verifier produced (or `keys_unusable: ...`).
    public let verification: String
    /// The catalog's verdict in comparable form.
    public let catalog: CatalogExpectation
    /// The full catalog result, for messages.
    public let catalogResult: EnvelopeResult

    /// Runs both checks. Keys that do not parse are reported as the verification result.
    public init(_ envelope: RecordedEnvelope, catalog eventCatalog: EventCatalog) {
        self.envelope = envelope
        self.verification = Self.verify(envelope)
        self.catalogResult = EnvelopeValidator(catalog: eventCatalog).validate(body: envelope.body)
        self.catalog = CatalogExpectation(catalogResult)
    }

    /// Whether verification and catalog agree with the file.
    public var agrees: Bool { mismatches.isEmpty }

    /// One line per disagreement, naming expected and actual.
    public var mismatches: [String] {
        var lines: [String] = []
        if verification != envelope.expected.verification {
            lines.append("verification: expected \(envelope.expected.verification), got \(verification)")
        }
        if catalog != envelope.expected.catalog {
            lines.append("catalog: expected \(envelope.expected.catalog), got \(catalog)")
        }
        return lines
    }

    /// The verifier's answer for a recorded envelope under the strict policy.
    public static func verify(_ envelope: RecordedEnvelope) -> String {
        var secrets: [WebhookSecret] = []
        var keys: [Ed25519PublicKey] = []
        do {
            secrets = try envelope.secrets.map { (text) throws(Rejection) in try WebhookSecret(parsing: text) }
            keys = try envelope.publicKeys.map { (text) throws(Rejection) in try Ed25519PublicKey(parsing: text) }
        } catch {
            return "keys_unusable: \(error.code.rawValue)"
        }
        let verifier = StandardWebhookVerifier(secrets: secrets, publicKeys: keys, policy: .strict)
        switch verifier.verify(headers: envelope.headers, body: envelope.body, now: envelope.now) {
        case .success: return "valid"
        case .failure(let rejection): return rejection.code.rawValue
        }
    }
}
