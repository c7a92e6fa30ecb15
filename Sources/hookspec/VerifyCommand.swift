import ArgumentParser
import Foundation
import HookSpecCore

/// `hookspec verify`: checks one recorded delivery with the core.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify one delivery: a header block (as `curl -D` writes it) and a raw body.",
        discussion: """
            Prints `valid` or `rejected: <code>` and exits 0 (valid), 1 (rejected) or 2 (usage). \
            Secrets come from --secret or HOOKSPEC_SECRET and are never printed.
            """
    )

    enum Scheme: String, ExpressibleByArgument, CaseIterable {
        case standard
        case jwt
    }

    enum PolicyPreset: String, ExpressibleByArgument, CaseIterable {
        case strict
        case pythonReference = "python-reference"
    }

    @Option(help: "Signature scheme: standard (Standard Webhooks v1 and v1a) or jwt (RS256 token in webhook-signature, keys from --jwks).")
    var scheme: Scheme = .standard

    @Option(name: .long, help: "A whsec_ secret for v1 (repeat for rotation).")
    var secret: [String] = []

    @Option(name: .long, help: "A whpk_ Ed25519 public key for v1a (repeatable).")
    var publicKey: [String] = []

    @Option(help: "A JWKS file: its OKP Ed25519 keys verify v1a entries; with --scheme jwt, its RSA keys verify the token.")
    var jwks: String?

    @OptionGroup(title: "jwt scheme")
    var jwtOptions: VerifyJWTOptions

    @Option(help: "The header block file.")
    var headers: String

    @Option(help: "The raw body file (- for standard input).")
    var body: String

    @Option(parsing: .unconditional, help: "Unix seconds to judge freshness against (default: now).")
    var now: Int64?

    @Option(help: "strict (default) or python-reference (what the Python Standard Webhooks library accepts).")
    var policy: PolicyPreset = .strict

    @Option(name: .customLong("lenient"), help: "Add one named leniency to the policy (repeatable): \(VerificationPolicy.Leniency.allCases.map(\.rawValue).joined(separator: ", ")).")
    var leniencies: [String] = []

    func run() throws {
        if scheme == .jwt { return try VerifyJWT.run(self) }
        let verifier = try makeVerifier()
        let fields = try CommandInput.headerFields(headers)
        let bodyBytes = try CommandInput.readFile(body, what: "body")
        switch verifier.verify(headers: fields, body: bodyBytes, now: now ?? CommandInput.now()) {
        case .success(let delivery):
            print("valid: \(delivery.version.rawValue) entry \(delivery.entryIndex + 1) matched key \(delivery.keyIndex + 1); webhook-id \(delivery.id), timestamp \(delivery.timestamp)")
            print(Self.catalogLine(body: bodyBytes, verified: true))
        case .failure(let rejection):
            print("rejected: \(rejection.code.rawValue)")
            print("  \(rejection)")
            print(Self.catalogLine(body: bodyBytes, verified: false))
            throw ExitCode(1)
        }
    }

    private func makeVerifier() throws -> StandardWebhookVerifier {
        var resolved: VerificationPolicy = policy == .strict ? .strict : .pythonReference
        var secretOptions: WebhookSecret.ParsingOptions = policy == .strict ? [] : .pythonReference
        for name in leniencies {
            guard let leniency = VerificationPolicy.Leniency(rawValue: name) else {
                throw UsageFailure("unknown leniency \(name)")
            }
            resolved = resolved.adding(leniency)
        }
        if policy == .strict, leniencies.isEmpty { secretOptions = [] }
        let secrets = try CommandInput.secrets(flags: secret, options: secretOptions)
        var keys: [Ed25519PublicKey] = []
        for (index, text) in publicKey.enumerated() {
            do {
                keys.append(try Ed25519PublicKey(parsing: text))
            } catch {
                throw UsageFailure("public key \(index + 1): \(error)")
            }
        }
        if let jwks {
            do {
                let set = try Ed25519PublicKeySet(jwks: try CommandInput.readFile(jwks, what: "JWKS"))
                keys += set.keys
                for skipped in set.skipped {
                    FileOutput.standardError("hookspec: JWKS key \(skipped.keyID ?? "(no kid)") skipped: \(skipped.reason)\n")
                }
            } catch let failure as UsageFailure {
                throw failure
            } catch {
                throw UsageFailure("JWKS file \(jwks): \(error)")
            }
        }
        guard !secrets.isEmpty || !keys.isEmpty else {
            throw UsageFailure("give --secret (or HOOKSPEC_SECRET), --public-key or --jwks")
        }
        return StandardWebhookVerifier(secrets: secrets, publicKeys: keys, policy: resolved)
    }
}
