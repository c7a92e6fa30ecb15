import ArgumentParser
import HookSpecCore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify one delivery (written by the foundation work).")
    func run() throws {}
}
