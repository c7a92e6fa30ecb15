import ArgumentParser
import HookSpecCore

/// `hookspec keys jwks FILE`: the public JWKS of a key file, for a receiver to trust again after
/// the probe that served it has stopped (reproductions of `v1a` and `jwt` cases need it).
struct KeysJWKSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwks",
        abstract: "Print the public JWKS of a key file (its Ed25519 and RSA public keys; nothing private)."
    )

    @Argument(help: "The key file.")
    var file: String

    func run() throws {
        let keys = try CommandInput.keyFile(file)
        print(JSONValue.object(keys.publicJWKS).compactText)
    }
}
