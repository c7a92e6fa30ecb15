import HookSpecReport

/// Reports shaped like a probe run's, with every verdict, typed fields and hostile answer bodies.
enum ProbeLikeReports {
    static let target = "http://127.0.0.1:8080/hook"
    static let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> & \"q\" 'a' \u{1B}[31m"

    static func exchange(status: Int, body: String = "refused", signature: String = "v1,<44 chars, not shown>") -> ReportExchange {
        ReportExchange(
            request: ReportRequest(
                method: "POST", url: target,
                headers: [ReportHeader("webhook-id", "msg_1"), ReportHeader("webhook-timestamp", "1700000000"),
                          ReportHeader("webhook-signature", signature), ReportHeader("content-type", "application/json")],
                body: "{\"type\":\"test\"}", bodyByteCount: 15),
            answer: .response(ReportResponse(status: status, headers: [ReportHeader("content-type", "text/plain")], body: body, latencySeconds: 0.004)))
    }

    static func probeCase(
        _ id: String, _ verdict: ReportVerdict, severity: ReportSeverity, reason: String, status: Int = 200, body: String = "ok"
    ) -> ReportCase {
        let outcome: ReportOutcome = switch verdict {
        case .fail: .failed(message: "[\(severity.rawValue)] " + reason, detail: "sent and answer")
        case .error: .error(message: reason, detail: "no answer")
        case .skipped, .inconclusive: .skipped(message: reason)
        case .pass, .nonStrict, .wrongCode, .info: .passed
        }
        return ReportCase(
            id: id, title: "title of \(id)", className: String(id.prefix { $0 != "/" }), outcome: outcome,
            verdictLabel: verdict.rawValue, durationSeconds: 0.01, verdict: verdict, severity: severity,
            rule: "rule of \(id)", reference: "SPEC §3.1", expected: "400, 401 or 403", reason: reason,
            exchanges: [exchange(status: status, body: body)],
            reproduction: "curl -sS -X POST '\(target)' --data-binary '{\"type\":\"test\"}'")
    }

    /// One of every verdict, findings in an order the writers must change.
    static func mixed() -> TestReport {
        let sig = [
            probeCase("sig/1", .pass, severity: .high, reason: "refused with 401", status: 401),
            probeCase("sig/2", .wrongCode, severity: .critical, reason: "refused with 422, not 400/401/403", status: 422),
            probeCase("sig/3", .nonStrict, severity: .medium, reason: "accepted a non-canonical signature"),
            probeCase("sig/4", .fail, severity: .low, reason: "accepted a decoy entry", body: hostile),
            probeCase("sig/5", .fail, severity: .critical, reason: "accepted a wrong secret", body: hostile),
        ]
        let ts = [
            probeCase("ts/1", .info, severity: .info, reason: "answered in 4 ms"),
            probeCase("ts/2", .inconclusive, severity: .high, reason: "baseline refused", status: 401),
            probeCase("ts/3", .error, severity: .high, reason: "timeout after 5 s"),
            probeCase("ts/4", .skipped, severity: .low, reason: "large bodies are opt-in"),
        ]
        return TestReport(
            name: "hookspec probe", suites: [ReportSuite(name: "sig", cases: sig), ReportSuite(name: "ts", cases: ts)],
            properties: [ReportProperty("hookspec.version", "0.1.0")], timestamp: "2026-12-06T23:00:00Z", target: target)
    }

    /// A closed port: two cases sent and refused, the rest never sent.
    static func unreachable(cases: Int = 40) -> TestReport {
        var list: [ReportCase] = []
        for index in 1...cases {
            let sent = index <= 2
            let answer: ReportAnswer = sent
                ? .noAnswer(cause: "connection refused", detail: "nothing listens on 127.0.0.1:9")
                : .noAnswer(cause: ReportAnswer.notSentCause, detail: "target unreachable")
            var exchange = self.exchange(status: 0)
            exchange.answer = answer
            list.append(ReportCase(
                id: "sig/\(index)", title: "case \(index)", className: "sig",
                outcome: .error(message: sent ? "connection refused" : "not sent: target unreachable", detail: ""),
                verdict: .error, severity: .high, reason: sent ? "connection refused" : "not sent: target unreachable",
                exchanges: [exchange]))
        }
        return TestReport(name: "hookspec probe", suites: [ReportSuite(name: "sig", cases: list)], timestamp: "2026-12-06T23:00:00Z",
                          target: "http://127.0.0.1:9/hook")
    }
}
