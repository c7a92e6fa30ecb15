import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReport
import HookSpecSender

/// `hookspec listen`: hookspec as the receiver of a sender under test; grades every delivery (SPEC §10).
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive deliveries from a webhook sender under test and grade them.",
        discussion: """
            Any POST is a delivery. Each one is graded on every rule (scheme, content-type, id, \
            canonical timestamp and base64, signature, one entry per live key, freshness, envelope, \
            retry behaviour) and answered per --answer, attempt by attempt for each webhook-id, so a \
            sender's retry schedule shows. Prints one line per delivery, writes JUnit, JSON and \
            Markdown (one testcase per rule per delivery) and records every delivery under --record. \
            Stops after --count deliveries, --seconds seconds, or SIGINT/SIGTERM. \
            Exit codes: 0 every rule passed, 1 a rule failed, 2 usage error or no delivery arrived.
            """)

    @Option(help: "Address to bind (loopback by default; 0.0.0.0 exposes it to the network).")
    var host: String = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port; 0 picks a free one (printed).")
    var port: Int = 0

    @Option(name: .customLong("secret"), help: "v1: a whsec_ secret the sender signs with; repeat for every live secret. Default: $HOOKSPEC_SECRET.")
    var secrets: [String] = []

    @Option(name: .customLong("whpk"), help: "v1a: a whpk_ public key the sender signs with; repeat for every live key.")
    var publicKeys: [String] = []

    @Option(help: "The sender's JWKS: a file, or an http(s) URL fetched once at start (10 s, 64 KiB at most). Its Ed25519 keys verify v1a; with --audience its RSA keys verify jwt.")
    var jwks: String?

    @Option(help: "jwt: the audience aud must contain.")
    var audience: String?

    @Option(help: "jwt: the issuer iss must equal.")
    var issuer: String?

    @Option(help: "Statuses to answer, attempt by attempt per webhook-id; the last repeats (e.g. 500,500,200).")
    var answer: String = "200"

    @Option(name: .customLong("answer-for"), help: "A script for one event type: TYPE=500,200 (repeatable).")
    var answerFor: [String] = []

    @Option(parsing: .unconditional, help: "Stop after this many deliveries.")
    var count: Int?

    @Option(parsing: .unconditional, help: "Stop after this many seconds.")
    var seconds: Double?

    @Option(parsing: .unconditional, help: "Largest accepted difference between webhook-timestamp and the local clock, in seconds.")
    var tolerance: Int64 = 300

    @Option(parsing: .unconditional, help: "Largest body read, in bytes; larger bodies get 413 and are not graded.")
    var maxBodyBytes: Int = 1 << 20

    @Option(help: "Directory for the recorded deliveries (NAME.json, NAME.headers, NAME.body).")
    var record: String = "reports/listen-deliveries"

    @Option(help: "JUnit report path.")
    var junit: String = "reports/listen.xml"

    @Option(help: "JSON report path.")
    var json: String = "reports/listen.json"

    @Option(help: "Markdown report path.")
    var markdown: String = "reports/listen.md"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        if let count { guard (1...SenderListener.maximumDeliveries).contains(count) else { throw ValidationError("--count must be 1 to \(SenderListener.maximumDeliveries)") } }
        if let seconds { guard seconds.isFinite, seconds > 0, seconds <= 86_400 else { throw ValidationError("--seconds must be above 0 and at most 86400") } }
        guard (0...86_400).contains(tolerance) else { throw ValidationError("--tolerance must be 0 to 86400 seconds") }
        guard (1...(64 << 20)).contains(maxBodyBytes) else { throw ValidationError("--max-body-bytes must be 1 to \(64 << 20)") }
        if let audience { guard !audience.isEmpty else { throw ValidationError("--audience must not be empty") } }
        if audience != nil, jwks == nil { throw ValidationError("--audience needs --jwks") }
    }

    func run() async throws {
        let script = try answerScript()
        var configuration = ListenConfiguration(
            host: host, port: port, toleranceSeconds: tolerance, maximumBodyBytes: maxBodyBytes, answers: script,
            clock: { Date().timeIntervalSince1970 })
        if !secrets.isEmpty || publicKeys.isEmpty && jwks == nil {
            configuration.secrets = try CommandInput.secrets(flags: secrets, options: [])
        }
        configuration.publicKeys = try publicKeys.map { text throws(UsageFailure) in
            do { return try Ed25519PublicKey(parsing: text) } catch { throw UsageFailure("--whpk: \(error)") }
        }
        if let jwks {
            let set = try await Self.keySet(jwks)
            if SenderJWKS.hasRSAKeys(set), audience == nil {
                throw UsageFailure("the JWKS \(jwks) holds RSA keys: give --audience to verify jwt deliveries with them")
            }
            SenderJWKS.apply(set, audience: audience, issuer: issuer, to: &configuration)
        }
        let catalog: EventCatalog
        do { catalog = try EventCatalog.bundled() } catch { throw UsageFailure("listen: the event catalog: \(error)") }

        let listener: SenderListener
        let boundPort: Int
        do {
            listener = try SenderListener(configuration: configuration, catalog: catalog)
            boundPort = try await listener.start()
        } catch {
            throw UsageFailure("listen: \(error)")
        }
        let keys = configuration.secrets.map(\.description) + configuration.publicKeys.map(\.exportedText) + (jwks.map { ["JWKS \($0)"] } ?? [])
        Console.line("hookspec listen: receiving on http://\(host):\(boundPort)/ (keys: \(keys.isEmpty ? "none" : keys.joined(separator: ", ")); answers \(answer))")
        Console.line("Stops after " + [count.map { "\($0) deliveries" }, seconds.map { "\($0) s" }, "Ctrl-C"].compactMap { $0 }.joined(separator: ", or "))

        let recording = DeliveryRecording(directory: record, publicKeys: configuration.publicKeys, catalog: catalog)
        let signal = Task {
            _ = await StopSignal.wait()
            await listener.stop()
        }
        let graded = await listener.run(count: count, seconds: seconds) { inspected in
            Console.line(ListenReport.line(inspected))
            do { try recording.write(inspected) } catch { FileOutput.standardError("hookspec: \(error)\n") }
        }
        signal.cancel()

        let report = ListenReport.build(
            graded, timestamp: Date().ISO8601Format(), target: "sender delivering to \(host):\(boundPort)",
            properties: [ReportProperty("hookspec.version", HookSpecVersion.current), ReportProperty("catalog.version", catalog.version)])
        // SARIF and HTML beside the JUnit file, named after it (never the probe's default names).
        let base = (junit as NSString).deletingPathExtension
        let written = ProbeReportPaths(junit: junit, json: json, markdown: markdown, sarif: base + ".sarif", html: base + ".html").write(report)
        let failures = written.failures
        for failure in failures { FileOutput.standardError("hookspec: \(failure)\n") }
        let failed = graded.filter(\.failed).count
        Console.line("hookspec listen: \(graded.count) deliveries, \(failed) with a failed rule; reports \(written.paths.joined(separator: ", ")); recorded under \(record)/")
        if !failures.isEmpty { throw ExitCode(2) }
        if graded.isEmpty {
            FileOutput.standardError("hookspec: listen: no delivery arrived\n")
            throw ExitCode(2)
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// The JWKS from a file or, for an http(s) URL, fetched with a deadline and a size cap.
    private static func keySet(_ source: String) async throws(UsageFailure) -> JSONWebKeySet {
        let lowered = source.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            do { return try await SenderJWKS.fetch(url: source) } catch { throw UsageFailure("--jwks: \(error)") }
        }
        do {
            return try JSONWebKeySet(parsing: try CommandInput.readFile(source, what: "JWKS"))
        } catch let failure as UsageFailure {
            throw failure
        } catch {
            throw UsageFailure("JWKS file \(source): \(error)")
        }
    }

    private func answerScript() throws(UsageFailure) -> AnswerScript {
        do { return try AnswerScript(parsing: answer, perType: answerFor) } catch { throw UsageFailure("\(error)") }
    }
}
