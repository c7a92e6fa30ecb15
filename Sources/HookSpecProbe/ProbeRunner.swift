import Foundation
import HookSpecCore

/// Tells the probe how often the target processed an id (SPEC §10 observation hook), so that
/// "answered 2xx" can become "processed once".
public protocol DeliveryObserver: Sendable {
    /// Times `webhookID` was processed once the target's queued work has settled; nil when unknown.
    func timesProcessed(webhookID: String) async -> Int?
}

/// What one probe run is asked to do.
public struct ProbeConfiguration: Sendable {
    /// The target URL as given, for reports and reproductions.
    public var targetDescription: String
    /// Which cases run.
    public var selection: CaseSelection
    /// NON-STRICT counts as FAIL (`--strict`).
    public var strict: Bool
    /// WRONG-CODE counts as FAIL (`--strict-codes`).
    public var strictCodes: Bool
    /// hookspec's version, written into reports.
    public var toolVersion: String
    /// After this many transport failures in a row the target is taken as unreachable and the
    /// remaining cases are ERROR without being sent, so a dead target costs seconds, not minutes.
    ///
    /// The wall-time bound of a run follows: each request ends within the transport's total
    /// timeout (`--timeout`, connect and TLS included), so a target that completes no answer
    /// costs at most `consecutiveFailureLimit` × `--timeout`; any target, however it alternates
    /// answers and failures, costs at most `--budget` × `--timeout` plus the rate limit's pacing.
    public var consecutiveFailureLimit: Int
    /// When a valid delivery's answer is slow (SPEC §6).
    public var latency: LatencyLimits

    /// A configuration.
    public init(
        targetDescription: String, selection: CaseSelection = .init(), strict: Bool = false, strictCodes: Bool = false,
        toolVersion: String, consecutiveFailureLimit: Int = 3, latency: LatencyLimits = .specified
    ) {
        self.latency = latency
        self.targetDescription = targetDescription
        self.selection = selection
        self.strict = strict
        self.strictCodes = strictCodes
        self.toolVersion = toolVersion
        self.consecutiveFailureLimit = max(1, consecutiveFailureLimit)
    }
}

/// One case's outcome.
public struct CaseResult: Sendable {
    /// The case.
    public let probeCase: ProbeCase
    /// Verdict and reason.
    public let grade: Grade
    /// What was sent and what came back; empty when nothing was sent.
    public let exchanges: [ProbeExchange]
    /// What was seen besides the answers.
    public let observations: CaseObservations
    /// Wall time of the case.
    public let durationSeconds: Double
    /// How the requests were built (clock reading, run token, the MACs and signatures made), for reproductions; nil when nothing was built.
    public var build: CaseBuildRecord? = nil
}

/// What a reproduction needs to rebuild a case's requests with a fresh id and timestamp.
public struct CaseBuildRecord: Sendable, Hashable {
    /// The `now` the case was built at.
    public let now: Int64
    /// The run token inside every id of the run.
    public let runToken: String
    /// Every MAC and signature the case made, in order.
    public let signings: [SigningRecord]
    /// Digests the case signed instead of content (pre-hash variants).
    public var digests: [DigestRecord] = []
    /// Public values of untrusted keys the case may have put into its requests.
    public var untrustedForms: [UntrustedPublicForm] = []
    /// The attacker JWKS URL the probe's JWKS host served during the case, if one ran.
    public var attackerJWKSURL: String? = nil
}

/// A whole run, as the report builder and the command line see it.
public struct ProbeRunResult: Sendable {
    /// What was asked.
    public let configuration: ProbeConfiguration
    /// The scheme the run signed with.
    public let scheme: ProbeScheme
    /// The trusted and attacker JWKS URLs, when the probe served them.
    public let jwks: (trusted: String, attacker: String)?
    /// Every JWKS host request of the run, with the case that was running.
    public let jwksFetchLog: [(caseID: String?, fetch: JWKSFetch)]
    /// One result per catalog case, in catalog order (skipped ones included).
    public let results: [CaseResult]
    /// Whether the valid deliveries were accepted (SPEC §9.3).
    public let baselineHeld: Bool
    /// The baseline sent again after the battery, when the opening one held (SPEC §9.3).
    public let closingBaseline: ClosingBaseline?
    /// The §9.6 diagnosis, when the baseline was refused.
    public let diagnosis: BaselineDiagnosis?
    /// Unix seconds at the start.
    public let startedAt: Int64
    /// Wall time of the run.
    public let durationSeconds: Double
    /// Requests handed to the transport, diagnostics included.
    public let requestsSent: Int
    /// Whether an observation hook reported how often ids were processed (SPEC §10).
    public let processingObserved: Bool

