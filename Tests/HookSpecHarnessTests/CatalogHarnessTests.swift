import Foundation
import HookSpecCore
import HookSpecReport
import HookSpecVectors
import SurefireSchemaValidation
import Testing

/// The event catalog against its generated schemas and recorded envelopes (SPEC §5, §8).
@Suite struct CatalogHarnessTests {
    /// One case per catalog type: its committed schema is what the catalog generates, each variant
    /// has an accepted recorded envelope, and each of its envelopes agrees with the core and the oracle.
    @Test(arguments: try CatalogHarness.typeCases())
    func eventType(_ testCase: EventTypeCase) async throws {
        let failures = try await CatalogHarness.conformance().failures(forType: testCase.type)
        #expect(failures.isEmpty, "\(testCase.type):\n\(failures.joined(separator: "\n"))")
    }

    /// One case per recorded envelope: verification at its `now` and the catalog result are what the file says.
    @Test(arguments: try CatalogHarness.envelopeCases())
    func recordedEnvelope(_ testCase: RecordedEnvelopeCase) async throws {
        let conformance = try await CatalogHarness.conformance()
        let check = try #require(conformance.checks.first { $0.envelope.name == testCase.name })
        let failures = conformance.failures(forEnvelope: check)
        #expect(failures.isEmpty, "\(testCase.name):\n\(failures.joined(separator: "\n"))")
    }

