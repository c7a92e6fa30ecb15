import Foundation

/// Runs `xmllint` against the Surefire schema; test-side I/O only (same helper as HookSpecReportTests: test targets cannot share sources).
struct SchemaValidator {
    /// Why validation could not even start.
    enum Unavailable: Error, CustomStringConvertible {
        case xmllintMissing
        case schemaMissing(String)
        var description: String {
            switch self {
            case .xmllintMissing:
                "xmllint not found on PATH: install it (apt-get install -y libxml2-utils); CI installs it, so this check fails rather than skips"
            case .schemaMissing(let path): "Surefire schema not found at \(path)"
            }
        }
    }

    /// Result of one xmllint run.
    struct Outcome {
        let status: Int32
        let output: String
    }

    let xmllint: URL
    let schema: URL

    /// The package root, from this file's path (never the current directory).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func make() throws -> SchemaValidator {
        let schema = packageRoot.appendingPathComponent("../shared/schemas/surefire-test-report.xsd").standardizedFileURL
        guard FileManager.default.fileExists(atPath: schema.path) else { throw Unavailable.schemaMissing(schema.path) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent("xmllint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return SchemaValidator(xmllint: candidate, schema: schema)
            }
        }
        throw Unavailable.xmllintMissing
    }

    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = xmllint
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Checks that the whole file is well-formed XML.
    func wellFormed(_ file: URL) throws -> Outcome {
        try run(["--noout", file.path])
    }

    /// Validates one standalone `testsuite` document against the schema.
    func validateSuite(_ file: URL) throws -> Outcome {
        try run(["--noout", "--schema", schema.path, file.path])
    }

    /// Splits a `testsuites` document into standalone `testsuite` documents.
    static func suiteDocuments(of xml: String) -> [String] {
        var documents: [String] = []
        var rest = xml[...]
        while let start = rest.range(of: "<testsuite "), let end = rest.range(of: "</testsuite>", range: start.upperBound..<rest.endIndex) {
            documents.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + rest[start.lowerBound..<end.upperBound] + "\n")
            rest = rest[end.upperBound...]
        }
        return documents
    }

    /// Validates every `testsuite` of `xml`; returns the xmllint complaints, empty when all pass.
    func problems(inJUnit xml: String, scratch: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let whole = scratch.appendingPathComponent("whole.xml")
        try Data(xml.utf8).write(to: whole)
        var problems: [String] = []
        let formed = try wellFormed(whole)
        if formed.status != 0 { problems.append("not well-formed: \(formed.output)") }
        for (index, document) in Self.suiteDocuments(of: xml).enumerated() {
            let file = scratch.appendingPathComponent("suite-\(index).xml")
            try Data(document.utf8).write(to: file)
            let outcome = try validateSuite(file)
            if outcome.status != 0 { problems.append("testsuite \(index): \(outcome.output)") }
        }
        return problems
    }
}