    /// Number of results with `verdict`.
    public func count(_ verdict: ProbeVerdict) -> Int {
        results.count { $0.grade.verdict == verdict }
    }

    /// SPEC §9.7: 1 when any case FAILs; otherwise 2 when any case is ERROR (the harness or the
    /// network failed, so "no FAIL" proves nothing); otherwise 0.
    public var exitCode: Int32 {
        if count(.fail) > 0 { return 1 }
        if count(.error) > 0 { return 2 }
        return 0
    }
}

/// Progress of a run, for the terminal.
public enum ProbeProgress: Sendable {
    /// The run starts with `total` cases to send.
    case started(total: Int)
    /// A case finished (sent ones only).
    case finished(CaseResult, index: Int, total: Int)
    /// The baseline was refused; the §9.6 diagnostics start.
    case diagnosing
    /// The target is taken as unreachable (or the budget is spent): the remaining `count` cases
    /// end in ERROR without being sent, and get no `finished` event each (one fact, said once).
    case stoppedSending(count: Int, reason: String)
}

/// Runs the battery: options → cases → signed requests → answers → verdicts (SPEC §9, §11).
///
/// Cases run one after another, baseline first; the transport owns timeouts, rate and budget.
public struct ProbeRunner: Sendable {
    /// Sends requests.
    public let transport: any ProbeTransport
    /// Observes processing, when the target allows it.
    public let observer: (any DeliveryObserver)?
    /// The run's scheme and keys.
    public let keys: ProbeKeys
    /// The JWKS host, for `v1a` and `jwt` runs.
    public let jwksHost: (any JWKSHostControl)?
    /// Unix seconds now.
    public let clock: @Sendable () -> Int64

