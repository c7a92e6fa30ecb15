import Foundation
import HookSpecCore
import HookSpecReport
import NIOCore

/// Which scheme a session probes with.
public enum SchemeChoice: Sendable, Hashable {
    /// This one.
    case fixed(ProbeScheme)
    /// Send the baseline in every scheme and probe with the one the receiver accepts (SPEC §9.5).
    case auto
}

/// Everything a probe session needs, as the command line, the tests and the benchmark give it (SPEC §9, §11.5).
public struct ProbeSessionOptions: Sendable {
    /// The receiver URL; nil probes the embedded reference receiver.
    public var url: String?
    /// The scheme.
    public var scheme: SchemeChoice
    /// The embedded receiver's scheme when `scheme` is `auto` and there is no URL.
    public var embeddedScheme: ProbeScheme
    /// The embedded receiver's mutant, by name.
    public var mutant: String?
    /// The `v1` secret the receiver holds; with no URL a fresh one is made when nil.
    public var secret: WebhookSecret?
    /// Keys made beforehand (tests reuse RSA keys across runs); missing schemes get fresh keys.
    public var keys: [ProbeScheme: ProbeKeys]
    /// The key file the keys came from, named in reproductions.
    public var keyFile: String?
    /// The key file's contents: keys of every scheme not in `keys` come from it (`ProbeKeys.fromKeyFile`).
    public var keyFileKeys: KeyFile?
    /// The `aud` a `jwt` receiver expects.
    public var audience: String
    /// The JWKS host's port on 127.0.0.1 (0: a free one).
    public var jwksPort: Int
    /// Which cases run.
    public var selection: CaseSelection
    /// NON-STRICT counts as FAIL.
    public var strict: Bool
    /// WRONG-CODE counts as FAIL.
    public var strictCodes: Bool
    /// Timeouts and certificate trust.
    public var transport: TransportConfiguration
    /// When a valid delivery's answer is slow (SPEC §6); a slow staging host may need more.
    public var latency: LatencyLimits
    /// Requests per second; nil: 20 for remote targets, unlimited on loopback.
    public var rate: Double?
    /// Most requests the run may send.
    public var budget: Int
    /// Observation hook for URL targets (the embedded receiver brings its own processing log).
    public var observer: (any DeliveryObserver)?
    /// Where the reports go.
    public var reports: ProbeReportPaths
    /// hookspec's version, for reports.
    public var toolVersion: String

    /// Options with the defaults of `hookspec probe`.
    public init(
        url: String? = nil, scheme: SchemeChoice = .fixed(.v1), embeddedScheme: ProbeScheme = .v1, mutant: String? = nil,
        secret: WebhookSecret? = nil, keys: [ProbeScheme: ProbeKeys] = [:], keyFile: String? = nil, keyFileKeys: KeyFile? = nil,
        audience: String = RSARunKeys.defaultAudience, jwksPort: Int = 0, selection: CaseSelection = .init(),
        strict: Bool = false, strictCodes: Bool = false, transport: TransportConfiguration = .init(), latency: LatencyLimits = .specified,
        rate: Double? = nil, budget: Int = 1_000, observer: (any DeliveryObserver)? = nil, reports: ProbeReportPaths = .init(),
        toolVersion: String
    ) {
        self.latency = latency
        self.url = url
        self.scheme = scheme
        self.embeddedScheme = embeddedScheme
        self.mutant = mutant
        self.secret = secret
        self.keys = keys
        self.keyFile = keyFile
        self.keyFileKeys = keyFileKeys
        self.audience = audience
        self.jwksPort = jwksPort
        self.selection = selection
        self.strict = strict
        self.strictCodes = strictCodes
        self.transport = transport
        self.rate = rate
        self.budget = budget
        self.observer = observer
        self.reports = reports
        self.toolVersion = toolVersion
    }
}

