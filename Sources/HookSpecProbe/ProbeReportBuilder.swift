import HookSpecReport

/// Turns a run into the shared `TestReport` model (SPEC §9.7): one suite per group, one case per
/// probe case, failures with what was sent, what came back and the rule, a curl reproduction.
public struct ProbeReportBuilder: Sendable {
    /// Redacts leaked secrets and MACs from answer bodies before they reach a report.
    let leakDetector: LeakDetector
    /// The key file reproductions name, when the run's keys came from one.
    let keyFile: String?

    /// A builder; `leakDetector` must hold the run's keys.
    public init(leakDetector: LeakDetector, keyFile: String? = nil) {
        self.leakDetector = leakDetector
        self.keyFile = keyFile
    }

    /// A builder for a run signed with `keys`.
    public init(keys: ProbeKeys, keyFile: String? = nil) {
        self.init(leakDetector: LeakDetector(confidentialForms: keys.confidentialForms), keyFile: keyFile)
    }

    /// The report of `run`.
    public func report(_ run: ProbeRunResult) -> TestReport {
        let groups = ProbeGroup.allCases.filter { group in run.results.contains { $0.probeCase.group == group } }
        var suites = groups.map { group in
            ReportSuite(
                name: group.rawValue,
                cases: run.results.filter { $0.probeCase.group == group }.map { reportCase($0, run: run) },
                properties: [ReportProperty("summary", group.summary)]
            )
        }
        if let diagnosis = run.diagnosis, let index = suites.firstIndex(where: { $0.name == ProbeGroup.baseline.rawValue }) {
            suites[index].properties.append(ReportProperty("diagnosis", diagnosis.conclusion))
            for attempt in diagnosis.attempts {
                suites[index].properties.append(ReportProperty("diagnostic." + attempt.name, Self.answerSummary(attempt.answer)))
            }
        }
        var properties = [
            ReportProperty("hookspec.version", run.configuration.toolVersion),
            ReportProperty("catalog.version", ProbeCatalog.version),
            ReportProperty("scheme", run.scheme.rawValue),
            ReportProperty("target", run.configuration.targetDescription),
            ReportProperty("strict", run.configuration.strict ? "true" : "false"),
            ReportProperty("baseline", run.baselineHeld ? "accepted" : "refused"),
            ReportProperty("baseline.closing", run.closingBaseline?.summary ?? "not sent (the opening baseline was refused, the target was unreachable, or nothing ran)"),
            ReportProperty("requests", String(run.requestsSent)),
            ReportProperty("replay.processing", run.processingObserved ? "observed through the observation hook" : ProbeGrader.processingUnobserved),
            ReportProperty("duration.seconds", String(Double(Int(run.durationSeconds * 1_000)) / 1_000)),
            ReportProperty("exit.code", String(run.exitCode)),
        ]
        if let jwks = run.jwks {
            properties.append(ReportProperty("jwks.url", jwks.trusted))
            properties.append(ReportProperty("jwks.attacker.url", jwks.attacker))
            properties.append(ReportProperty("jwks.fetches", String(run.jwksFetchLog.count)))
            for (index, entry) in run.jwksFetchLog.prefix(Self.fetchLogLimit).enumerated() {
                properties.append(ReportProperty(
                    "jwks.fetch.\(index + 1)", "\(entry.fetch.document.rawValue) \(entry.fetch.path) during \(entry.caseID ?? "no case")"))
            }
        }
        for verdict in ProbeVerdict.allCases {
            properties.append(ReportProperty("verdicts." + verdict.rawValue, String(run.count(verdict))))
        }
        if let diagnosis = run.diagnosis { properties.append(ReportProperty("diagnosis", diagnosis.conclusion)) }
        return TestReport(
            name: "hookspec probe", suites: suites, properties: properties,
            timestamp: RFC3339.format(unixSeconds: run.startedAt), target: run.configuration.targetDescription
        )
    }

    /// Fetch log entries listed in a report; the count is always given.
    static let fetchLogLimit = 500

