import ArgumentParser
import Foundation

/// `hookspec`: a conformance and security test suite for webhook receivers.
@main
struct HookSpecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookspec",
        abstract: "Conformance and security tests for webhook receivers (Standard Webhooks v1/v1a, RS256 JWT).",
        discussion: "Exit codes: 0 success, 1 a rejection or a failed check, 2 usage or harness error.",
        version: HookSpecVersion.current,
        subcommands: [
            SignCommand.self, VerifyCommand.self, VectorsCommand.self, CatalogCommand.self,
            ServeCommand.self, ProbeCommand.self, KeysCommand.self, ListenCommand.self, EmulateCommand.self,
        ]
    )

    // ArgumentParser exits 64 on usage errors; hookspec promises 2 (SPEC §9.7), so map it here.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as UsageFailure {
            FileOutput.standardError("hookspec: \(failure.description)\n")
            Self.exit(withError: ExitCode(2))
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileOutput.standardError(fullMessage(for: error) + "\n")
                Self.exit(withError: ExitCode(2))
            }
            Self.exit(withError: error)
        }
    }
}

/// The version written into reports.
enum HookSpecVersion {
    static let current = "0.1.0"
}

/// Unbuffered writes to standard error for diagnostics.
enum FileOutput {
    static func standardError(_ text: String) {
        var text = text
        text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
    }
}
