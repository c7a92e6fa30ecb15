import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import HookSpecReport
import NIOPosix

/// `--scheme`: one of the three, or `auto` (SPEC §9.5).
enum SchemeArgument: String, ExpressibleByArgument, CaseIterable {
    case v1, v1a, jwt, auto

    var choice: SchemeChoice {
        switch self {
        case .v1: .fixed(.v1)
        case .v1a: .fixed(.v1a)
        case .jwt: .fixed(.jwt)
        case .auto: .auto
        }
    }
}

/// `--serve-scheme`: the embedded receiver's scheme when `--scheme auto` has no URL.
enum EmbeddedSchemeArgument: String, ExpressibleByArgument, CaseIterable {
    case v1, v1a, jwt

    var scheme: ProbeScheme {
        switch self {
        case .v1: .v1
        case .v1a: .v1a
        case .jwt: .jwt
        }
    }
}

/// `hookspec probe [URL]`: sends the case catalog of a scheme to a receiver, grades its answers and
/// writes reports (SPEC §9). It only parses and validates; `ProbeSession` does the run.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Attack a webhook receiver with valid and hostile deliveries (v1, v1a or jwt) and grade its answers.",
        discussion: """
            With a URL, probes that receiver: v1 with the secret from --secret or HOOKSPEC_SECRET; v1a and jwt \
            with keys made for the run, served as a JWKS on 127.0.0.1 (--jwks-port) that the receiver must trust. \
            Without a URL, starts the reference receiver in-process (--mutant probes a broken variant). \
            Exit codes (SPEC §9.7): 0 no FAIL and no ERROR; 1 at least one FAIL; 2 usage or harness error, \
            including ERROR verdicts (timeouts, refused connections, TLS) without any FAIL.
            """)

    @Argument(help: "Receiver URL (http or https). Omit to probe the embedded reference receiver.")
    var url: String?

    @Option(help: "Signature scheme: v1, v1a, jwt, or auto (send the baseline in each and probe with the one accepted).")
    var scheme: SchemeArgument = .v1

    @Option(help: "With --scheme auto and no URL: the embedded receiver's scheme.")
    var serveScheme: EmbeddedSchemeArgument = .v1

    @Option(help: "whsec_ secret the receiver trusts (v1). Default: $HOOKSPEC_SECRET.")
    var secret: String?

    @Option(help: "The aud a jwt receiver expects.")
    var audience: String = RSARunKeys.defaultAudience

    @Option(parsing: .unconditional, help: "Port of the probe's JWKS host on 127.0.0.1 (v1a, jwt); 0 picks a free one. Fix it so a receiver configured once keeps working.")
    var jwksPort: Int = 0

    @Flag(help: "NON-STRICT verdicts (accepted but not preferred answers) count as FAIL.")
    var strict = false

    @Flag(help: "WRONG-CODE verdicts (refused with a 4xx other than 400/401/403) count as FAIL.")
    var strictCodes = false

    @Option(parsing: .singleValue, help: "Run only cases with this ID prefix (sig, ts/3); repeat or comma-separate. The baseline always runs.")
    var only: [String] = []

    @Option(parsing: .singleValue, help: "Skip cases with this ID prefix; repeat or comma-separate.")
    var skip: [String] = []

    @Flag(help: "Also run the large-body cases (1 MiB and 16 MiB).")
    var largeBodies = false

    @Option(parsing: .unconditional, help: "Seconds after which a valid delivery's 2xx is NON-STRICT (SPEC §6: 2).")
    var latencyWarn: Double = LatencyLimits.specified.warnSeconds

    @Option(parsing: .unconditional, help: "Seconds after which a valid delivery's 2xx is FAIL (SPEC §6: 10); keep it under --timeout.")
    var latencyFail: Double = LatencyLimits.specified.failSeconds

    @Option(parsing: .unconditional, help: "Seconds per request, connect included.")
    var timeout: Double = 15

    @Option(parsing: .unconditional, help: "Requests per second. Default: 20 for non-loopback targets, unlimited on loopback.")
    var rate: Double?

    @Option(parsing: .unconditional, help: "Most requests the run may send.")
    var budget: Int = 1_000

    @Option(help: "PEM file of extra CA certificates for https targets.")
    var cacert: String?

    @Flag(help: "Do not verify the target's TLS certificate (dangerous; says so loudly).")
    var insecure = false

    @Option(help: "With no URL: probe this mutant of the embedded receiver (see hookspec serve --list-mutants).")
    var mutant: String?

    @Option(help: "A shell command that prints the webhook-ids the receiver processed, one per line; replay cases then grade 'processed at most once'.")
    var observeCmd: String?

    @Option(help: "A URL whose GET answer lists the webhook-ids the receiver processed, one per line (like --observe-cmd).")
    var observeURL: String?

    @Flag(help: "Print the case catalog and exit.")
    var list = false

    @Option(help: "JUnit XML report path.")
    var junit = "reports/probe.xml"

    @Option(help: "JSON report path.")
    var json = "reports/probe.json"

    @Option(help: "Markdown report path.")
    var markdown = "reports/probe.md"

    @Option(help: "SARIF 2.1.0 report path (for code scanning).")
    var sarif = "reports/probe.sarif"

    @Option(help: "Repository-relative path SARIF results point at (code scanning rejects URL locations; the target URL goes in properties).")
    var sarifLocation = ProbeReportPaths.defaultSARIFLocation

    @Option(help: "Self-contained HTML report path.")
    var html = "reports/probe.html"

    @Flag(help: "Print a GitHub Actions ::error annotation per FAIL.")
    var github = false

    @Option(help: "Key file (hookspec keys new) for the run: v1 uses its secret unless --secret is given; v1a needs 2+ Ed25519 keys; jwt needs 2+ RSA-2048 keys. Reproductions name it.")
    var keyFile: String?

    @Option(help: "Run the cases of an earlier JSON report again (fresh ids and timestamps), with the scheme it recorded.")
    var replay: String?

    @Option(parsing: .singleValue, help: "With --replay: only cases that had these verdicts (FAIL,NON-STRICT,...); repeat or comma-separate.")
    var replayVerdicts: [String] = []

    func validate() throws {
        guard !list else { return }
        let unknown = selection.unknownPrefixes(in: ProbeCatalog.all)
        guard unknown.isEmpty else { throw ValidationError("no case matches \(unknown.joined(separator: ", ")); see hookspec probe --list") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        guard budget > 0 else { throw ValidationError("--budget must be positive") }
        guard latencyWarn > 0, latencyWarn.isFinite, latencyFail.isFinite, latencyWarn <= latencyFail else {
            throw ValidationError("--latency-warn must be positive and at most --latency-fail (\(latencyWarn), \(latencyFail))")
        }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate must be a positive number") }
        guard !(insecure && cacert != nil) else { throw ValidationError("--insecure and --cacert contradict each other") }
        guard (0...65_535).contains(jwksPort) else { throw ValidationError("--jwks-port must be 0 to 65535") }
        guard !audience.isEmpty else { throw ValidationError("--audience must not be empty") }
        guard url == nil || mutant == nil else { throw ValidationError("--mutant applies to the embedded receiver only (no URL)") }
        guard observeCmd == nil || observeURL == nil else { throw ValidationError("give --observe-cmd or --observe-url, not both") }
        if let observeURL { _ = try Self.target(observeURL, option: "--observe-url") }
        if let url { _ = try Self.target(url, option: "URL") }
        if url != nil, scheme == .v1, secretText == nil, keyFile == nil, replay == nil {
            throw ValidationError("give --secret whsec_... or set HOOKSPEC_SECRET")
        }
        if let secretText { _ = try Self.secret(secretText) }
        guard replay != nil || replayVerdicts.isEmpty else { throw ValidationError("--replay-verdicts needs --replay") }
        _ = try Self.verdicts(replayVerdicts)
        if replay != nil {
            guard only.isEmpty, skip.isEmpty else { throw ValidationError("--replay chooses the cases; leave out --only and --skip") }
            guard scheme == .v1 || scheme == .auto else { throw ValidationError("--replay uses the scheme the report recorded; leave out --scheme") }
        }
        guard !sarifLocation.isEmpty, !sarifLocation.hasPrefix("/"), !sarifLocation.contains("://") else {
            throw ValidationError("--sarif-location must be a repository-relative path, not \(sarifLocation)")
        }
    }

    func run() async throws {
        if list {
            Console.line(CatalogListing.text(ProbeCatalog.all))
            return
        }
        if insecure {
            Console.error("WARNING: --insecure: the TLS certificate of the target is NOT verified; anyone on the path can read and answer these requests.")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let options: ProbeSessionOptions
        do { options = try sessionOptions(group: group) } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let printer = ProbeProgressPrinter(useColor: ColorChoice.useColor())
        let session = ProbeSession(options: options, launcher: ReferenceReceiverLauncher(), group: group)
        let outcome = await session.run { event in
            switch event {
            case .line(let text): Console.line(TerminalSafe.line(text))
            case .warning(let text): Console.error(TerminalSafe.line(text))
            case .progress(let progress): printer.print(progress)
            }
        }
        try? await group.shutdownGracefully()
        if let failure = outcome.setupFailure {
            Console.error("hookspec probe: error: \(failure)")
        }
        if let result = outcome.result, let report = outcome.report {
            Console.line("")
            // The terminal lists what was run; cases left out by selection are counted, not listed (the files keep them).
            var shown = report
            shown.suites = report.suites.map { suite in
                var suite = suite
                suite.cases.removeAll { $0.verdict == .skipped }
                return suite
            }.filter { !$0.cases.isEmpty }
            if result.count(.skipped) > 0 { Console.line("\(result.count(.skipped)) cases not run (other schemes, --only, --skip, or --large-bodies not given); listed in the report files.") }
            Console.line(printer.requestLine(result))
            if let closing = result.closingBaseline { Console.line("Closing baseline: " + closing.summary) }
            if let diagnosis = result.diagnosis { Console.line("Diagnosis: " + diagnosis.conclusion) }
            if github {
                let annotations = GitHubActions.errorAnnotations(report, file: sarifLocation)
                if !annotations.isEmpty { Console.line(annotations) }
            }
            for failure in outcome.reportFailures { Console.error("hookspec probe: error: \(failure)") }
            // The summary's counts are the only ones printed, and its last line names the reports written.
            Console.line(TerminalSummaryWriter(useColor: printer.useColor).render(shown, reportPaths: outcome.reportPaths))
        }
        Console.line("Exit code \(outcome.exitCode).")
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    private var secretText: String? { secret ?? ProcessInfo.processInfo.environment["HOOKSPEC_SECRET"] }

    private var selection: CaseSelection {
        CaseSelection(only: Self.split(only), skip: Self.split(skip), largeBodies: largeBodies)
    }

    private static func verdicts(_ values: [String]) throws -> Set<ReportVerdict>? {
        let names = split(values)
        guard !names.isEmpty else { return nil }
        var verdicts: Set<ReportVerdict> = []
        for name in names {
            guard let verdict = ReportVerdict(rawValue: name.uppercased()) else {
                throw ValidationError("--replay-verdicts: \(name) is not one of \(ReportVerdict.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            verdicts.insert(verdict)
        }
        return verdicts
    }

    private func sessionOptions(group: MultiThreadedEventLoopGroup) throws -> ProbeSessionOptions {
        let trust: CertificateTrust = insecure ? .insecure : cacert.map { .systemAnd(caFile: $0) } ?? .system
        let transport = TransportConfiguration(connectTimeoutSeconds: min(5, timeout), totalTimeoutSeconds: timeout, trust: trust)
        var observer: (any DeliveryObserver)?
        if let observeCmd { observer = CommandDeliveryObserver(command: observeCmd) }
        if let observeURL {
            let target = try Self.target(observeURL, option: "--observe-url")
            observer = URLDeliveryObserver(transport: try NIOProbeTransport(target: target, configuration: transport, group: group))
        }
        var keyFileKeys: KeyFile?
        if let keyFile {
            do { keyFileKeys = try KeyFile(parsing: CommandInput.readFile(keyFile, what: "key")) } catch { throw ValidationError("key file \(keyFile): \(error)") }
        }
        var schemeChoice = scheme.choice
        var embeddedScheme = serveScheme.scheme
        var caseSelection = selection
        if let replay {
            let plan: ProbeReplayPlan
            do {
                plan = try ProbeReplayPlan(parsing: CommandInput.readFile(replay, what: "report"), verdicts: Self.verdicts(replayVerdicts))
            } catch {
                throw ValidationError("--replay \(replay): \(error)")
            }
            schemeChoice = .fixed(plan.scheme)
            embeddedScheme = plan.scheme
            caseSelection = plan.selection
            Console.line("hookspec probe: replaying \(plan.caseIDs.count) case\(plan.caseIDs.count == 1 ? "" : "s") of \(replay) with scheme \(plan.scheme.rawValue)")
        }
        // GitHub Actions names its step summary file in the environment; only the edge reads it.
        let stepSummary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"].flatMap { $0.isEmpty ? nil : $0 }
        return ProbeSessionOptions(
            url: url, scheme: schemeChoice, embeddedScheme: embeddedScheme, mutant: mutant,
            secret: try secretText.map(Self.secret),
            // Reproductions name the file; a relative path would break when run from another directory.
            keyFile: keyFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, keyFileKeys: keyFileKeys, audience: audience, jwksPort: jwksPort,
            selection: caseSelection, strict: strict, strictCodes: strictCodes, transport: transport,
            latency: LatencyLimits(warnSeconds: latencyWarn, failSeconds: latencyFail), rate: rate, budget: budget, observer: observer,
            reports: ProbeReportPaths(
                junit: junit, json: json, markdown: markdown, sarif: sarif, sarifLocation: sarifLocation, html: html, stepSummary: stepSummary),
            toolVersion: HookSpecVersion.current)
    }

    private static func secret(_ text: String) throws -> WebhookSecret {
        do { return try WebhookSecret(parsing: text) } catch { throw ValidationError("secret: \(error)") }
    }

    private static func target(_ text: String, option: String) throws -> ProbeTarget {
        do { return try ProbeTarget(url: text) } catch { throw ValidationError("\(option): \(error)") }
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
