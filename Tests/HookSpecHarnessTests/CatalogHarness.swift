import Foundation
import HookSpecCore
import HookSpecVectors
import Testing
import TestTools

/// Inputs of the catalog harness, read from the package (test-side I/O only).
enum CatalogHarness {
    static let catalogDirectory = HarnessPaths.packageRoot.appendingPathComponent("vectors/catalog")
    static let catalogFile = catalogDirectory.appendingPathComponent("events.json")
    static let schemasDirectory = catalogDirectory.appendingPathComponent(CatalogSchemaGenerator.directory)
    static let envelopesDirectory = HarnessPaths.packageRoot.appendingPathComponent("vectors/envelopes")
    static let reportPath = HarnessPaths.packageRoot.appendingPathComponent("reports/harness-catalog.xml").path

    static func catalogBytes() throws -> [UInt8] {
        Array(try Data(contentsOf: catalogFile))
    }

    /// The catalog from `events.json`, the source of truth (not the compiled-in copy).
    static func catalog() throws -> EventCatalog {
        try EventCatalog(json: catalogBytes())
    }

    /// Every recorded envelope, in file-name order; an unreadable file fails the run loudly.
    static func envelopes() throws -> [RecordedEnvelope] {
        let names = try FileManager.default.contentsOfDirectory(atPath: envelopesDirectory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let bytes = Array(try Data(contentsOf: envelopesDirectory.appendingPathComponent(name)))
            do {
                return try RecordedEnvelope(json: bytes)
            } catch {
                throw HarnessFailure("\(name): \(error)")
            }
        }
    }

    /// The committed text of every schema file the catalog generates or the folder holds.
    static func committedSchemas(for catalog: EventCatalog) throws -> [String: String?] {
        var names = Set(try CatalogSchemaGenerator.files(for: catalog).map { ($0.relativePath as NSString).lastPathComponent })
        names.formUnion(((try? FileManager.default.contentsOfDirectory(atPath: schemasDirectory.path)) ?? []).filter { $0.hasSuffix(".schema.json") })
        var texts: [String: String?] = [:]
        for name in names {
            texts[name] = try? String(contentsOf: schemasDirectory.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }

    /// The oracle's answers for the recorded envelopes, computed once per test run.
    static var oracleAnswers: CatalogConformance.OracleAnswers {
        get async { await sharedOracleAnswers.value }
    }

    /// The checks over the committed files, built once per run and shared by every case.
    static func conformance() async throws -> CatalogConformance {
        try await sharedConformance.value.get()
    }

    // Tasks, not values computed in place: the oracle waits seconds for python3, and every case
    // reading a `static let` while its first reader computes it blocks a cooperative thread (all of
    // them: 62 parameterized cases, 2 threads on CI), which stalled other suites' servers for over 10 s.
    private static let sharedOracleAnswers = Task { () -> CatalogConformance.OracleAnswers in
        let bodies: [(name: String, body: [UInt8])]
        do {
            bodies = try envelopes().map { ($0.name, $0.body) }
        } catch {
            return .failure(.init("recorded envelopes unreadable: \(error)"))
        }
        let directory = schemasDirectory
        return await offCooperativePool { SchemaOracle.run(bodies, schemasDirectory: directory) }
    }

    private static let sharedConformance = Task { () -> Result<CatalogConformance, any Error> in
        let oracle = await oracleAnswers
        return await offCooperativePool {
            Result {
                let parsed = try CatalogHarness.catalog()
                return CatalogConformance(
                    catalog: parsed, envelopes: try envelopes(), committedSchemas: try committedSchemas(for: parsed), oracle: oracle)
            }
        }
    }

    static func typeCases() throws -> [EventTypeCase] {
        try catalog().events.map { EventTypeCase(type: $0.type) }
    }

    static func envelopeCases() throws -> [RecordedEnvelopeCase] {
        try envelopes().map { RecordedEnvelopeCase(name: $0.name) }
    }
}

/// One catalog event type as a test argument, shown by its name.
struct EventTypeCase: Sendable, CustomTestStringConvertible {
    let type: String
    var testDescription: String { type }
}

/// One recorded envelope as a test argument, shown by its name.
struct RecordedEnvelopeCase: Sendable, CustomTestStringConvertible {
    let name: String
    var testDescription: String { name }
}

/// A harness input problem, with its message.
struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
