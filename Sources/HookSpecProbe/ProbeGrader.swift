/// One request sent and what came back.
public struct ProbeExchange: Sendable {
    /// What was sent, with the facts the grader needs.
    public let prepared: PreparedRequest
    /// What came back.
    public let answer: ProbeAnswer

    /// An exchange.
    public init(prepared: PreparedRequest, answer: ProbeAnswer) {
        self.prepared = prepared
        self.answer = answer
    }
}

/// Turns a case's answers into a verdict (SPEC §9.2, §9.3, §6). Pure: no I/O, no clock.
public struct ProbeGrader: Sendable {
    /// NON-STRICT becomes FAIL.
    public let strict: Bool
    /// WRONG-CODE becomes FAIL (`--strict-codes`).
    public let strictCodes: Bool
    /// Finds leaks in answer bodies.
    public let leakDetector: LeakDetector
    /// Answer times past which a valid delivery is NON-STRICT, then FAIL (SPEC §6).
    public let latency: LatencyLimits

    /// A grader.
    public init(strict: Bool, strictCodes: Bool = false, leakDetector: LeakDetector, latency: LatencyLimits = .specified) {
        self.strict = strict
        self.strictCodes = strictCodes
        self.leakDetector = leakDetector
        self.latency = latency
    }

    /// Grades `exchanges` of `probeCase`.
    ///
    /// - Parameters:
    ///   - baselineHeld: false when the baseline was rejected; then a 4xx proves nothing (INCONCLUSIVE).
    ///   - observations: what the probe saw besides the answers (processing counts, JWKS fetches).
    public func grade(_ probeCase: ProbeCase, exchanges: [ProbeExchange], baselineHeld: Bool, observations: CaseObservations = .none) -> Grade {
        // A receiver that fetched a URL a token named has been made to talk to the attacker,
        // whatever it answered (SPEC §9.5).
        let attackerFetches = observations.jwksFetches.filter { $0.document == .attacker }
        if !attackerFetches.isEmpty {
            return Grade(.fail, "the receiver fetched \(attackerFetches.map(\.path).joined(separator: ", ")) from the probe's attacker host while this case ran: it follows key URLs named inside tokens (jku/x5u), so anyone can make it trust their keys (SPEC §3.3, RFC 8725 §3.10)")
        }
        let grade = gradeAnswers(probeCase, exchanges: exchanges, baselineHeld: baselineHeld, timesProcessed: observations.timesProcessed)
        guard let rule = probeCase.observationRule, grade.verdict != .error else { return grade }
        return strictened(rule.judge(observations, exchanges.count, grade))
    }

    private func gradeAnswers(_ probeCase: ProbeCase, exchanges: [ProbeExchange], baselineHeld: Bool, timesProcessed: Int?) -> Grade {
        guard let last = exchanges.last else { return Grade(.error, "no request was sent") }
        var responses: [ProbeResponse] = []
        for (index, exchange) in exchanges.enumerated() {
            switch exchange.answer {
            case .transportFailure(let failure):
                let which = exchanges.count > 1 ? "request \(index + 1) of \(exchanges.count): " : ""
                return Grade(.error, which + failure.description)
            case .response(let response):
                responses.append(response)
            }
        }
        // Leaks and redirects are findings whatever the case expects (SPEC §6).
        for (exchange, response) in zip(exchanges, responses) {
            let leaks = leakDetector.leaks(in: response.body, confidential: exchange.prepared.confidential)
            if !leaks.isEmpty {
                return Grade(.fail, "the \(response.status) answer body contains \(leaks.map(\.rawValue).joined(separator: " and ")) (SPEC §6: error bodies must not leak internals)")
            }
            if (300...399).contains(response.status) {
                return Grade(.fail, "answered \(response.status), a redirect (SPEC §6: never a 3xx; senders do not follow redirects)")
            }
        }
        if probeCase.gradesEveryRequest {
            // The worst answer decides: one accepted forgery among twelve is a forgery accepted.
            let grades = responses.map { gradeStatus(probeCase, $0) }
            let worst = grades.max { Self.weight($0.verdict) < Self.weight($1.verdict) } ?? Grade(.error, "no answer")
            if !baselineHeld, responses.allSatisfy({ StatusClass.clientError.contains($0.status) }) {
                return Grade(.inconclusive, "every request was refused, but the baseline was refused too, so these rejections prove nothing (SPEC §9.3)")
            }
            return strictened(Grade(worst.verdict, responses.count > 1 ? "of \(responses.count) requests, the worst: " + worst.reason : worst.reason))
        }
        // Earlier requests of a sequence (a replay's first delivery) must be accepted, else the case proves nothing.
        for (index, response) in responses.dropLast().enumerated() where !StatusClass.success.contains(response.status) {
            if StatusClass.clientError.contains(response.status) {
                return Grade(.inconclusive, "request \(index + 1) of \(responses.count), a valid delivery, was refused with \(response.status); the replay that follows proves nothing")
            }
            return Grade(.fail, "request \(index + 1) of \(responses.count), a valid delivery, was answered \(response.status) (SPEC §6)")
        }
        guard case .response(let final) = last.answer else { return Grade(.error, "no answer") }
        var grade = gradeStatus(probeCase, final)
        if grade.verdict == .pass || grade.verdict == .nonStrict, probeCase.requiresSingleProcessing {
            switch timesProcessed {
            case let times? where times > 1:
                grade = Grade(.fail, "answered \(final.status), but the id was processed \(times) times (SPEC §4: at most once)")
            case let times?:
                grade = Grade(grade.verdict, grade.reason + "; the id was processed \(times) time\(times == 1 ? "" : "s") (observed)")
            case nil:
                grade = Grade(grade.verdict, grade.reason + "; " + Self.processingUnobserved)
            }
        }
        if !baselineHeld, probeCase.group != .baseline, StatusClass.clientError.contains(final.status),
            [.pass, .fail, .nonStrict, .wrongCode].contains(grade.verdict) {
            return Grade(.inconclusive, "refused with \(final.status), but the baseline was refused too, so this rejection proves nothing (SPEC §9.3)")
        }
        return strictened(grade)
    }

