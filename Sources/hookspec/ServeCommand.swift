import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecReport

/// `hookspec serve`: the reference receiver (or a mutant) on loopback, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the reference webhook receiver (or one of its mutants) on 127.0.0.1.",
        discussion: """
            Verifies deliveries POSTed to --path under one scheme and answers per SPEC §6: 200 for
            valid (and for duplicates, processed once), 400/401/413 with {"error":"<code>"} otherwise.
            Prints one line per request: status, code and webhook-id.
              v1   Standard Webhooks HMAC: --secret (repeat for rotation) or HOOKSPEC_SECRET
                   (space-separated); only ever printed redacted.
              v1a  Standard Webhooks Ed25519: --whpk (repeat) and/or --jwks URL (OKP keys).
              jwt  RS256 JWT in webhook-signature: --jwks URL and --audience (--issuer optional).
            The JWKS is cached; an unknown kid refetches at most once per --jwks-cooldown, and at
            most 10 refetches happen per cool-down window.
            """)

    @Option(help: "Signature scheme: \(ReceiverScheme.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scheme: ReceiverScheme = .v1

    @Option(help: "Port on 127.0.0.1; 0 picks a free one (printed).")
    var port: Int = 0

    @Option(help: "Path that takes deliveries.")
    var path: String = "/hook"

    @Option(name: .customLong("secret"), help: "v1: whsec_ secret; repeat for rotation. Default: $HOOKSPEC_SECRET (space-separated for rotation).")
    var secrets: [String] = []

    @Option(name: .customLong("whpk"), help: "v1a: whpk_ public key; repeat for rotation.")
    var publicKeys: [String] = []

    @Option(name: .customLong("jwks"), help: "v1a, jwt: JWKS URL (http or https) to take keys from.")
    var jwksURL: String?

    @Option(help: "jwt: the audience aud must contain.")
    var audience: String?

    @Option(help: "jwt: the issuer iss must equal (not checked when not given).")
    var issuer: String?

    @Option(help: "v1a, jwt: seconds before one unknown kid may refetch the JWKS again (1 to 86400).")
    var jwksCooldown: Int64 = 300

    @Option(help: "Largest body read, in bytes; larger bodies get 413.")
    var maxBodyBytes: Int = 1 << 20

    @Option(help: "Break one rule on purpose (see --list-mutants).")
    var mutant: String?

    @Option(help: "Delay of the slow-answer mutant, in seconds (0 to 600).")
    var slowAnswerSeconds: Double = ReceiverMutant.slowAnswerSeconds

    @Flag(help: "Describe the mutants and exit.")
    var listMutants = false

    func validate() throws {
        guard !listMutants else { return }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (1...86_400).contains(jwksCooldown) else { throw ValidationError("--jwks-cooldown must be 1 to 86400 seconds") }
        guard (0...600).contains(slowAnswerSeconds) else { throw ValidationError("--slow-answer-seconds must be 0 to 600") }
        if let mutant {
            guard let known = ReceiverMutant(rawValue: mutant) else {
                throw ValidationError("unknown mutant \(TerminalText.asciiEscaped(mutant)); see hookspec serve --list-mutants")
            }
            guard known.schemes.contains(scheme) else {
                throw ValidationError("mutant \(known.name) applies to \(known.schemeList), not \(scheme.rawValue)")
            }
        }
        let secretSources = !secrets.isEmpty
        switch scheme {
        case .v1:
            guard publicKeys.isEmpty, jwksURL == nil else { throw ValidationError("--whpk and --jwks are for --scheme v1a or jwt") }
            guard secretSources || ProcessInfo.processInfo.environment["HOOKSPEC_SECRET"] != nil else {
                throw ValidationError("--scheme v1 needs --secret whsec_... or HOOKSPEC_SECRET")
            }
        case .v1a:
            guard !secretSources else { throw ValidationError("--secret is for --scheme v1; v1a takes --whpk or --jwks") }
            guard !publicKeys.isEmpty || jwksURL != nil else { throw ValidationError("--scheme v1a needs --whpk KEY or --jwks URL") }
        case .jwt:
            guard !secretSources, publicKeys.isEmpty else { throw ValidationError("--secret and --whpk are not used by --scheme jwt") }
            guard jwksURL != nil else { throw ValidationError("--scheme jwt needs --jwks URL") }
            guard let audience, !audience.isEmpty else { throw ValidationError("--scheme jwt needs --audience") }
        }
        if scheme != .jwt, audience != nil || issuer != nil {
            throw ValidationError("--audience and --issuer are for --scheme jwt")
        }
        for (index, text) in publicKeys.enumerated() {
            do { _ = try Ed25519PublicKey(parsing: text) } catch { throw ValidationError("--whpk \(index + 1): \(error)") }
        }
    }

    func run() async throws {
        if listMutants {
            print(MutantListing.text())
            return
        }
        var configuration = ReceiverConfiguration(
            port: port, path: path, scheme: scheme, maximumBodyBytes: maxBodyBytes,
            mutant: mutant.flatMap(ReceiverMutant.init(rawValue:)), slowAnswerSeconds: slowAnswerSeconds)
        var keyText: String
        switch scheme {
        case .v1:
            configuration.secrets = try CommandInput.secrets(flags: secrets, options: [])
            keyText = "secrets: " + configuration.secrets.map(\.description).joined(separator: ", ")
        case .v1a:
            configuration.publicKeys = try publicKeys.map { text throws(UsageFailure) in
                do { return try Ed25519PublicKey(parsing: text) } catch { throw UsageFailure("--whpk: \(error)") }
            }
            // Public keys may be printed: they are what the sender publishes.
            keyText = "public keys: " + (configuration.publicKeys.map(\.exportedText) + (jwksURL.map { ["JWKS \($0)"] } ?? [])).joined(separator: ", ")
        case .jwt:
            configuration.tokenPolicy = TokenPolicy(audience: audience ?? "", issuer: issuer)
            keyText = "JWKS \(jwksURL ?? "-"), audience \(audience ?? "-")" + (issuer.map { ", issuer \($0)" } ?? "")
        }
        configuration.jwksURL = jwksURL
        configuration.jwksCache = JWKSCache.Configuration(refetchCoolDownSeconds: jwksCooldown)

        let receiver: WebhookReceiver
        let boundPort: Int
        do {
            receiver = try WebhookReceiver(configuration: configuration)
            boundPort = try await receiver.start()
        } catch {
            throw UsageFailure("serve: \(error)")
        }

        Console.line("hookspec serve: \(scheme.rawValue) receiver listening on http://127.0.0.1:\(boundPort)\(path) (\(keyText))")
        if let chosenMutant = configuration.mutant {
            Console.line("MUTANT \(chosenMutant.name): \(chosenMutant.summary). Deliberately broken: \(chosenMutant.rule).")
        }
        Console.line("Ctrl-C to stop.")

        let printer = Task {
            for await outcome in receiver.outcomes {
                Console.line("\(outcome.status) \(outcome.code) id=\(TerminalText.asciiEscaped(outcome.id ?? "-"))")
            }
        }
        let signal = await StopSignal.wait()
        Console.line("hookspec serve: \(signal), stopping; \(receiver.ledger.totalProcessed) deliveries processed.")
        await receiver.stop()
        await printer.value
    }
}

extension ReceiverScheme: ExpressibleByArgument {}

extension ReceiverMutant {
    /// Its schemes, in the order v1, v1a, jwt.
    var schemeList: String {
        ReceiverScheme.allCases.filter(schemes.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// The text of `--list-mutants`.
enum MutantListing {
    static func text() -> String {
        let width = ReceiverMutant.allCases.map(\.name.count).max() ?? 0
        return ReceiverMutant.allCases.map { mutant in
            mutant.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  [\(mutant.schemeList)] " + mutant.summary
                + "\n" + String(repeating: " ", count: width + 2) + "breaks " + mutant.rule
                + (mutant.detection == .answers ? "" : " (visible in: \(mutant.detection.rawValue))")
        }.joined(separator: "\n")
    }
}

/// Lines to standard output, unbuffered, so a CI log or a pipe sees each delivery as it happens.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