/// What a session tells the terminal as it goes.
public enum ProbeSessionEvent: Sendable {
    /// A line for standard output.
    case line(String)
    /// A line for standard error.
    case warning(String)
    /// Progress of the battery.
    case progress(ProbeProgress)
}

/// How `--scheme auto` chose (SPEC §9.5).
public struct SchemeDetection: Sendable {
    /// Each scheme's baseline and what came back.
    public let attempts: [(scheme: ProbeScheme, answer: ProbeAnswer)]
    /// The scheme probed with, nil when none was accepted.
    public let chosen: ProbeScheme?
    /// One paragraph for reports.
    public let conclusion: String
}

/// The end of a session.
public struct ProbeSessionOutcome: Sendable {
    /// The battery's result; nil when the session failed before sending anything.
    public let result: ProbeRunResult?
    /// The report written; nil with `result`.
    public let report: TestReport?
    /// What `--scheme auto` found.
    public let detection: SchemeDetection?
    /// Reports that could not be written.
    public let reportFailures: [ReportWriteError]
    /// Reports written, in order; only these are named to the user.
    public let reportPaths: [String]
    /// Why the session could not run, when it could not.
    public let setupFailure: String?

    /// SPEC §9.7: 1 on any FAIL; 2 on ERROR, a lost report or a failed setup; else 0.
    public var exitCode: Int32 {
        if setupFailure != nil { return 2 }
        guard let result else { return 2 }
        return reportFailures.isEmpty ? result.exitCode : 2
    }
}

/// Starts a probe run the same way for the command line, the tests and the benchmark: scheme and
/// keys, JWKS host, target, transport, runner, reports, exit code (SPEC §11.5).
public struct ProbeSession: Sendable {
    /// What to do.
    public let options: ProbeSessionOptions
    /// Starts the embedded receiver when there is no URL.
    public let launcher: (any EmbeddedReceiverLauncher)?
    /// The event loops the transport runs on (the caller owns them).
    public let group: any EventLoopGroup

    /// A session.
    public init(options: ProbeSessionOptions, launcher: (any EmbeddedReceiverLauncher)?, group: any EventLoopGroup) {
        self.options = options
        self.launcher = launcher
        self.group = group
    }

    private struct SetupError: Error { let message: String }

