import HookSpecCore
import HookSpecReport
import HookSpecVectors

/// Writes each received delivery as a recorded-envelope vector (`vectors/envelopes/` format) and
/// as the `.headers` / `.body` pair `hookspec verify` reads.
///
/// `whsec_` secrets are never written: the file's `secrets` stay empty and a replay passes the
/// secret again (`hookspec verify --secret`); `whpk_` public keys are written, they are public.
public struct DeliveryRecording: Sendable {
    /// Directory the files go to.
    public let directory: String
    /// Public keys written into each envelope.
    public let publicKeys: [Ed25519PublicKey]
    /// The catalog the expectation is taken from.
    public let catalog: EventCatalog

    /// A recording into `directory`.
    public init(directory: String, publicKeys: [Ed25519PublicKey], catalog: EventCatalog) {
        self.directory = directory
        self.publicKeys = publicKeys
        self.catalog = catalog
    }

    /// The base name of a delivery's files (`delivery-007`).
    public static func name(of delivery: ReceivedDelivery) -> String {
        let number = String(delivery.index)
        return "delivery-" + String(repeating: "0", count: max(0, 3 - number.count)) + number
    }

    /// The envelope recorded for `inspected`: `now` is the arrival second; `verification` is what
    /// the strict core said with the listener's keys (`valid` or the rejection code).
    public func envelope(for inspected: InspectedDelivery) -> RecordedEnvelope {
        let delivery = inspected.delivery
        let signature = inspected.results.first { $0.rule == .signatureValid }
        let verification: String = switch signature?.verdict {
        case .passed: "valid"
        case .failed: String(signature?.detail.prefix { $0 != ":" } ?? "unverified")
        default: "unverified"
        }
        return RecordedEnvelope(
            name: Self.name(of: delivery),
            description: "delivery \(delivery.index) received by hookspec listen (\(inspected.scheme.rawValue), attempt \(inspected.attempt), answered \(inspected.status))",
            source: "hookspec listen", now: Int64(delivery.receivedAt.rounded(.down)),
            headers: delivery.headers, body: delivery.body, secrets: [],
            publicKeys: publicKeys.map(\.exportedText),
            expected: RecordedExpectation(
                verification: verification,
                catalog: CatalogExpectation(EnvelopeValidator(catalog: catalog).validate(body: delivery.body))))
    }

    /// Writes `NAME.json`, `NAME.headers` and `NAME.body`.
    public func write(_ inspected: InspectedDelivery) throws(ListenError) {
        let name = Self.name(of: inspected.delivery)
        let headerBlock = inspected.delivery.headers.fields.map { "\($0.name): \($0.value)\n" }.joined()
        do {
            try ReportFile.write(envelope(for: inspected).jsonText(), to: "\(directory)/\(name).json")
            try ReportFile.write(headerBlock, to: "\(directory)/\(name).headers")
            try ReportFile.write(bytes: inspected.delivery.body, to: "\(directory)/\(name).body")
        } catch {
            throw .recordingFailed(error.description)
        }
    }
}
