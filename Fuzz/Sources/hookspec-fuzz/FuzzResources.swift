import Foundation
import HookSpecCore

/// Fixed keys and paths the targets share; read once from the repository's test-only key files.
enum FuzzResources {
    /// The repository root: `HOOKSPEC_ROOT` when set (Fuzz/run sets it), else the working directory.
    static let root = ProcessInfo.processInfo.environment["HOOKSPEC_ROOT"] ?? FileManager.default.currentDirectoryPath

    /// The `kid` of the trusted test key in vectors/jose/hostile-tokens.json.
    static let trustedKeyID = "hookspec-test-2026"
    /// The audience and issuer of that file's valid baseline.
    static let audience = "https://receiver.example/hook"
    static let issuer = "https://hookspec.example"
    /// A moment inside the baseline's validity (iat 1767225600, exp +300 s).
    static let now: Int64 = 1_767_225_700

    static let trustedSigningKey: RS256SigningKey = {
        let path = root + "/vectors/jose/keys/trusted-rs256-2048.pem"
        guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else { FuzzCheck.fail("cannot read \(path); set HOOKSPEC_ROOT") }
        do {
            return try RS256SigningKey(pemRepresentation: pem)
        } catch {
            FuzzCheck.fail("trusted key does not load: \(error)")
        }
    }()

    /// The trusted key set: one RS256 key under `trustedKeyID`.
    static let trustedKeys = JSONWebKeySet(keys: [JSONWebKey(keyID: trustedKeyID, material: .rsa(trustedSigningKey.publicKey))])

    static let tokenPolicy = TokenPolicy(audience: audience, issuer: issuer)
}
