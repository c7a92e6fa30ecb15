import ArgumentParser
import Foundation
import HookSpecCore

/// `hookspec keys`: key files for probe runs (SPEC §9.5).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make and read key files: a whsec_ secret, Ed25519 (v1a) and RSA (jwt) signing keys.",
        subcommands: [KeysNewCommand.self, KeysSecretCommand.self, KeysJWKSCommand.self]
    )
}

/// `hookspec keys new`: fresh keys, private parts only to a 0600 file (or standard output when asked).
struct KeysNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a key file; print the public parts (whpk_ keys and the public JWKS).",
        discussion: """
            The file holds a whsec_ secret, Ed25519 keys as whsk_/whpk_ and JWK, and RSA-2048 keys \
            (PKCS#8 PEM and JWK), each under its RFC 7638 thumbprint as kid; its layout is in the README. \
            It is created with mode 0600 and never overwritten without --force. Configure the receiver \
            with the secret (`hookspec keys secret FILE`) and the printed JWKS.
            """
    )

    @Option(help: "Key file to create (mode 0600).")
    var out: String?

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    @Flag(help: "Write the key file, private keys included, to standard output instead of --out.")
    var printPrivate = false

    @Option(name: .customLong("ed25519"), parsing: .unconditional, help: "How many Ed25519 keys (0 to \(KeyFile.maximumKeys)).")
    var ed25519Count = 1

    @Option(name: .customLong("rsa"), parsing: .unconditional, help: "How many RSA-2048 keys (0 to \(KeyFile.maximumKeys)).")
    var rsaCount = 1

    @Flag(help: "Leave out the whsec_ secret.")
    var noSecret = false

    @Option(help: "Also write the public JWKS to this file, for the receiver to trust.")
    var jwks: String?

    func validate() throws {
        guard (0...KeyFile.maximumKeys).contains(ed25519Count) else { throw ValidationError("--ed25519 must be 0 to \(KeyFile.maximumKeys), not \(ed25519Count)") }
        guard (0...KeyFile.maximumKeys).contains(rsaCount) else { throw ValidationError("--rsa must be 0 to \(KeyFile.maximumKeys), not \(rsaCount)") }
        guard (out != nil) != printPrivate else {
            throw ValidationError(printPrivate ? "give --out FILE or --print-private, not both" : "give --out FILE (private keys go only to a file) or --print-private")
        }
        if force, out == nil { throw ValidationError("--force needs --out") }
    }

    func run() throws {
        let file: KeyFile
        do {
            file = try KeyFile.generate(secret: !noSecret, ed25519: ed25519Count, rsa: rsaCount)
        } catch {
            throw UsageFailure("\(error)")
        }
        let jwksText = JSONValue.object(file.publicJWKS).compactText + "\n"
        if let jwks {
            do {
                try PrivateFile.create(Array(jwksText.utf8), at: jwks, overwrite: force, mode: 0o644)
            } catch {
                throw UsageFailure("\(error)")
            }
        }
        if printPrivate {
            FileHandle.standardOutput.write(Data(file.encoded()))
            return
        }
        guard let out else { return }
        do {
            try PrivateFile.create(file.encoded(), at: out, overwrite: force, mode: 0o600)
        } catch {
            throw UsageFailure("\(error)")
        }
        var text = "wrote \(out) (mode 0600)"
        if file.secret != nil { text += ": a whsec_ secret" }
        text += ", \(file.ed25519Keys.count) Ed25519 and \(file.rsaKeys.count) RSA-2048 key(s)\n"
        for key in file.ed25519Keys {
            text += "v1a public key (kid \(key.keyID)): \(key.signingKey.publicKey.exportedText)\n"
        }
        text += "public JWKS" + (jwks.map { " (also in \($0))" } ?? "") + ":\n" + jwksText
        print(text, terminator: "")
    }
}
