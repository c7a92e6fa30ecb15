import ArgumentParser
import HookSpecCore

/// `hookspec keys secret FILE`: the file's whsec_ secret, for `export HOOKSPEC_SECRET=$(…)`.
struct KeysSecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Print the whsec_ secret of a key file (for HOOKSPEC_SECRET or the receiver's configuration)."
    )

    @Argument(help: "The key file.")
    var file: String

    func run() throws {
        let keys = try CommandInput.keyFile(file)
        guard let secret = keys.secret else { throw UsageFailure("key file \(file) holds no whsec_ secret") }
        print(secret.exportedText())
    }
}
