import HookSpecCore
import HookSpecReport

/// Turns graded deliveries into the report every writer takes: one suite per delivery, one
/// testcase per rule, plus a `retries` suite with each webhook-id's observed schedule.
public enum ListenReport {
    /// The report of one listen run.
    public static func build(_ deliveries: [InspectedDelivery], timestamp: String, target: String, properties: [ReportProperty] = []) -> TestReport {
        var suites = deliveries.map(suite)
        let schedules = retrySchedules(deliveries)
        if !schedules.isEmpty { suites.append(ReportSuite(name: "retries", cases: schedules)) }
        return TestReport(name: "hookspec listen", suites: suites, properties: properties, timestamp: timestamp, target: target)
    }

    private static func suite(_ inspected: InspectedDelivery) -> ReportSuite {
        let index = inspected.delivery.index
        let group = "delivery-\(index)"
        var facts = [
            ReportProperty("scheme", inspected.scheme.rawValue),
            ReportProperty("webhook-id", inspected.id.map(SenderInspector.printable) ?? "(none)"),
            ReportProperty("attempt", String(inspected.attempt)),
            ReportProperty("answered", String(inspected.status)),
            ReportProperty("path", SenderInspector.printable(inspected.delivery.path)),
        ]
        if let type = inspected.eventType { facts.append(ReportProperty("type", SenderInspector.printable(type))) }
        if let delay = inspected.delaySeconds { facts.append(ReportProperty("delay-seconds", DecimalSeconds.text(delay))) }
        let cases = inspected.results.map { result in
            let outcome: ReportOutcome = switch result.verdict {
            case .passed: .passed
            case .failed: .failed(message: "\(result.rule.rawValue): \(result.detail)", detail: result.rule.sentence)
            case .skipped: .skipped(message: result.detail)
            }
            return ReportCase(
                id: "\(group)/\(result.rule.rawValue)", title: result.rule.sentence, className: group, outcome: outcome,
                properties: [ReportProperty("observed", result.detail)],
                rule: result.rule.sentence, reference: result.rule.reference, reason: result.detail)
        }
        return ReportSuite(name: group, cases: cases, properties: facts)
    }

    /// One passed case per webhook-id delivered more than once: its attempts, answers and delays.
    private static func retrySchedules(_ deliveries: [InspectedDelivery]) -> [ReportCase] {
        var order: [String] = []
        var attempts: [String: [InspectedDelivery]] = [:]
        for delivery in deliveries {
            guard let id = delivery.id else { continue }
            if attempts[id] == nil { order.append(id) }
            attempts[id, default: []].append(delivery)
        }
        return order.compactMap { id in
            guard let list = attempts[id], list.count > 1 else { return nil }
            let steps = list.map { step in
                "attempt \(step.attempt): answered \(step.status)" + (step.delaySeconds.map { " after \(DecimalSeconds.text($0)) s" } ?? "")
            }
            let printableID = SenderInspector.printable(id)
            return ReportCase(
                id: "retries/\(printableID)", title: "retry schedule of \(printableID)", className: "retries", outcome: .passed,
                verdictLabel: "INFO", properties: [ReportProperty("schedule", steps.joined(separator: "; "))],
                systemOut: steps.joined(separator: "\n"), reason: steps.joined(separator: "; "))
        }
    }

    /// The live line for one delivery: index, scheme, id, type, attempt, answer, failed rules.
    public static func line(_ inspected: InspectedDelivery) -> String {
        let failed = inspected.results.filter { $0.verdict == .failed }.map(\.rule.rawValue)
        var parts = [
            "#\(inspected.delivery.index)", inspected.scheme.rawValue,
            "id=" + (inspected.id.map(SenderInspector.printable) ?? "-"),
            "type=" + (inspected.eventType.map(SenderInspector.printable) ?? "-"),
            "attempt=\(inspected.attempt)",
        ]
        if let delay = inspected.delaySeconds { parts.append("after=\(DecimalSeconds.text(delay))s") }
        parts.append("answered=\(inspected.status)")
        parts.append(failed.isEmpty ? "PASS" : "FAIL " + failed.joined(separator: ","))
        return parts.joined(separator: " ")
    }
}
