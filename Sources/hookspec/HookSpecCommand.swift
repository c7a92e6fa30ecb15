import ArgumentParser
import Foundation

/// `hookspec`: a conformance and security test suite for webhook receivers.
@main
struct HookSpecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookspec",
        abstract: "Conformance and security tests for webhook receivers (Standard Webhooks v1/v1a, RS256 JWT).",
        version: HookSpecVersion.current,
        subcommands: [SignCommand.self, VerifyCommand.self, VectorsCommand.self, ServeCommand.self, ProbeCommand.self]
    )

    /// argument-parser's default `main`, except that usage errors exit 2 (SPEC §9.7), not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// The version written into reports.
enum HookSpecVersion {
    static let current = "0.1.0"
}
