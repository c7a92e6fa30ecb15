import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecVectors

/// `hookspec sign --record FILE`: writes the signed delivery as a recorded envelope vector
/// (`vectors/envelopes/`), with the expectations given on the command line.
struct SignRecordingOptions: ParsableArguments {
    @Option(help: "Write the signed delivery as a recorded envelope file instead of printing headers. The file contains the secret: use test keys only.")
    var record: String?

    @Option(help: "Vector name (default: the file name without .json).")
    var name: String?

    @Option(help: "What the envelope exercises.")
    var description: String = ""

    @Option(help: "Provenance of the body (source document and section).")
    var source: String = "hookspec"

    @Option(parsing: .unconditional, help: "Unix seconds the delivery is recorded at (default: --timestamp).")
    var now: Int64?

    @Option(help: "Record this body as delivered instead of the signed one (a change after signing).")
    var deliveredBody: String?

    @Option(help: "Expected verification result: valid or a rejection code.")
    var expectVerification: String = "valid"

    @Option(help: "Expected catalog outcome: \(EnvelopeCode.allCases.map(\.rawValue).joined(separator: ", ")).")
    var expectCatalog: String?

    @Option(help: "Expected envelope type.")
    var expectType: String?

    @Option(help: "Expected data variant.")
    var expectVariant: String?

    @Option(help: "Expected problem as `code /json/pointer` (repeatable, in the validator's order).")
    var expectProblem: [String] = []

    @Option(help: "Expected user_metadata location as a JSON pointer (repeatable).")
    var expectUserMetadata: [String] = []

    @Option(help: "Catalog file to check against (default: the compiled-in catalog).")
    var catalog: String?
}

extension SignCommand {
    func recordDelivery(body bodyBytes: [UInt8], id: String, timestamp: Int64) throws {
        guard let file = recording.record else { return }
        guard let outcomeText = recording.expectCatalog else { throw UsageFailure("--record needs --expect-catalog") }
        guard let outcome = EnvelopeCode(rawValue: outcomeText) else { throw UsageFailure("unknown catalog outcome \(outcomeText)") }
        let eventCatalog: EventCatalog
        do {
            if let path = recording.catalog {
                eventCatalog = try EventCatalog(json: try CommandInput.readFile(path, what: "catalog"))
            } else {
                eventCatalog = try EventCatalog.bundled()
            }
        } catch let failure as UsageFailure {
            throw failure
        } catch {
            throw UsageFailure("catalog: \(error)")
        }
        var secrets: [WebhookSecret] = []
        var keys: [Ed25519SigningKey] = []
        switch scheme {
        case .v1:
            secrets = try CommandInput.secrets(flags: secret, options: [])
            guard !secrets.isEmpty else { throw UsageFailure("v1 needs --secret or HOOKSPEC_SECRET") }
        case .v1a:
            keys = try signingKeys()
        case .jwt:
            throw UsageFailure("--record supports the v1 and v1a schemes")
        }
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let request = EnvelopeRecorder.Request(
            name: recording.name ?? (fileName.hasSuffix(".json") ? String(fileName.dropLast(5)) : fileName),
            description: recording.description, source: recording.source, id: id, timestamp: timestamp,
            now: recording.now ?? timestamp, signedBody: bodyBytes,
            deliveredBody: try recording.deliveredBody.map { path throws(UsageFailure) in try CommandInput.readFile(path, what: "delivered body") },
            secrets: secrets, signingKeys: keys,
            expected: RecordedExpectation(
                verification: recording.expectVerification,
                catalog: CatalogExpectation(
                    outcome: outcome, type: recording.expectType, variant: recording.expectVariant,
                    problems: recording.expectProblem, userMetadata: recording.expectUserMetadata)))
        let envelope: RecordedEnvelope
        do {
            envelope = try EnvelopeRecorder.record(request, catalog: eventCatalog)
        } catch {
            FileOutput.standardError("hookspec: not recorded: \(error)\n")
            throw ExitCode(1)
        }
        do {
            try Data(envelope.jsonText().utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw UsageFailure("cannot write \(file): \(error.localizedDescription)")
        }
        print("recorded \(envelope.name) (\(scheme.rawValue)): verification \(envelope.expected.verification), catalog \(envelope.expected.catalog)")
    }
}
