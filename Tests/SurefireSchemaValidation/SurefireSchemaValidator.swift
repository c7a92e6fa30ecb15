import Foundation
import TestTools

/// Runs `xmllint` against the Maven Surefire schema (SPEC §9.7), for every test target that
/// writes JUnit; test-side I/O only.
public struct SurefireSchemaValidator: Sendable {
    /// Why validation could not even start.
    public enum Unavailable: Error, CustomStringConvertible {
        /// No `xmllint` executable on `PATH` or in `/usr/bin`.
        case xmllintMissing
        /// The schema file is not where `../shared/schemas` should hold it.
        case schemaMissing(String)

        /// What is missing and how to get it.
        public var description: String {
            switch self {
            case .xmllintMissing:
                "xmllint not found on PATH: install it (apt-get install -y libxml2-utils); CI installs it, so this check fails rather than skips"
            case .schemaMissing(let path): "Surefire schema not found at \(path)"
            }
        }
    }

    /// Result of one xmllint run.
    public struct Outcome: Sendable {
        /// xmllint's exit status; 0 when the document passed.
        public let status: Int32
        /// Standard output and standard error together.
        public let output: String
    }

    /// The xmllint executable used.
    public let xmllint: URL
    /// The Surefire XSD validated against.
    public let schema: URL

    /// The package root, from this file's path (never the current directory).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A validator using the first xmllint on `PATH` and the shared Surefire schema; throws `Unavailable`.
    public static func make() throws -> SurefireSchemaValidator {
        let schema = packageRoot.appendingPathComponent("../shared/schemas/surefire-test-report.xsd").standardizedFileURL
        guard FileManager.default.fileExists(atPath: schema.path) else { throw Unavailable.schemaMissing(schema.path) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent("xmllint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return SurefireSchemaValidator(xmllint: candidate, schema: schema)
            }
        }
        throw Unavailable.xmllintMissing
    }

    /// Runs xmllint with `arguments`, collecting its output (suspending, never blocking a cooperative thread).
    public func run(_ arguments: [String]) async throws -> Outcome {
        let outcome = try await ExternalTool(url: xmllint).run(arguments)
        return Outcome(status: outcome.status, output: outcome.output + outcome.errorOutput)
    }

    /// Checks that the whole file is well-formed XML.
    public func wellFormed(_ file: URL) async throws -> Outcome {
        try await run(["--noout", file.path])
    }

    /// Validates one standalone `testsuite` document against the schema.
    public func validateSuite(_ file: URL) async throws -> Outcome {
        try await run(["--noout", "--schema", schema.path, file.path])
    }

    /// Splits a `testsuites` document into standalone `testsuite` documents.
    public static func suiteDocuments(of xml: String) -> [String] {
        var documents: [String] = []
        var rest = xml[...]
        while let start = rest.range(of: "<testsuite "), let end = rest.range(of: "</testsuite>", range: start.upperBound..<rest.endIndex) {
            documents.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + rest[start.lowerBound..<end.upperBound] + "\n")
            rest = rest[end.upperBound...]
        }
        return documents
    }

    /// Validates every `testsuite` of `xml`; returns the xmllint complaints, empty when all pass.
    public func problems(inJUnit xml: String, scratch: URL) async throws -> [String] {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let whole = scratch.appendingPathComponent("whole.xml")
        try Data(xml.utf8).write(to: whole)
        var problems: [String] = []
        let formed = try await wellFormed(whole)
        if formed.status != 0 { problems.append("not well-formed: \(formed.output)") }
        for (index, document) in Self.suiteDocuments(of: xml).enumerated() {
            let file = scratch.appendingPathComponent("suite-\(index).xml")
            try Data(document.utf8).write(to: file)
            let outcome = try await validateSuite(file)
            if outcome.status != 0 { problems.append("testsuite \(index): \(outcome.output)") }
        }
        return problems
    }
}