    /// The data file holds exactly SPEC §5's table, written out here independently of it.
    @Test func catalogIsSPECSection5() throws {
        let catalog = try CatalogHarness.catalog()
        let expected: [(type: String, status: EventStatus, variants: [[String]])] = [
            ("batch.succeeded", .current, [["id", "output_file_uri"]]),
            ("batch.cancelled", .guideOnly, [["id"]]),
            ("batch.expired", .current, [["id"]]),
            ("batch.failed", .current, [["id", "error_code", "error_message"]]),
            ("interaction.requires_action", .current, [["id"]]),
            ("interaction.completed", .current, [["id"]]),
            ("interaction.failed", .current, [["id", "error_code", "error_message"]]),
            ("interaction.cancelled", .guideOnly, [["id"]]),
            ("video.generated", .current, [["id", "output_file_uri", "file_name"], ["id", "file_id", "video_uri"]]),
            ("batch.completed", .alias, [["id", "output_file_uri"]]),
        ]
        #expect(catalog.events.map(\.type) == expected.map(\.type))
        for row in expected {
            let event = try #require(catalog.event(row.type))
            #expect(event.status == row.status, "\(row.type)")
            #expect(event.variants.map { $0.members.map(\.name) } == row.variants, "\(row.type)")
            #expect(event.variants.allSatisfy { $0.members.first { $0.name == "id" }?.nonEmpty == true }, "\(row.type): id must be non-empty")
        }
        #expect(catalog.event("batch.completed")?.aliasOf == "batch.succeeded")
        #expect(catalog.event("video.generated")?.variants.map(\.name) == ["guide", "launch-text"])
        #expect(catalog.envelopeVersion == "v1")
        // The SDKs list the guide's nine minus the two cancellations (SPEC §2).
        let sdk = catalog.events.filter { $0.sources.contains("sdk") }.map(\.type)
        #expect(Set(sdk) == ["batch.succeeded", "batch.expired", "batch.failed", "interaction.requires_action",
                             "interaction.completed", "interaction.failed", "video.generated"])
    }

    /// `hookspec catalog --write` output is committed: schemas byte-identical, none stale, and the
    /// compiled-in copy identical to events.json.
    @Test func generatedFilesAreCommitted() throws {
        let bytes = try CatalogHarness.catalogBytes()
        let catalog = try EventCatalog(json: bytes)
        let files = try CatalogSchemaGenerator.files(for: catalog)
        #expect(files.count == catalog.events.count + 1)
        for file in files {
            let committed = try? String(contentsOf: CatalogHarness.catalogDirectory.appendingPathComponent(file.relativePath), encoding: .utf8)
            #expect(committed == file.text, "\(file.relativePath) differs from the generator: run `swift run hookspec catalog --write`")
        }
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: CatalogHarness.schemasDirectory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(onDisk) == Set(files.map { ($0.relativePath as NSString).lastPathComponent }), "stale or missing schema files")

        let source = try String(contentsOf: HarnessPaths.packageRoot.appendingPathComponent(BundledCatalogSource.packagePath), encoding: .utf8)
        #expect(source == (try BundledCatalogSource.source(forCatalogJSON: bytes)), "compiled-in catalog source is stale: run `swift run hookspec catalog --write`")
        #expect(Array(EventCatalog.bundledJSON.utf8) == bytes, "the catalog compiled into this build is not events.json")
        #expect(try EventCatalog.bundled() == catalog)
    }

    /// The recorded envelopes cover the cases SPEC §5 and §9.4 name (both documents' examples, the alias, an unknown type, user_metadata in both places, unusual but valid JSON), and every outcome and problem code.
    @Test func recordedEnvelopesCoverTheCatalogAndTheCodes() throws {
        let envelopes = try CatalogHarness.envelopes()
        let names = Set(envelopes.map(\.name))
        for name in ["guide-example", "launch-text-example", "batch-completed-alias", "unknown-type", "extra-members",
                     "missing-output-file-uri", "wrong-type-id-number", "timestamp-space-separator",
                     "user-metadata-top-level", "user-metadata-in-data", "unusual-key-order", "unusual-whitespace",
                     "unusual-unicode-escapes"] {
            #expect(names.contains(name), "no recorded envelope \(name)")
        }
        #expect(Set(envelopes.map(\.expected.catalog.outcome)) == Set(EnvelopeCode.allCases))
        let problemCodes = Set(envelopes.flatMap(\.expected.catalog.problems).compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(problemCodes == Set(EnvelopeProblemCode.allCases.map(\.rawValue)))
        let signatures = envelopes.flatMap { $0.headers.values(for: WebhookHeader.signature) }
        let v1a = signatures.filter { $0.hasPrefix("v1a,") }.count
        #expect(v1a >= 5 && signatures.count - v1a >= 5, "both schemes must be represented")
        #expect(envelopes.contains { $0.expected.verification != "valid" }, "one envelope must fail verification")
        // The documents' own examples are recorded byte for byte.
        let guide = try #require(envelopes.first { $0.name == "guide-example" })
        #expect(String(decoding: guide.body, as: UTF8.self).contains("\"output_file_uri\": \"gs://my-bucket/results.jsonl\"\n  }\n}"))
        let launch = try #require(envelopes.first { $0.name == "launch-text-example" })
        #expect(String(decoding: launch.body, as: UTF8.self).contains("\"error_count\": 0"))
    }

    /// A recorded file re-encodes to the same bytes, so recording is deterministic and lossless.
    @Test func recordedEnvelopeFilesRoundTrip() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: CatalogHarness.envelopesDirectory.path).filter { $0.hasSuffix(".json") }
        // An empty folder would make the loop below pass without checking anything.
        #expect(names.count == (try CatalogHarness.envelopes()).count && names.count >= 13)
        for name in names {
            let text = try String(contentsOf: CatalogHarness.envelopesDirectory.appendingPathComponent(name), encoding: .utf8)
            let envelope = try RecordedEnvelope(json: Array(text.utf8))
            #expect(envelope.jsonText() == text, "\(name) does not round-trip")
            #expect(envelope.name + ".json" == name)
        }
    }

    /// Writes `reports/harness-catalog.xml` (one testcase per type, named after it, and one per
    /// envelope), validates it against the Surefire schema, and shows that drift fails the right cases.
    @Test func writesCatalogJUnit() async throws {
        let conformance = try await CatalogHarness.conformance()
        let report = conformance.report(timestamp: Date().ISO8601Format())
        try JUnitWriter().write(report, to: CatalogHarness.reportPath)

        let xml = try String(contentsOfFile: CatalogHarness.reportPath, encoding: .utf8)
        let types = conformance.catalog.events.map(\.type)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == types.count + conformance.checks.count)
        for type in types {
            #expect(xml.contains("<testcase name=\"\(type)\" classname=\"catalog.types\""), "no testcase named \(type)")
        }
        for check in conformance.checks {
            #expect(xml.contains("<testcase name=\"\(check.envelope.name)\" classname=\"catalog.envelopes\""))
        }
        #expect(report.suites.flatMap(\.cases).allSatisfy { $0.outcome == .passed }, "the committed catalog must pass")

        let validator = try SurefireSchemaValidator.make()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-catalog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let problems = try await validator.problems(inJUnit: xml, scratch: scratch)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Drift makes the case of the type concerned fail, and only that one.
    @Test func driftFailsTheTypeConcerned() throws {
        let catalog = try CatalogHarness.catalog()
        var schemas = try CatalogHarness.committedSchemas(for: catalog)
        var envelopes = try CatalogHarness.envelopes()
        let oracle = CatalogConformance.OracleAnswers.success(Dictionary(uniqueKeysWithValues: envelopes.map {
            ($0.name, CatalogExpectation(EnvelopeValidator(catalog: catalog).validate(body: $0.body)))
        }))
        let clean = CatalogConformance(catalog: catalog, envelopes: envelopes, committedSchemas: schemas, oracle: oracle)
        #expect(catalog.events.allSatisfy { clean.failures(forType: $0.type).isEmpty })

        // A hand-edited schema.
        schemas["batch.failed.schema.json"] = .some((schemas["batch.failed.schema.json"] ?? nil).map { $0.replacingOccurrences(of: "\"error_message\"", with: "\"message\"") })
        // A recorded envelope whose body changed after recording.
        let index = try #require(envelopes.firstIndex { $0.name == "video-generated-launch-text" })
        envelopes[index].body = Array(String(decoding: envelopes[index].body, as: UTF8.self).replacingOccurrences(of: "\"video_uri\"", with: "\"uri\"").utf8)
        let drifted = CatalogConformance(catalog: catalog, envelopes: envelopes, committedSchemas: schemas, oracle: oracle)
        let failing = catalog.events.map(\.type).filter { !drifted.failures(forType: $0).isEmpty }
        #expect(failing == ["batch.failed", "video.generated"])
        #expect(drifted.failures(forType: "video.generated").contains { $0.contains("video-generated-launch-text: verification") })
        let report = drifted.report(timestamp: "2026-01-22T12:00:00Z")
        let failedCases = report.suites.flatMap(\.cases).filter { $0.outcome != .passed }.map(\.id)
        #expect(failedCases == ["batch.failed", "video.generated", "video-generated-launch-text"])
    }
}