    /// Runs the session; always ends with an outcome, never throws.
    public func run(events: @escaping @Sendable (ProbeSessionEvent) -> Void = { _ in }) async -> ProbeSessionOutcome {
        var host: JWKSHost?
        var receiver: EmbeddedReceiverHandle?
        defer { _ = (host, receiver) }
        let outcome: ProbeSessionOutcome
        do {
            let keys = try makeKeys()
            if keys.values.contains(where: { $0.scheme.usesJWKS }) {
                let started = try await startHost(keys)
                host = started
                events(.line("hookspec probe: JWKS at \(started.trustedURL) (attacker JWKS at \(started.attackerURL))"))
                for case .v1a(let v1a) in keys.values {
                    events(.line("hookspec probe: v1a public keys (for receivers configured without a JWKS): " + v1a.published.map(\.key.publicKey.exportedText).joined(separator: " ")))
                }
            }
            let target: ProbeTarget
            var observer = options.observer
            if let url = options.url {
                do { target = try ProbeTarget(url: url) } catch { throw SetupError(message: "URL: \(error)") }
            } else {
                guard let launcher else { throw SetupError(message: "no URL given and no embedded receiver available") }
                let scheme = fixedScheme ?? options.embeddedScheme
                guard let schemeKeys = keys[scheme] else { throw SetupError(message: "no keys for the embedded receiver's scheme \(scheme.rawValue)") }
                let setup = EmbeddedReceiverSetup(
                    scheme: scheme, secret: Self.secret(of: schemeKeys), jwksURL: host?.trustedURL,
                    audience: options.audience, mutant: options.mutant)
                let started: EmbeddedReceiverHandle
                do { started = try await launcher.launch(setup) } catch { throw SetupError(message: "embedded receiver: \(error)") }
                receiver = started
                events(.line("hookspec probe: no URL given; " + started.description))
                observer = observer ?? started.observer
                do { target = try ProbeTarget(url: started.url) } catch { throw SetupError(message: "embedded receiver URL: \(error)") }
            }
            let transport: NIOProbeTransport
            do {
                transport = try NIOProbeTransport(
                    target: target, configuration: options.transport, group: group,
                    rateLimiter: RequestRateLimiter.forTarget(target, requestedRate: options.rate), budget: RequestBudget(limit: options.budget))
            } catch {
                throw SetupError(message: "\(error)")
            }
            var detection: SchemeDetection?
            let scheme: ProbeScheme
            if let fixed = fixedScheme {
                scheme = fixed
            } else {
                let detected = await detect(keys: keys, transport: transport, host: host)
                detection = detected
                events(.line("hookspec probe: --scheme auto: " + detected.conclusion))
                scheme = detected.chosen ?? (keys[.v1] != nil ? .v1 : .v1a)
            }
            guard let runKeys = keys[scheme] else { throw SetupError(message: "no keys for scheme \(scheme.rawValue)") }
            events(.line("hookspec probe \(options.toolVersion): \(target), scheme \(scheme.rawValue), catalog \(ProbeCatalog.version)\(options.strict ? ", strict" : "")"))
            let runner = ProbeRunner(transport: transport, keys: runKeys, jwksHost: host, observer: observer)
            let configuration = ProbeConfiguration(
                targetDescription: target.description, selection: options.selection, strict: options.strict,
                strictCodes: options.strictCodes, toolVersion: options.toolVersion, latency: options.latency)
            let result = await runner.run(configuration, progress: { events(.progress($0)) })
            var report = ProbeReportBuilder(keys: runKeys, keyFile: options.keyFile).report(result)
            if let detection {
                report.properties.append(ReportProperty("scheme.detection", detection.conclusion))
            }
            let written = options.reports.write(report, toolVersion: options.toolVersion)
            outcome = ProbeSessionOutcome(
                result: result, report: report, detection: detection, reportFailures: written.failures, reportPaths: written.paths, setupFailure: nil)
        } catch let error as SetupError {
            outcome = ProbeSessionOutcome(result: nil, report: nil, detection: nil, reportFailures: [], reportPaths: [], setupFailure: error.message)
        } catch {
            outcome = ProbeSessionOutcome(result: nil, report: nil, detection: nil, reportFailures: [], reportPaths: [], setupFailure: "\(error)")
        }
        if let receiver { await receiver.stop() }
        if let host { await host.stop() }
        return outcome
    }

    private var fixedScheme: ProbeScheme? {
        if case .fixed(let scheme) = options.scheme { return scheme }
        return nil
    }

    /// The keys of every scheme the session may use: the given ones, fresh ones for the rest.
    private func makeKeys() throws -> [ProbeScheme: ProbeKeys] {
        let schemes: [ProbeScheme] = fixedScheme.map { [$0] } ?? ProbeScheme.allCases
        var keys: [ProbeScheme: ProbeKeys] = [:]
        for scheme in schemes {
            if let given = options.keys[scheme] {
                keys[scheme] = given
                continue
            }
            // A v1 secret given explicitly wins over the file's.
            if let file = options.keyFileKeys, !(scheme == .v1 && options.secret != nil) {
                do {
                    keys[scheme] = try ProbeKeys.fromKeyFile(file, scheme: scheme, audience: options.audience)
                    continue
                } catch let error as ProbeKeyFileError {
                    // Under --scheme auto a scheme the file cannot sign is left out, not fatal.
                    if fixedScheme != nil { throw SetupError(message: "key file \(options.keyFile ?? ""): \(error)") }
                    continue
                } catch {
                    throw SetupError(message: "RSA key generation: \(error)")
                }
            }
            switch scheme {
            case .v1:
                if let secret = options.secret {
                    keys[.v1] = .v1(HMACRunKeys(secret: secret))
                } else if options.url == nil {
                    keys[.v1] = .v1(HMACRunKeys(secret: HMACRunKeys.freshSecret()))
                } else if fixedScheme == .v1 {
                    throw SetupError(message: "give --secret whsec_... or set HOOKSPEC_SECRET")
                }
            case .v1a:
                keys[.v1a] = .v1a(Ed25519RunKeys.generate())
            case .jwt:
                do { keys[.jwt] = .jwt(try RSARunKeys.generate(audience: options.audience)) } catch { throw SetupError(message: "RSA key generation: \(error)") }
            }
        }
        return keys
    }

