import ArgumentParser

/// `hookspec`: a conformance and security test suite for webhook receivers.
@main
struct HookSpecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookspec",
        abstract: "Conformance and security tests for webhook receivers (Standard Webhooks v1/v1a, RS256 JWT).",
        version: HookSpecVersion.current,
        subcommands: [SignCommand.self, VerifyCommand.self, VectorsCommand.self, ServeCommand.self, ProbeCommand.self]
    )
}

/// The version written into reports.
enum HookSpecVersion {
    static let current = "0.1.0"
}
