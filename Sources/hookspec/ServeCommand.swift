import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecReport
import NIOPosix

/// `hookspec serve`: the reference receiver (or a mutant) on loopback, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the reference webhook receiver (or one of its mutants) on 127.0.0.1.",
        discussion: """
            Verifies Standard Webhooks v1 deliveries POSTed to --path and answers per SPEC §6: \
            200 for valid (and for duplicates, processed once), 400/401/413 with {"error":"<code>"} \
            otherwise. Prints one line per request: status, code and webhook-id. The secret comes from \
            --secret (repeat for rotation) or HOOKSPEC_SECRET (space-separated) and is only ever \
            printed redacted.
            """)

    // `.unconditional` so that `--port -1` reaches validate() and gets a clear message,
    // instead of ArgumentParser taking `-1` for an option and saying "Missing value".
    @Option(parsing: .unconditional, help: "Port on 127.0.0.1; 0 picks a free one (printed).")
    var port: Int = 0

    @Option(help: "Path that takes deliveries.")
    var path: String = "/hook"

    @Option(name: .customLong("secret"), help: "whsec_ secret; repeat for rotation. Default: $HOOKSPEC_SECRET (space-separated for rotation).")
    var secrets: [String] = []

    @Option(parsing: .unconditional, help: "Largest body read, in bytes; larger bodies get 413.")
    var maxBodyBytes: Int = 1 << 20

    @Option(help: "Break one rule on purpose (see --list-mutants).")
    var mutant: String?

    @Option(parsing: .unconditional, help: "Delay of the slow-answer mutant, in seconds (0 to 600).")
    var slowAnswerSeconds: Double = ReceiverMutant.slowAnswerSeconds

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        guard maxBodyBytes >= 1, maxBodyBytes <= 1 << 30 else { throw ValidationError("--max-body-bytes must be 1 to \(1 << 30), not \(maxBodyBytes)") }
        guard slowAnswerSeconds.isFinite, (0...600).contains(slowAnswerSeconds) else {
            throw ValidationError("--slow-answer-seconds must be 0 to 600, not \(slowAnswerSeconds)")
        }
    }

    @Flag(help: "Describe the mutants and exit.")
    var listMutants = false

    func run() async throws {
        if listMutants {
            print(MutantListing.text())
            return
        }
        let parsed = try CommandInput.secrets(flags: secrets, options: [])
        guard !parsed.isEmpty else {
            throw UsageFailure("serve: give --secret whsec_... or set HOOKSPEC_SECRET")
        }
        var chosenMutant: ReceiverMutant?
        if let mutant {
            guard let known = ReceiverMutant(rawValue: mutant) else {
                throw UsageFailure("serve: unknown mutant \(TerminalText.asciiEscaped(mutant)); see hookspec serve --list-mutants")
            }
            chosenMutant = known
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let receiver: WebhookReceiver
        let boundPort: Int
        do {
            receiver = try WebhookReceiver(
                configuration: ReceiverConfiguration(
                    port: port, path: path, secrets: parsed, maximumBodyBytes: maxBodyBytes, mutant: chosenMutant,
                    slowAnswerSeconds: slowAnswerSeconds),
                group: group)
            boundPort = try await receiver.start()
        } catch {
            try? await group.shutdownGracefully()
            throw UsageFailure("serve: \(error)")
        }

        let redacted = parsed.map(\.description).joined(separator: ", ")
        Console.line("hookspec serve: listening on http://127.0.0.1:\(boundPort)\(path) (secrets: \(redacted))")
        if let chosenMutant {
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
        try await group.shutdownGracefully()
    }
}

/// The text of `--list-mutants`.
enum MutantListing {
    static func text() -> String {
        let width = ReceiverMutant.allCases.map(\.name.count).max() ?? 0
        return ReceiverMutant.allCases.map { mutant in
            mutant.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + mutant.summary
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