    private func reportCase(_ result: CaseResult, run: ProbeRunResult) -> ReportCase {
        let probeCase = result.probeCase
        let grade = result.grade
        var properties = [
            ReportProperty("severity", probeCase.severity.rawValue),
            ReportProperty("reference", probeCase.reference),
            ReportProperty("rule", probeCase.rule),
            ReportProperty("expected", probeCase.expectation.summary),
        ]
        if let last = result.exchanges.last { properties.append(ReportProperty("observed", Self.answerSummary(last.answer))) }
        if !result.observations.jwksFetches.isEmpty {
            properties.append(ReportProperty("jwks.fetches", result.observations.jwksFetches.map { "\($0.document.rawValue) \($0.path)" }.joined(separator: ", ")))
        }
        if let times = result.observations.timesProcessed { properties.append(ReportProperty("times.processed", String(times))) }

        let target = run.configuration.targetDescription
        var exchanges = result.exchanges.map { reportExchange($0, url: target) }
        if exchanges.isEmpty, grade.verdict == .error, result.probeCase.schemes.contains(run.scheme) {
            // Never sent (the target was already unreachable, or the budget was spent): machine-readable
            // reports group it under one cause; prose says it once.
            exchanges = [ReportExchange(
                request: ReportRequest(method: "POST", url: target, headers: [], body: "", bodyByteCount: 0),
                answer: .noAnswer(cause: ReportAnswer.notSentCause, detail: grade.reason))]
        }

        let sent = result.exchanges.enumerated().map { index, exchange in
            let label = result.exchanges.count > 1 ? "sent (request \(index + 1) of \(result.exchanges.count)):\n" : "sent:\n"
            return label + Reproduction.describe(exchange.prepared.request) + "\nanswer:\n" + answerDescription(exchange)
        }.joined(separator: "\n\n")
        var detail = sent + "\n\nrule: \(probeCase.rule) (\(probeCase.reference)); severity \(probeCase.severity.rawValue); expected \(probeCase.expectation.summary)"
        if probeCase.group == .baseline, let diagnosis = run.diagnosis { detail += "\n\ndiagnosis: " + diagnosis.conclusion }

        let outcome: ReportOutcome
        switch grade.verdict {
        case .pass, .nonStrict, .wrongCode, .info: outcome = .passed
        case .fail: outcome = .failed(message: "[\(probeCase.severity.rawValue)] " + grade.reason, detail: detail)
        case .error: outcome = .error(message: grade.reason, detail: detail)
        case .skipped: outcome = .skipped(message: grade.reason)
        case .inconclusive: outcome = .skipped(message: "INCONCLUSIVE: " + grade.reason)
        }
        let reproduction = reproduction(result, url: target, scheme: run.scheme)
        var systemOut = reproduction ?? ""
        // FAIL and ERROR carry the exchange in their detail; other verdicts say what came back here.
        if grade.verdict != .fail, grade.verdict != .error, let last = result.exchanges.last {
            systemOut = grade.verdict.rawValue + ": " + grade.reason + "\nanswer: " + answerDescription(last) + "\n\n" + systemOut
        }
        return ReportCase(
            id: probeCase.id, title: probeCase.title, className: probeCase.group.rawValue, outcome: outcome,
            verdictLabel: grade.verdict.rawValue, durationSeconds: result.durationSeconds,
            properties: properties, systemOut: systemOut.isEmpty ? nil : systemOut,
            verdict: grade.verdict, severity: ReportSeverity(rawValue: probeCase.severity.rawValue), rule: probeCase.rule,
            reference: probeCase.reference, expected: probeCase.expectation.summary, reason: grade.reason,
            exchanges: exchanges, reproduction: reproduction
        )
    }

    /// A runnable script (`ReproductionScript`); when the case's requests cannot all be rebuilt
    /// without showing a value made with the run's keys, curl lines with the signatures redacted,
    /// the reason, and the probe command that runs the case again.
    private func reproduction(_ result: CaseResult, url: String, scheme: ProbeScheme) -> String? {
        guard !result.exchanges.isEmpty else { return nil }
        let reason: String
        switch ReproductionScript.script(result, url: url, scheme: scheme, keyFile: keyFile) {
        case .success(let script): return script
        case .failure(let unavailable): reason = unavailable.reason
        }
        let curls = result.exchanges.map { Reproduction.curl($0.prepared.request, url: url, scheme: scheme, keyFile: keyFile) }.joined(separator: "\n\n")
        return curls + "\n# No runnable snippet for this case: \(reason).\n# Run it again with: "
            + Reproduction.probeCommand(caseID: result.probeCase.id, url: url, scheme: scheme, keyFile: keyFile)
    }

    /// An exchange as display text: signature payloads redacted, answer bodies through the leak detector.
    private func reportExchange(_ exchange: ProbeExchange, url: String) -> ReportExchange {
        let request = exchange.prepared.request
        let headers = request.headers.map { header in
            ReportHeader(
                Reproduction.printable(header.name),
                Reproduction.isSignatureHeader(header.name) ? Reproduction.redactedSignature(header.value) : Reproduction.printable(header.value))
        }
        let sent = ReportRequest(
            method: request.method, url: url, headers: headers, body: Reproduction.describeBody(request.body), bodyByteCount: request.body.count)
        switch exchange.answer {
        case .transportFailure(let failure):
            return ReportExchange(request: sent, answer: .noAnswer(cause: Self.cause(failure), detail: failure.description))
        case .response(let response):
            let body = leakDetector.redacted(response.body, confidential: exchange.prepared.confidential)
            let answer = ReportResponse(
                status: response.status,
                headers: response.headers.map { ReportHeader($0.name, $0.value) },
                body: Reproduction.describeBody(Array(body.prefix(Self.answerBodyLimit))) + (body.count > Self.answerBodyLimit || response.bodyTruncated ? " … (shortened)" : ""),
                latencySeconds: response.latencySeconds)
            return ReportExchange(request: sent, answer: .response(answer))
        }
    }

    /// Longest answer body kept in a report.
    static let answerBodyLimit = 1_024

    /// The short kind of a transport failure, so that equal causes group (`connection refused`, `timeout`, `TLS`, `DNS`).
    static func cause(_ failure: TransportFailure) -> String {
        switch failure {
        case .connectionRefused: "connection refused"
        case .timedOut: "timeout"
        case .connectionReset: "connection reset"
        case .tlsFailure: "TLS"
        case .malformedResponse: "malformed response"
        case .responseHeadTooLarge: "response head too large"
        case .tooManyInformationalResponses: "too many 1xx answers"
        case .nameResolution: "DNS"
        case .other: "transport failure"
        case .budgetExhausted: ReportAnswer.notSentCause
        }
    }

    private func answerDescription(_ exchange: ProbeExchange) -> String {
        switch exchange.answer {
        case .transportFailure(let failure): return "no answer: \(failure)"
        case .response(let response):
            let body = leakDetector.redacted(response.body, confidential: exchange.prepared.confidential)
            return "HTTP \(response.status) after \(ProbeGrader.formatSeconds(response.latencySeconds))\n" + Reproduction.describeBody(Array(body.prefix(Self.answerBodyLimit)))
        }
    }

    static func answerSummary(_ answer: ProbeAnswer) -> String {
        switch answer {
        case .transportFailure(let failure): "no answer: \(failure)"
        case .response(let response): "HTTP \(response.status) in \(ProbeGrader.formatSeconds(response.latencySeconds))"
        }
    }
}
