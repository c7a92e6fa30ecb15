import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import HookSpecReport
import NIOPosix

/// `hookspec probe [URL]`: send the v1 case catalog to a receiver, grade its answers, write reports (SPEC §9).
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Attack a webhook receiver with valid and hostile v1 deliveries and grade its answers.",
        discussion: """
            With a URL, probes that receiver with the secret from --secret or HOOKSPEC_SECRET. Without one,
            starts the reference receiver in-process on a free 127.0.0.1 port with a fresh secret and
            probes it (--mutant probes one of its deliberately broken variants instead).
            Exit codes (SPEC §9.7): 0 no FAIL and no ERROR; 1 at least one FAIL; 2 usage or harness
            error, including ERROR verdicts (timeouts, refused connections, TLS) without any FAIL.
            """)

    @Argument(help: "Receiver URL (http or https). Omit to probe the embedded reference receiver.")
    var url: String?

    @Option(help: "whsec_ secret the receiver trusts. Default: $HOOKSPEC_SECRET.")
    var secret: String?

    @Flag(help: "NON-STRICT verdicts (accepted but not preferred answers) count as FAIL.")
    var strict = false

    @Option(parsing: .singleValue, help: "Run only cases with this ID prefix (sig, ts/3); repeat or comma-separate. The baseline always runs.")
    var only: [String] = []

    @Option(parsing: .singleValue, help: "Skip cases with this ID prefix; repeat or comma-separate.")
    var skip: [String] = []

    @Flag(help: "Also run the large-body cases (1 MiB and 16 MiB).")
    var largeBodies = false

    @Option(help: "Seconds per request, connect included.")
    var timeout: Double = 15

    @Option(help: "Requests per second. Default: 20 for non-loopback targets, unlimited on loopback.")
    var rate: Double?

    @Option(help: "Most requests the run may send.")
    var budget: Int = 1_000

    @Option(help: "PEM file of extra CA certificates for https targets.")
    var cacert: String?

    @Flag(help: "Do not verify the target's TLS certificate (dangerous; says so loudly).")
    var insecure = false

    @Option(help: "With no URL: probe this mutant of the embedded receiver (see hookspec serve --list-mutants).")
    var mutant: String?

    @Flag(help: "Print the case catalog and exit.")
    var list = false

    @Option(help: "JUnit XML report path.")
    var junit = "reports/probe.xml"

    @Option(help: "JSON report path.")
    var json = "reports/probe.json"

    @Option(help: "Markdown report path.")
    var markdown = "reports/probe.md"

    func run() async throws {
        if list {
            Console.line(CatalogListing.text(ProbeCatalog.all))
            return
        }
        let selection = CaseSelection(only: Self.split(only), skip: Self.split(skip), largeBodies: largeBodies)
        let unknown = selection.unknownPrefixes(in: ProbeCatalog.all)
        guard unknown.isEmpty else { Self.usage("no case matches \(unknown.joined(separator: ", ")); see hookspec probe --list") }
        guard timeout > 0, timeout.isFinite else { Self.usage("--timeout must be a positive number of seconds") }
        guard budget > 0 else { Self.usage("--budget must be positive") }
        if let rate, !(rate > 0 && rate.isFinite) { Self.usage("--rate must be a positive number") }
        guard !(insecure && cacert != nil) else { Self.usage("--insecure and --cacert contradict each other") }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var embedded: WebhookReceiver?
        let exitCode: Int32
        switch await prepareTarget(group: group) {
        case .success(let setup):
            embedded = setup.receiver
            exitCode = await probe(setup, selection: selection, group: group)
        case .failure(let failure):
            Console.error("hookspec probe: error: \(failure.message)")
            exitCode = 2
        }
        if let embedded { await embedded.stop() }
        try? await group.shutdownGracefully()
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    private struct SetupFailure: Error {
        let message: String
    }

    private struct PreparedTarget {
        let target: ProbeTarget
        let secret: WebhookSecret
        let receiver: WebhookReceiver?
    }

    private func prepareTarget(group: MultiThreadedEventLoopGroup) async -> Result<PreparedTarget, SetupFailure> {
        let secretText = secret ?? ProcessInfo.processInfo.environment["HOOKSPEC_SECRET"]
        if let url {
            guard mutant == nil else { return .failure(SetupFailure(message: "--mutant applies to the embedded receiver only (no URL)")) }
            guard let secretText, !secretText.isEmpty else { return .failure(SetupFailure(message: "give --secret whsec_... or set HOOKSPEC_SECRET")) }
            let parsed: WebhookSecret
            do { parsed = try WebhookSecret(parsing: secretText) } catch { return .failure(SetupFailure(message: "secret: \(error)")) }
            do {
                return .success(PreparedTarget(target: try ProbeTarget(url: url), secret: parsed, receiver: nil))
            } catch {
                return .failure(SetupFailure(message: "URL: \(error)"))
            }
        }
        var chosenMutant: ReceiverMutant?
        if let mutant {
            guard let known = ReceiverMutant(rawValue: mutant) else { return .failure(SetupFailure(message: "unknown mutant \(mutant); see hookspec serve --list-mutants")) }
            chosenMutant = known
        }
        let parsed: WebhookSecret
        do {
            parsed = try secretText.map { try WebhookSecret(parsing: $0) } ?? WebhookSecret.random()
        } catch {
            return .failure(SetupFailure(message: "secret: \(error)"))
        }
        do {
            let receiver = try WebhookReceiver(configuration: ReceiverConfiguration(secrets: [parsed], mutant: chosenMutant))
            let port = try await receiver.start()
            Console.line("hookspec probe: no URL given; started the reference receiver\(chosenMutant.map { " as MUTANT \($0.name)" } ?? "") on http://127.0.0.1:\(port)/hook (secret \(parsed), generated for this run)")
            return .success(PreparedTarget(target: try ProbeTarget(url: "http://127.0.0.1:\(port)/hook"), secret: parsed, receiver: receiver))
        } catch {
            return .failure(SetupFailure(message: "embedded receiver: \(error)"))
        }
    }

    private func probe(_ setup: PreparedTarget, selection: CaseSelection, group: MultiThreadedEventLoopGroup) async -> Int32 {
        let trust: CertificateTrust = insecure ? .insecure : cacert.map { .systemAnd(caFile: $0) } ?? .system
        if insecure {
            Console.error("WARNING: --insecure: the TLS certificate of \(setup.target) is NOT verified; anyone on the path can read and answer these requests.")
        }
        let transport: NIOProbeTransport
        do {
            transport = try NIOProbeTransport(
                target: setup.target,
                configuration: TransportConfiguration(connectTimeoutSeconds: min(5, timeout), totalTimeoutSeconds: timeout, trust: trust),
                group: group,
                rateLimiter: RequestRateLimiter.forTarget(setup.target, requestedRate: rate),
                budget: RequestBudget(limit: budget)
            )
        } catch {
            Console.error("hookspec probe: error: \(error)")
            return 2
        }
        let observer: (any DeliveryObserver)? = setup.receiver.map { receiver in
            ClosureDeliveryObserver { id in
                await receiver.ledger.waitUntilIdle()
                return receiver.ledger.timesProcessed(id)
            }
        }
        let runner = ProbeRunner(transport: transport, keys: .v1(HMACRunKeys(secret: setup.secret)), observer: observer)
        let configuration = ProbeConfiguration(
            targetDescription: setup.target.description, selection: selection, strict: strict, toolVersion: HookSpecVersion.current)
        let printer = ProbeProgressPrinter(useColor: ColorChoice.useColor())
        Console.line("hookspec probe \(HookSpecVersion.current): \(setup.target), catalog \(ProbeCatalog.version)\(strict ? ", strict" : "")")
        let result = await runner.run(configuration, progress: { printer.print($0) })

        let report = ProbeReportBuilder(leakDetector: LeakDetector(secret: setup.secret)).report(result)
        Console.line("")
        // The terminal lists what was run; cases left out by selection are counted, not listed (the files keep them).
        var shown = report
        shown.suites = report.suites.map { suite in
            var suite = suite
            suite.cases.removeAll { $0.verdictLabel == ProbeVerdict.skipped.rawValue }
            return suite
        }.filter { !$0.cases.isEmpty }
        Console.line(TerminalSummaryWriter(useColor: printer.useColor).render(shown))
        if result.count(.skipped) > 0 { Console.line("\(result.count(.skipped)) cases not run (--only, --skip, or --large-bodies not given); listed in the report files.") }
        Console.line(printer.verdictLine(result))
        if let diagnosis = result.diagnosis { Console.line("Diagnosis: " + diagnosis.conclusion) }
        let paths = ProbeReportPaths(junit: junit, json: json, markdown: markdown)
        let failures = paths.write(report)
        for failure in failures { Console.error("hookspec probe: error: \(failure)") }
        Console.line("Reports: \(paths.junit), \(paths.json), \(paths.markdown)")
        // A lost report is a harness error (SPEC §9.7), whatever the verdicts were.
        let code = failures.isEmpty ? result.exitCode : 2
        Console.line("Exit code \(code).")
        return code
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func usage(_ message: String) -> Never {
        Console.error("hookspec probe: error: \(message)")
        Foundation.exit(2)
    }
}
