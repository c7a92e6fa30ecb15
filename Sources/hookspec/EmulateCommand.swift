import ArgumentParser
import Foundation
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
            --disable-after times in a row becomes disabled_due_to_failed_deliveries. State is in memory.
            """)

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port; 0 picks a free one (printed).")
    var port: Int = 8090

    @Option(parsing: .unconditional, help: "Multiplies retry delays and the 24 h rotation grace (0 < f <= 1; 0.0001 runs the day in under 9 s).")
    var timeFactor: Double = 1

    @Option(parsing: .unconditional, help: "Failed events in a row before a webhook is disabled_due_to_failed_deliveries.")
    var disableAfter: Int = 1

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard timeFactor.isFinite, timeFactor > 0, timeFactor <= 1 else { throw ValidationError("--time-factor must be above 0 and at most 1") }
        guard (1...1000).contains(disableAfter) else { throw ValidationError("--disable-after must be 1 to 1000") }
    }

    func run() async throws {
        let emulator: WebhookEmulator
        let boundPort: Int
        do {
            emulator = try WebhookEmulator(configuration: EmulatorConfiguration(
                host: host, port: port, timeFactor: timeFactor, disableAfterFailedEvents: disableAfter,
                clock: { Date().timeIntervalSince1970 }))
            boundPort = try await emulator.start()
        } catch {
            throw UsageFailure("emulate: \(error)")
        }
        Console.line("hookspec emulate: WebhookService on http://\(host):\(boundPort) (time factor \(timeFactor)); Ctrl-C to stop.")
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