    /// A runner.
    public init(
        transport: any ProbeTransport, keys: ProbeKeys, jwksHost: (any JWKSHostControl)? = nil, observer: (any DeliveryObserver)? = nil,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970.rounded(.down)) }
    ) {
        self.transport = transport
        self.keys = keys
        self.jwksHost = jwksHost
        self.observer = observer
        self.clock = clock
    }

    /// Runs `catalog` under `configuration`; always returns a complete result, never throws.
    public func run(
        _ configuration: ProbeConfiguration, catalog: [ProbeCase] = ProbeCatalog.all,
        progress: @Sendable (ProbeProgress) -> Void = { _ in }
    ) async -> ProbeRunResult {
        let runStart = ContinuousClock.now
        let startedAt = clock()
        let runToken = DeliveryCraft.hex(Array(DeliveryCraft.filler(seed: "\(startedAt)-\(UInt64.random(in: 0...UInt64.max))", count: 4)))
        let grader = ProbeGrader(
            strict: configuration.strict, strictCodes: configuration.strictCodes, leakDetector: LeakDetector(confidentialForms: keys.confidentialForms),
            latency: configuration.latency)
        let scheme = keys.scheme
        func exclusion(_ probeCase: ProbeCase) -> String? {
            if !probeCase.schemes.contains(scheme) {
                return "not applicable to \(scheme.rawValue): runs under \(probeCase.schemes.summary)"
            }
            return configuration.selection.exclusionReason(for: probeCase)
        }

        let total = catalog.count { exclusion($0) == nil }
        progress(.started(total: total))
        var results: [CaseResult] = []
        var baselineHeld = true
        var baselineAnswered = false
        var consecutiveFailures = 0
        var lastFailure: TransportFailure?
        var requestsSent = 0
        var sentIndex = 0
        var stoppedSending = false

        for probeCase in catalog {
            if let reason = exclusion(probeCase) {
                results.append(CaseResult(probeCase: probeCase, grade: Grade(.skipped, reason), exchanges: [], observations: .none, durationSeconds: 0))
                continue
            }
            sentIndex += 1
            let result: CaseResult
            if consecutiveFailures >= configuration.consecutiveFailureLimit {
                let reason: String
                if case .budgetExhausted(let limit)? = lastFailure {
                    reason = "not sent: the request budget of \(limit) is spent (--budget)"
                } else {
                    reason = "not sent: the last \(consecutiveFailures) requests got no answer (last: \(lastFailure.map(\.description) ?? "unknown")), so the target is treated as unreachable"
                }
                result = CaseResult(probeCase: probeCase, grade: Grade(.error, reason), exchanges: [], observations: .none, durationSeconds: 0)
                if !stoppedSending {
                    stoppedSending = true
                    progress(.stoppedSending(count: total - sentIndex + 1, reason: reason))
                }
            } else {
                let caseStart = ContinuousClock.now
                let context = CaseContext(keys: keys, now: clock(), runToken: runToken, caseID: probeCase.id, attackerJWKSURL: jwksHost?.attackerURL)
                let requests: [PreparedRequest]
                let log = SigningLog(keys: keys)
                do {
                    requests = try SigningLog.$current.withValue(log) { try probeCase.build(context) }
                } catch {
                    let failed = CaseResult(
                        probeCase: probeCase, grade: Grade(.error, "the case could not be built: \(error)"), exchanges: [], observations: .none,
                        durationSeconds: Self.seconds(since: caseStart))
                    results.append(failed)
                    progress(.finished(failed, index: sentIndex, total: total))
                    continue
                }
                jwksHost?.beginCase(probeCase.id)
                var exchanges: [ProbeExchange] = []
                for prepared in requests {
                    if let change = prepared.jwksChange { jwksHost?.apply(change) }
                    let answer = await transport.send(prepared.request)
                    requestsSent += 1
                    exchanges.append(ProbeExchange(prepared: prepared, answer: answer))
                    if case .transportFailure(let failure) = answer {
                        consecutiveFailures += 1
                        lastFailure = failure
                        break
                    }
                    consecutiveFailures = 0
                }
                var observations = CaseObservations()
                if probeCase.requiresSingleProcessing, let observer, let id = exchanges.last?.prepared.webhookID {
                    observations.timesProcessed = await observer.timesProcessed(webhookID: id)
                }
                if let jwksHost {
                    // A receiver fetches keys while it verifies, before it answers; fetches after the last answer belong to no case.
                    observations.jwksFetches = jwksHost.fetches(duringCase: probeCase.id)
                    jwksHost.beginCase(nil)
                }
                let grade = grader.grade(probeCase, exchanges: exchanges, baselineHeld: baselineHeld, observations: observations)
                result = CaseResult(
                    probeCase: probeCase, grade: grade, exchanges: exchanges, observations: observations, durationSeconds: Self.seconds(since: caseStart),
                    build: CaseBuildRecord(
                        now: context.now, runToken: runToken, signings: log.records, digests: log.digests, untrustedForms: log.untrustedForms,
                        attackerJWKSURL: context.attackerJWKSURL))
            }
            if probeCase.group == .baseline {
                if result.grade.verdict == .fail || result.grade.verdict == .error { baselineHeld = false }
                if result.exchanges.contains(where: { if case .response = $0.answer { true } else { false } }) { baselineAnswered = true }
            }
            results.append(result)
            if !stoppedSending { progress(.finished(result, index: sentIndex, total: total)) }
        }

        var closing: ClosingBaseline?
        if baselineHeld, sentIndex > 0, consecutiveFailures < configuration.consecutiveFailureLimit,
            let opening = catalog.first(where: { $0.group == .baseline && exclusion($0) == nil }) {
            let context = CaseContext(keys: keys, now: clock(), runToken: runToken, caseID: "closing-" + opening.id, attackerJWKSURL: jwksHost?.attackerURL)
            if let request = try? opening.build(context).last?.request {
                let answer = await transport.send(request)
                requestsSent += 1
                (closing, results) = ClosingBaseline.assess(answer, results: results)
            }
        }

        var diagnosis: BaselineDiagnosis?
        if !baselineHeld, baselineAnswered, case .v1(let hmac) = keys {
            progress(.diagnosing)
            let diagnostics = BaselineDiagnostics(transport: transport, keys: hmac, clock: clock, runToken: runToken)
            let firstRefusal = results.first { $0.probeCase.group == .baseline && $0.grade.verdict == .fail }
            let found = await diagnostics.run(baselineAnswer: firstRefusal?.exchanges.last?.answer)
            requestsSent += found.attempts.count
            diagnosis = found
        }
        return ProbeRunResult(
            configuration: configuration, scheme: scheme, jwks: jwksHost.map { ($0.trustedURL, $0.attackerURL) },
            jwksFetchLog: jwksHost?.fetchLog() ?? [], results: results, baselineHeld: baselineHeld, closingBaseline: closing, diagnosis: diagnosis,
            startedAt: startedAt, durationSeconds: Self.seconds(since: runStart), requestsSent: requestsSent,
            processingObserved: results.contains { $0.observations.timesProcessed != nil }
        )
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
