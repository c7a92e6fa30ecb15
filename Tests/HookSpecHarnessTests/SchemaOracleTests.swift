import Foundation
import HookSpecCore
import HookSpecVectors
import Testing
import TestTools

/// Python's `jsonschema` over the generated schemas agrees with the Swift validator (SPEC §5: schemas other tools can use).
/// Without python3 or jsonschema these tests fail with the fix in the message; they never pass silently.
@Suite struct SchemaOracleTests {
    @Test func oracleAgreesOnEveryRecordedEnvelope() async throws {
        let conformance = try await CatalogHarness.conformance()
        let answers: [String: CatalogExpectation]
        switch await CatalogHarness.oracleAnswers {
        case .success(let value): answers = value
        case .failure(let unavailable):
            Issue.record("schema oracle unavailable: \(unavailable)")
            return
        }
        #expect(answers.count == conformance.checks.count)
        for check in conformance.checks {
            let answer = try #require(answers[check.envelope.name], "no oracle answer for \(check.envelope.name)")
            #expect(CatalogConformance.sameVerdict(answer, check.catalog), "\(check.envelope.name): jsonschema says \(answer), Swift \(check.catalog)")
        }
    }

    /// Without jsonschema (site-packages hidden with `python3 -S`) the oracle says so, with the fix,
    /// and every envelope case of the catalog harness fails instead of passing.
    @Test func missingJsonschemaIsAFailureWithTheFix() async throws {
        let directory = CatalogHarness.schemasDirectory
        let answer = await offCooperativePool { SchemaOracle.run([("a", Array("{}".utf8))], schemasDirectory: directory, interpreterOptions: ["-S"]) }
        guard case .failure(let unavailable) = answer else {
            Issue.record("python3 -S still imported jsonschema; cannot show the missing-package path here")
            return
        }
        #expect(unavailable.reason.contains("jsonschema is missing"))
        #expect(unavailable.reason.contains("pip install jsonschema"))

        let catalog = try CatalogHarness.catalog()
        let envelopes = try CatalogHarness.envelopes()
        let conformance = CatalogConformance(
            catalog: catalog, envelopes: envelopes, committedSchemas: try CatalogHarness.committedSchemas(for: catalog), oracle: answer)
        #expect(conformance.checks.allSatisfy { !conformance.failures(forEnvelope: $0).isEmpty })
        #expect(catalog.events.allSatisfy { !conformance.failures(forType: $0.type).isEmpty })
        let report = conformance.report(timestamp: "2026-01-22T12:00:00Z")
        #expect(report.properties.contains { $0.name == "schema_oracle" && $0.value.hasPrefix("unavailable") })
    }

    /// Timestamp edge cases: the schemas' RFC 3339 pattern under Python's `re` and the Swift validator agree.
    @Test func oracleAgreesOnTimestampEdgeCases() async throws {
        let catalog = try CatalogHarness.catalog()
        let bodies = TimestampSamples.all.enumerated().map { index, timestamp in
            let body = "{\"type\":\"batch.expired\",\"version\":\"v1\",\"timestamp\":" + JSONValue.quotedText(timestamp) + ",\"data\":{\"id\":\"b\"}}"
            return (name: "timestamp-\(index)", body: Array(body.utf8))
        }
        let answers: [String: CatalogExpectation]
        let directory = CatalogHarness.schemasDirectory
        switch await offCooperativePool({ SchemaOracle.run(bodies, schemasDirectory: directory) }) {
        case .success(let value): answers = value
        case .failure(let unavailable):
            Issue.record("schema oracle unavailable: \(unavailable)")
            return
        }
        let validator = EnvelopeValidator(catalog: catalog)
        for (index, item) in bodies.enumerated() {
            let swift = CatalogExpectation(validator.validate(body: item.body))
            let python = try #require(answers[item.name])
            #expect(CatalogConformance.sameVerdict(python, swift), "\(TimestampSamples.all[index].debugDescription): jsonschema \(python), Swift \(swift)")
        }
    }
}

/// RFC 3339 edge cases, valid and not (the Swift unit tests hold the expected verdicts).
enum TimestampSamples {
    static let all = [
        "2026-01-22T12:00:00Z", "2026-01-22t12:00:00z", "2026-01-22T12:00:00.5+05:30", "2026-01-22T12:00:00-00:00",
        "2016-12-31T23:59:60Z", "2016-12-31T23:59:60+00:00", "2016-12-31T23:59:60.25Z", "2016-12-31T18:59:60-05:00",
        "2026-01-22T23:59:60Z", "2026-01-22T12:59:60Z", "2000-02-29T00:00:00Z", "2004-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z",
        "2026-01-22T24:00:00Z", "2026-01-22T12:60:00Z", "2026-01-22T12:00:61Z", "2026-01-22T12:00:00+24:00",
        "2026-01-22T12:00:00+23:60", "2026-01-22T12:00:00+0100", "2026-01-22T12:00:00", "2026-01-22 12:00:00Z",
        "2026-01-22T12:00Z", "2026-01-22T12:00:00.Z", "2026-01-22T12:00:00,5Z", "26-01-22T12:00:00Z",
        "2026-1-22T12:00:00Z", "+2026-01-22T12:00:00Z", "2026-01-22T12:00:00Z\n", "\n2026-01-22T12:00:00Z",
        " 2026-01-22T12:00:00Z", "2026-01-22T12:00:00ZZ", "２０２６-01-22T12:00:00Z", "2026-01-22T12:00:00\u{0660}Z",
        "2026-01-22T12:00:00UTC", "", "2026-01-22", "12:00:00Z", "2026-W04-4T12:00:00Z", "20260122T120000Z",
    ]
}
