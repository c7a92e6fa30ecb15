import HookSpecCore
import HookSpecReport

/// The catalog harness's verdicts, one per event type and one per recorded envelope, built from
/// inputs the caller read (SPEC §5, §9.7): no I/O here, so the same checks serve Swift Testing
/// and the JUnit file `reports/harness-catalog.xml`.
public struct CatalogConformance: Sendable {
    /// What the independent schema oracle (Python `jsonschema`) said, by envelope name, or why it could not run.
    public typealias OracleAnswers = Result<[String: CatalogExpectation], OracleUnavailable>

    /// Why the oracle gave no answers; reported as a failure, never as a pass.
    public struct OracleUnavailable: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is missing and how to install it.
        public let reason: String
        /// Unavailable for `reason`.
        public init(_ reason: String) { self.reason = reason }
        /// The reason, with its fix.
        public var description: String { reason }
    }

    /// The catalog checked.
    public let catalog: EventCatalog
    /// Every recorded envelope, run through the core.
    public let checks: [RecordedEnvelopeCheck]
    /// Committed schema texts by file name (nil: the file is missing).
    public let committedSchemas: [String: String?]
    /// The oracle's answers.
    public let oracle: OracleAnswers

    /// Runs every envelope through the core now; the failure lists are computed on demand.
    public init(catalog: EventCatalog, envelopes: [RecordedEnvelope], committedSchemas: [String: String?], oracle: OracleAnswers) {
        self.catalog = catalog
        self.checks = envelopes.map { RecordedEnvelopeCheck($0, catalog: catalog) }
        self.committedSchemas = committedSchemas
        self.oracle = oracle
    }

    /// The envelopes that belong to `type`: expected or found to be of it.
    public func checks(for type: String) -> [RecordedEnvelopeCheck] {
        checks.filter { $0.envelope.expected.catalog.type == type || $0.catalog.type == type }
    }

    /// Everything wrong with one event type: its schema drifted from the catalog, a variant has
    /// no accepted recorded envelope, or one of its envelopes disagrees with the core or the oracle.
    public func failures(forType type: String) -> [String] {
        guard let event = catalog.event(type) else { return ["\(type) is not in the catalog"] }
        var failures: [String] = []
        let fileName = CatalogSchemaGenerator.fileName(for: type)
        do {
            let generated = JSONTextWriter.document(try CatalogSchemaGenerator.schema(for: event, in: catalog))
            switch committedSchemas[fileName] {
            case nil, .some(nil): failures.append("schema \(fileName) is not committed; run `hookspec catalog --write`")
            case .some(.some(let committed)) where committed != generated:
                failures.append("schema \(fileName) differs from what the catalog generates; run `hookspec catalog --write`")
            default: break
            }
        } catch {
            failures.append("schema \(fileName) cannot be generated: \(error)")
        }
        let own = checks(for: type)
        for variant in event.variants {
            let covered = own.contains { check in
                check.envelope.expected.catalog.variant == variant.name && check.envelope.expected.catalog.outcome == (event.aliasOf == nil ? .valid : .alias)
            }
            if !covered { failures.append("no recorded envelope is an accepted \(type) of variant \(variant.name)") }
        }
        for check in own {
            failures += self.failures(forEnvelope: check).map { check.envelope.name + ": " + $0 }
        }
        return failures
    }

    /// Everything wrong with one recorded envelope: verification or catalog result differ from
    /// the file, or the oracle disagrees with the Swift validator.
    public func failures(forEnvelope check: RecordedEnvelopeCheck) -> [String] {
        var failures = check.mismatches
        switch oracle {
        case .failure(let unavailable):
            failures.append("schema oracle unavailable: \(unavailable)")
        case .success(let answers):
            if let answer = answers[check.envelope.name] {
                if !Self.sameVerdict(answer, check.catalog) {
                    failures.append("schema oracle (jsonschema) says \(answer), the Swift validator \(check.catalog)")
                }
            } else {
                failures.append("schema oracle gave no answer for \(check.envelope.name)")
            }
        }
        return failures
    }

    /// Oracle and validator agree: same outcome, type, variant, user_metadata, and the same problems in any order.
    public static func sameVerdict(_ lhs: CatalogExpectation, _ rhs: CatalogExpectation) -> Bool {
        var left = lhs, right = rhs
        left.problems.sort()
        right.problems.sort()
        return left == right
    }

    /// The JUnit model: suite `catalog.types` (a case per type, named after it) and suite
    /// `catalog.envelopes` (a case per recorded envelope, named after it).
    public func report(timestamp: String) -> TestReport {
        let typeCases = catalog.events.map { event in
            let (failures, seconds) = Self.timed { self.failures(forType: event.type) }
            return ReportCase(
                id: event.type, title: "", className: "catalog.types",
                outcome: Self.outcome(failures, summary: "\(event.type): \(failures.count) problem(s)"),
                durationSeconds: seconds,
                properties: [
                    ReportProperty("status", event.aliasOf.map { "alias of \($0)" } ?? event.status.rawValue),
                    ReportProperty("variants", event.variants.map(\.name).joined(separator: ", ")),
                    ReportProperty("recorded_envelopes", checks(for: event.type).map(\.envelope.name).joined(separator: ", ")),
                    ReportProperty("reference", "SPEC §5"),
                ])
        }
        let envelopeCases = checks.map { check in
            let (failures, seconds) = Self.timed { self.failures(forEnvelope: check) }
            return ReportCase(
                id: check.envelope.name, title: "", className: "catalog.envelopes",
                outcome: Self.outcome(failures, summary: "\(check.envelope.name): \(failures.count) problem(s)"),
                durationSeconds: seconds,
                properties: [
                    ReportProperty("expected_verification", check.envelope.expected.verification),
                    ReportProperty("verification", check.verification),
                    ReportProperty("expected_catalog", check.envelope.expected.catalog.description),
                    ReportProperty("catalog", check.catalog.description),
                    ReportProperty("source", check.envelope.source),
                ],
                systemOut: check.envelope.description)
        }
        let oracleState: String
        switch oracle {
        case .success(let answers): oracleState = "jsonschema, \(answers.count) answers"
        case .failure(let unavailable): oracleState = "unavailable: \(unavailable)"
        }
        return TestReport(
            name: "harness-catalog",
            suites: [
                ReportSuite(name: "catalog.types", cases: typeCases),
                ReportSuite(name: "catalog.envelopes", cases: envelopeCases),
            ],
            properties: [
                ReportProperty("catalog.version", catalog.version),
                ReportProperty("catalog.envelope_version", catalog.envelopeVersion),
                ReportProperty("schema_oracle", oracleState),
            ],
            timestamp: timestamp)
    }

    // The core checks ran in init; this times the comparison for JUnit's `time`, nothing more.
    private static func timed(_ body: () -> [String]) -> ([String], Double) {
        let clock = ContinuousClock()
        var result: [String] = []
        let elapsed = clock.measure { result = body() }
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private static func outcome(_ failures: [String], summary: String) -> ReportOutcome {
        failures.isEmpty ? .passed : .failed(message: failures.count == 1 ? failures[0] : summary, detail: failures.joined(separator: "\n"))
    }
}
