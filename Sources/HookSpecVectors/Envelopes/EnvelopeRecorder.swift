import HookSpecCore

/// Records a delivery signed by hookspec's own signer as a `RecordedEnvelope`
/// (`hookspec sign --record`).
///
/// The expectations are the caller's, never copied from the core: the recorder runs the core
/// and refuses to write a file the core disagrees with, so a recorded file states a judgement
/// that the core was checked against, and later drift in either shows up in the harness.
public enum EnvelopeRecorder {
    /// What to record.
    public struct Request: Sendable {
        /// Vector name, also its file name without `.json`.
        public var name: String
        /// What the envelope exercises.
        public var description: String
        /// Provenance of the body.
        public var source: String
        /// The `webhook-id` to sign.
        public var id: String
        /// The `webhook-timestamp` to sign, Unix seconds.
        public var timestamp: Int64
        /// The clock the delivery is recorded at.
        public var now: Int64
        /// The body that is signed.
        public var signedBody: [UInt8]
        /// The body recorded as delivered; differs from `signedBody` only to record a receiver-side
        /// change after signing (re-serialised JSON).
        public var deliveredBody: [UInt8]
        /// `v1` secrets: one entry each.
        public var secrets: [WebhookSecret]
        /// `v1a` signing keys: one entry each; their public keys go into the file.
        public var signingKeys: [Ed25519SigningKey]
        /// The caller's expectations.
        public var expected: RecordedExpectation

        /// A request; `deliveredBody` defaults to the signed body.
        public init(
            name: String, description: String, source: String, id: String, timestamp: Int64, now: Int64,
            signedBody: [UInt8], deliveredBody: [UInt8]? = nil, secrets: [WebhookSecret], signingKeys: [Ed25519SigningKey],
            expected: RecordedExpectation
        ) {
            self.name = name
            self.description = description
            self.source = source
            self.id = id
            self.timestamp = timestamp
            self.now = now
            self.signedBody = signedBody
            self.deliveredBody = deliveredBody ?? signedBody
            self.secrets = secrets
            self.signingKeys = signingKeys
            self.expected = expected
        }
    }

    /// Why a recording was refused.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The name is not 1-80 characters of `a-z 0-9 . _ -` (it becomes a file name).
        case nameInvalid(String)
        /// Neither a secret nor a signing key was given.
        case noKeys
        /// The core disagrees with the expectations given; nothing is written.
        case disagreement([String])

        /// The reason, with the disagreements one per line.
        public var description: String {
            switch self {
            case .nameInvalid(let name): "record name \(name) must be 1-80 characters of a-z 0-9 . _ -"
            case .noKeys: "recording needs at least one secret or signing key"
            case .disagreement(let lines): "the core disagrees with the expectations given:\n  " + lines.joined(separator: "\n  ")
            }
        }
    }

    /// Signs and checks; returns the envelope to write.
    public static func record(_ request: Request, catalog: EventCatalog) throws(Failure) -> RecordedEnvelope {
        guard (1...80).contains(request.name.count),
            request.name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) })
        else { throw .nameInvalid(request.name) }
        guard !request.secrets.isEmpty || !request.signingKeys.isEmpty else { throw .noKeys }
        let headers = StandardWebhookSigner.headers(
            id: request.id, timestamp: request.timestamp, body: request.signedBody,
            secrets: request.secrets, signingKeys: request.signingKeys)
        let envelope = RecordedEnvelope(
            name: request.name, description: request.description, source: request.source, now: request.now,
            headers: headers, body: request.deliveredBody,
            secrets: request.secrets.map { $0.exportedText() },
            publicKeys: request.signingKeys.map { $0.publicKey.exportedText },
            expected: request.expected)
        let check = RecordedEnvelopeCheck(envelope, catalog: catalog)
        guard check.agrees else { throw .disagreement(check.mismatches) }
        return envelope
    }
}