    /// NON-STRICT under `--strict` and WRONG-CODE under `--strict-codes` become FAIL.
    func strictened(_ grade: Grade) -> Grade {
        if strict, grade.verdict == .nonStrict {
            return Grade(.fail, grade.reason + " [--strict: only the preferred answer passes]")
        }
        if strictCodes, grade.verdict == .wrongCode {
            return Grade(.fail, grade.reason + " [--strict-codes: only 400, 401 or 403 pass]")
        }
        return grade
    }

    private func gradeStatus(_ probeCase: ProbeCase, _ response: ProbeResponse) -> Grade {
        let expectation = probeCase.expectation
        let status = response.status
        let time = Self.formatSeconds(response.latencySeconds)
        if (500...599).contains(status) {
            let what = expectation.mode == .deliver ? "a valid delivery" : "this delivery"
            return Grade(.fail, "answered \(status) to \(what); a 5xx makes the sender retry for 24 hours (SPEC §6), expected \(expectation.summary)")
        }
        // A 5xx is graded even on observed cases: SPEC §6 forbids it for any bad request.
        if expectation.mode == .observe {
            return Grade(.info, "answered \(status) in \(time) (observed, not graded)")
        }
        if expectation.preferred.contains(status) {
            if expectation.mode == .deliver {
                if response.latencySeconds > latency.failSeconds {
                    return Grade(.fail, "answered \(status) after \(time), past \(Self.formatSeconds(latency.failSeconds)) (SPEC §6: answer within a few seconds, work asynchronously)")
                }
                if response.latencySeconds > latency.warnSeconds {
                    return Grade(.nonStrict, "answered \(status) after \(time), past the \(Self.formatSeconds(latency.warnSeconds)) warning (SPEC §6)")
                }
            }
            return Grade(.pass, "answered \(status) in \(time), as preferred (\(expectation.preferred.rawValue))")
        }
        // An answer the case names besides the preferred one (413/431 for a size limit) is as good.
        if let named = expectation.alsoAccepted.first(where: { $0 != .clientError && $0 != .success && $0.contains(status) }) {
            return Grade(.pass, "answered \(status) in \(time), an accepted refusal (\(named.rawValue))")
        }
        // Refused, as it had to be, but with a code senders and operators do not read as "forged".
        if expectation.preferred == .verificationRejection, StatusClass.clientError.contains(status) {
            return Grade(.wrongCode, "refused with \(status); the preferred answers to a delivery that fails verification are 400, 401 or 403 (SPEC §6)")
        }
        if expectation.alsoAccepted.contains(where: { $0.contains(status) }) {
            return Grade(.nonStrict, "answered \(status), accepted but not the preferred \(expectation.preferred.rawValue)")
        }
        switch expectation.mode {
        case .deliver:
            return Grade(.fail, "a valid delivery was refused with \(status); expected 2xx")
        case .reject where StatusClass.success.contains(status):
            return Grade(.fail, "accepted with \(status); this delivery must be refused with \(expectation.summary)")
        default:
            return Grade(.fail, "answered \(status); expected \(expectation.summary)")
        }
    }

    /// What replay verdicts say when no observation hook told how often an id was processed (SPEC §10).
    public static let processingUnobserved = "processing was not observed (no --observe-cmd or --observe-url, or the hook gave no answer): only the answers were seen, so \"processed at most once\" is unproven"

    /// How bad a verdict is, for picking the worst of several answers.
    static func weight(_ verdict: ProbeVerdict) -> Int {
        switch verdict {
        case .pass, .skipped, .info: 0
        case .wrongCode: 1
        case .nonStrict: 2
        case .inconclusive: 3
        case .error: 4
        case .fail: 5
        }
    }

    static func formatSeconds(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1_000).rounded())) ms" }
        return "\(Double(Int(seconds * 100)) / 100) s"
    }
}
