import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecVectors

/// `hookspec catalog`: prints the event catalog; `--write` regenerates what is derived from it.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Print the event catalog (SPEC §5); --write regenerates the JSON Schemas and the compiled-in copy.",
        discussion: """
            Without --catalog, prints the catalog compiled into this binary. --write and --check read \
            vectors/catalog/events.json (the source of truth) under --package-root and derive \
            vectors/catalog/schemas/*.schema.json and \(BundledCatalogSource.packagePath) from it.
            """)

    @Option(help: "Catalog file to read instead of the compiled-in copy (default for --write/--check: vectors/catalog/events.json).")
    var catalog: String?

    @Option(help: "Package root that --write and --check work in.")
    var packageRoot: String = "."

    @Flag(help: "Rewrite the schemas and the compiled-in copy from the catalog file; remove stale schema files.")
    var write = false

    @Flag(help: "Exit 1 if the schemas or the compiled-in copy differ from what the catalog file generates.")
    var check = false

    func validate() throws {
        if write && check { throw ValidationError("--write and --check exclude each other") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: packageRoot, isDirectory: true)
        if !write && !check && catalog == nil {
            print(CatalogTable.render(try Self.loaded { () throws(EventCatalogError) in try EventCatalog.bundled() }), terminator: "")
            return
        }
        let catalogURL = catalog.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("vectors/catalog/events.json")
        let bytes = try Self.read(catalogURL)
        let parsed = try Self.loaded { () throws(EventCatalogError) in try EventCatalog(json: bytes) }
        if !write && !check {
            print(CatalogTable.render(parsed), terminator: "")
            return
        }

        let catalogDirectory = catalogURL.deletingLastPathComponent()
        var expected: [(URL, String)] = []
        do {
            expected = try CatalogSchemaGenerator.files(for: parsed).map { (catalogDirectory.appendingPathComponent($0.relativePath), $0.text) }
            expected.append((root.appendingPathComponent(BundledCatalogSource.packagePath), try BundledCatalogSource.source(forCatalogJSON: bytes)))
        } catch {
            throw UsageFailure("cannot generate from \(catalogURL.path): \(error)")
        }
        let schemaDirectory = catalogDirectory.appendingPathComponent(CatalogSchemaGenerator.directory)
        let stale = Self.schemaFiles(in: schemaDirectory).filter { file in !expected.contains { $0.0.standardizedFileURL == file.standardizedFileURL } }

        if write {
            try Self.fileOperation("create \(schemaDirectory.path)") {
                try FileManager.default.createDirectory(at: schemaDirectory, withIntermediateDirectories: true)
            }
            for (url, text) in expected where (try? Self.read(url)) != Array(text.utf8) {
                try Self.fileOperation("write \(url.path)") { try Data(text.utf8).write(to: url, options: .atomic) }
                print("wrote \(url.path)")
            }
            for url in stale {
                try Self.fileOperation("remove \(url.path)") { try FileManager.default.removeItem(at: url) }
                print("removed stale \(url.path)")
            }
            print("catalog \(parsed.version): \(expected.count) generated files up to date")
            return
        }
        var drift: [String] = []
        for (url, text) in expected where (try? Self.read(url)) != Array(text.utf8) {
            drift.append("differs or missing: \(url.path)")
        }
        drift += stale.map { "stale: \($0.path)" }
        if drift.isEmpty {
            print("catalog \(parsed.version): \(expected.count) generated files match")
        } else {
            drift.forEach { print($0) }
            print("run `hookspec catalog --write` to regenerate")
            throw ExitCode(1)
        }
    }

    // A catalog that cannot be read or a file that cannot be written is a usage or harness error
    // (exit 2, SPEC §9.7), never the exit 1 that `--check` reserves for drift.
    private static func loaded(_ body: () throws(EventCatalogError) -> EventCatalog) throws(UsageFailure) -> EventCatalog {
        do {
            return try body()
        } catch {
            throw UsageFailure(error.description)
        }
    }

    private static func read(_ url: URL) throws(UsageFailure) -> [UInt8] {
        try CommandInput.readFile(url.path, what: "catalog")
    }

    private static func fileOperation(_ what: String, _ body: () throws -> Void) throws(UsageFailure) {
        do {
            try body()
        } catch {
            throw UsageFailure("cannot \(what): \(error.localizedDescription)")
        }
    }

    private static func schemaFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".schema.json") }.sorted().map { directory.appendingPathComponent($0) }
    }
}
