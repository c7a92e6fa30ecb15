import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReport
import HookSpecSender
import NIOPosix

/// `hookspec emulate`: a local Gemini WebhookService for the google-genai SDK (SPEC §10).
struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "Run a local Gemini WebhookService (the REST API the google-genai SDK calls) that delivers signed events.",
        subcommands: [EmulateServeCommand.self, EmulateTriggerCommand.self],
        defaultSubcommand: EmulateServeCommand.self)
}

/// `hookspec emulate [serve]`: the emulator, until SIGINT or SIGTERM.
struct EmulateServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the WebhookService on 127.0.0.1 (default subcommand).",
        discussion: """
            Routes (any api_version): GET/POST /{v}/webhooks, GET/PATCH/DELETE /{v}/webhooks/{id}, \
            POST /{v}/webhooks/{id}:ping, POST /{v}/webhooks/{id}:rotateSigningSecret. \
            Admin: POST /hookspec/trigger {"type":"batch.succeeded","webhook":"ID"} and GET /hookspec/deliveries. \
            Events are signed v1 with one entry per live secret and retried with exponential backoff over \
            24 h (30 s doubling), multiplied by --time-factor; a webhook whose events exhaust the schedule \
            --disable-after times in a row becomes disabled_due_to_failed_deliveries. \
            Dynamic webhooks: POST /{v}/models/{model}:batchGenerateContent and POST /{v}/interactions \
            (GET /{v}/batches/{id}, /{v}/interactions/{id}) complete at once; with webhook_config.uris \
            their completion event (batch.succeeded, interaction.completed, user_metadata under data) \
            goes to those URIs signed --dynamic-scheme (v1a: Ed25519; jwt: RS256 with --keys' RSA key), \
            without uris to the registered webhooks subscribed to it. Public keys: GET /.well-known/jwks.json. \
            State (webhooks, their secrets and rotation windows, the dynamic keys) is in memory unless \
            --state names a SQLite file (mode 0600: it holds secrets), which a restart reads back; \
            batches and interactions are not kept.
            """)

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port; 0 picks a free one (printed).")
    var port: Int = 8090

    @Option(parsing: .unconditional, help: "Multiplies retry delays and the 24 h rotation grace (0 < f <= 1; 0.0001 runs the day in under 9 s).")
    var timeFactor: Double = 1

    @Option(parsing: .unconditional, help: "Failed events in a row before a webhook is disabled_due_to_failed_deliveries.")
    var disableAfter: Int = 1

    @Option(help: "How dynamic-webhook deliveries are signed: v1a (Ed25519, as Gemini sends them) or jwt (RS256, as documented; needs --keys with an RSA key).")
    var dynamicScheme: DynamicScheme = .v1a

    @Option(help: "A hookspec-keys/1 key file (hookspec keys new): its first Ed25519 key signs v1a, its first RSA key jwt. Default: an Ed25519 key made for the run.")
    var keys: String?

    @Option(help: "jwt: the aud of delivery tokens.")
    var audience: String = EmulatorConfiguration.defaultAudience

    @Option(help: "jwt: the iss of delivery tokens (none by default).")
    var issuer: String?

    @Option(help: "A SQLite file that keeps webhooks, secrets and dynamic keys across restarts (created if missing).")
    var state: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard timeFactor.isFinite, timeFactor > 0, timeFactor <= 1 else { throw ValidationError("--time-factor must be above 0 and at most 1") }
        guard (1...1000).contains(disableAfter) else { throw ValidationError("--disable-after must be 1 to 1000") }
    }

    func run() async throws {
        let emulator: WebhookEmulator
        let boundPort: Int
        do {
            var dynamicKeys: DynamicSigningKeys?
            if let keys {
                do { dynamicKeys = try DynamicSigningKeys(keyFile: KeyFile(parsing: CommandInput.readFile(keys, what: "key"))) } catch { throw UsageFailure("key file \(keys): \(error)") }
            }
            emulator = try WebhookEmulator(configuration: EmulatorConfiguration(
                host: host, port: port, timeFactor: timeFactor, disableAfterFailedEvents: disableAfter,
                dynamicScheme: dynamicScheme, dynamicKeys: dynamicKeys, dynamicAudience: audience, dynamicIssuer: issuer, statePath: state,
                clock: { Date().timeIntervalSince1970 }))
            boundPort = try await emulator.start()
        } catch {
            throw UsageFailure("emulate: \(error)")
        }
        Console.line("hookspec emulate: WebhookService on http://\(host):\(boundPort) (time factor \(timeFactor)); Ctrl-C to stop.")
        Console.line("Dynamic webhooks signed \(dynamicScheme.rawValue); keys at http://\(host):\(boundPort)/.well-known/jwks.json")
        let signal = await StopSignal.wait()
        Console.line("hookspec emulate: \(signal), stopping; \(emulator.attempts.count) delivery attempts made.")
        await emulator.stop()
    }
}

/// `hookspec emulate trigger TYPE --webhook ID`: asks a running emulator to deliver one event.
struct EmulateTriggerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger",
        abstract: "Ask a running emulator to deliver one catalog event to a webhook.")

    @Argument(help: "The event type (batch.succeeded, interaction.completed, ...).")
    var type: String

    @Option(help: "The webhook id.")
    var webhook: String

    @Option(help: "The emulator's base URL.")
    var url: String = "http://127.0.0.1:8090"

    func run() async throws {
        let target: ProbeTarget
        do { target = try ProbeTarget(url: url.hasSuffix("/") ? url + "hookspec/trigger" : url + "/hookspec/trigger") } catch { throw UsageFailure("--url: \(error)") }
        let transport = try NIOProbeTransport(target: target, group: MultiThreadedEventLoopGroup.singleton)
        let body = #"{"type":\#(EnvelopeText.quoted(type)),"webhook":\#(EnvelopeText.quoted(webhook))}"#
        let request = ProbeRequest(headers: [(Array("content-type".utf8), Array("application/json".utf8))], body: Array(body.utf8))
        switch await transport.send(request) {
        case .response(let response):
            Console.line("\(response.status) " + TerminalText.printable(String(decoding: response.body, as: UTF8.self)))
            if !(200...299).contains(response.status) { throw ExitCode(1) }
        case let other:
            FileOutput.standardError("hookspec: emulate trigger: \(other)\n")
            throw ExitCode(2)
        }
    }
}

extension DynamicScheme: ExpressibleByArgument {}
