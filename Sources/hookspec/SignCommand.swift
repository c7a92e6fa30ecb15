import ArgumentParser
import HookSpecCore

struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign a body (written by the foundation work).")
    func run() throws {}
}
