import Foundation
import Testing
import TestTools

/// A scratch directory, the built `hookspec`, and a key file made by `hookspec keys new`, for
/// tests that run the commands as a user does and read everything they print and write.
struct CommandFixture {
    let directory: URL
    let hookspec: ExternalTool
    let keyFile: URL
    let jwksFile: URL
    var scanner: LeakScanner

    init(ed25519: Int = 1, rsa: Int = 1) async throws {
        hookspec = try #require(ExternalTool.builtProduct("hookspec"), "the hookspec executable is built by swift test beside the test bundle")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        keyFile = directory.appendingPathComponent("keys.json")
        jwksFile = directory.appendingPathComponent("jwks.json")
        let made = try await hookspec.run(["keys", "new", "--out", keyFile.path, "--ed25519", "\(ed25519)", "--rsa", "\(rsa)", "--jwks", jwksFile.path])
        try #require(made.status == 0, "keys new: \(made.errorOutput)")
        scanner = try LeakScanner(keyFile: keyFile)
        // The file's own output is the first thing scanned.
        #expect(scanner.leaks(in: made.output + made.errorOutput).isEmpty, "keys new printed private material")
    }

    /// The key file's whsec_ secret, read as a user's script would.
    func secret() throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: keyFile)) as? [String: Any]
        return try #require(object?["secret"] as? String)
    }

    /// The kid of the first key of `kind` ("ed25519" or "rsa").
    func kid(_ kind: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: keyFile)) as? [String: Any]
        return try #require((object?[kind] as? [[String: Any]])?.first?["kid"] as? String)
    }

    /// A path in the scratch directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` to a scratch file and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    /// Runs `hookspec arguments`; expects `status` when given; records any leak in its output.
    @discardableResult
    func run(_ arguments: [String], expecting status: Int32? = nil, environment: [String: String] = [:],
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> ExternalTool.Outcome {
        let outcome = try await hookspec.run(arguments, environment: environment)
        // A test's own messages are output too: key material in arguments is cut to a prefix.
        let label = "hookspec " + arguments.prefix(3).map { argument in
            ["whsec_", "whsk_"].contains { argument.hasPrefix($0) } ? String(argument.prefix(10)) + "…" : argument
        }.joined(separator: " ")
        if let status { #expect(outcome.status == status, "\(label): exit \(outcome.status); stderr: \(outcome.errorOutput.prefix(400))", sourceLocation: sourceLocation) }
        expectClean(outcome, label, sourceLocation: sourceLocation)
        return outcome
    }

    /// Records a test issue per leak in a finished command's stdout and stderr.
    func expectClean(_ outcome: ExternalTool.Outcome, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!outcome.timedOut, "\(label) hung", sourceLocation: sourceLocation)
        #expect(scanner.leaks(in: outcome.output).isEmpty, "\(label) stdout shows \(scanner.leaks(in: outcome.output))", sourceLocation: sourceLocation)
        #expect(scanner.leaks(in: outcome.errorOutput).isEmpty, "\(label) stderr shows \(scanner.leaks(in: outcome.errorOutput))", sourceLocation: sourceLocation)
    }

    /// Records a test issue per leak in any file the commands wrote to the scratch directory,
    /// except the key file itself and the files a test names as holding secrets on purpose.
    func expectNoFileLeaks(except allowed: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation) {
        let found = scanner.leaks(under: directory).filter { entry in
            let file = String(entry.prefix { $0 != ":" })
            return file != keyFile.lastPathComponent && !allowed.contains(file)
        }
        #expect(found.isEmpty, "files show \(found)", sourceLocation: sourceLocation)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