    private func startHost(_ keys: [ProbeScheme: ProbeKeys]) async throws -> JWKSHost {
        let ordered = ProbeScheme.allCases.compactMap { keys[$0] }
        do {
            return try await JWKSHost.start(documents: JWKSDocuments(keys: ordered), port: options.jwksPort)
        } catch {
            throw SetupError(message: "JWKS host on 127.0.0.1:\(options.jwksPort): \(error)")
        }
    }

    private static func secret(of keys: ProbeKeys) -> WebhookSecret? {
        if case .v1(let v1) = keys { return v1.secret }
        return nil
    }

    /// Sends `baseline/1` in every scheme with keys and picks the first one accepted (SPEC §9.5).
    private func detect(keys: [ProbeScheme: ProbeKeys], transport: any ProbeTransport, host: JWKSHost?) async -> SchemeDetection {
        var attempts: [(scheme: ProbeScheme, answer: ProbeAnswer)] = []
        let token = DeliveryCraft.hex(DeliveryCraft.filler(seed: "auto-\(UInt64.random(in: 0...UInt64.max))", count: 4))
        for scheme in ProbeScheme.allCases {
            guard let schemeKeys = keys[scheme] else { continue }
            let context = CaseContext(
                keys: schemeKeys, now: Int64(Date().timeIntervalSince1970.rounded(.down)), runToken: token, caseID: "auto/\(scheme.rawValue)",
                attackerJWKSURL: host?.attackerURL)
            guard let request = try? context.valid().request else { continue }
            attempts.append((scheme, await transport.send(request)))
        }
        return SchemeDetection.conclude(attempts)
    }
}

extension SchemeDetection {
    /// The detection of `attempts`: the first scheme whose baseline got a 2xx.
    static func conclude(_ attempts: [(scheme: ProbeScheme, answer: ProbeAnswer)]) -> SchemeDetection {
        func accepted(_ answer: ProbeAnswer) -> Bool {
            if case .response(let response) = answer { return StatusClass.success.contains(response.status) }
            return false
        }
        let answers = attempts.map { "\($0.scheme.rawValue) → \(ProbeReportBuilder.answerSummary($0.answer))" }.joined(separator: "; ")
        let acceptedSchemes = attempts.filter { accepted($0.answer) }.map(\.scheme)
        guard let chosen = acceptedSchemes.first else {
            return SchemeDetection(
                attempts: attempts, chosen: nil,
                conclusion: "no scheme's valid baseline was accepted (\(answers)); the battery runs with \(attempts.first?.scheme.rawValue ?? "v1") so its diagnostics can name the mistake")
        }
        var conclusion = "the receiver accepts \(acceptedSchemes.map(\.rawValue).joined(separator: ", ")) (\(answers)); probing with \(chosen.rawValue)"
        if acceptedSchemes == [.jwt] {
            conclusion += ". It accepts only the documented RS256 JWT, while Gemini's live dynamic deliveries have been seen signed as Standard Webhooks v1a (SPEC §2, python-genai #2927): it may refuse real deliveries"
        }
        return SchemeDetection(attempts: attempts, chosen: chosen, conclusion: conclusion)
    }
}
