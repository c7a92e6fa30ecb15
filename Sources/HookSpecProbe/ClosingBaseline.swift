/// The baseline sent again after the battery (SPEC §9.3): a receiver that refuses it now changed
/// during the run (lockout, rate limit, crash), and the refusals it gave after the change prove nothing.
public struct ClosingBaseline: Sendable {
    /// What the closing baseline got.
    public let answer: ProbeAnswer
    /// Whether it was accepted (2xx).
    public var held: Bool {
        if case .response(let response) = answer { return StatusClass.success.contains(response.status) }
        return false
    }
    /// The last case whose valid delivery was accepted before the change, when the baseline was refused.
    public let lastAcceptedCase: String?
    /// How many verdicts were turned INCONCLUSIVE.
    public let reassessed: Int

    /// One sentence for every report.
    public var summary: String {
        if held { return "accepted again after the battery: the receiver behaved the same throughout" }
        let answered = ProbeReportBuilder.answerSummary(answer)
        let point = lastAcceptedCase.map { "after \($0), the last case whose valid delivery was accepted" } ?? "before any valid delivery of the battery was accepted"
        return "refused after the battery (\(answered)): the receiver changed during the run (lockout, rate limit or crash) \(point); \(reassessed) refusals given after that point are INCONCLUSIVE (SPEC §9.3)"
    }

    /// Grades the closing answer and, when it was refused, turns the refusals given after the last
    /// accepted valid delivery into INCONCLUSIVE: the point is found by the answers, no case is resent.
    static func assess(_ answer: ProbeAnswer, results: [CaseResult]) -> (ClosingBaseline, [CaseResult]) {
        var accepted = false
        if case .response(let response) = answer { accepted = StatusClass.success.contains(response.status) }
        guard !accepted else { return (ClosingBaseline(answer: answer, lastAcceptedCase: nil, reassessed: 0), results) }
        let lastGood = results.lastIndex { result in
            result.exchanges.contains { exchange in
                guard case .response(let response) = exchange.answer else { return false }
                return StatusClass.success.contains(response.status) && result.probeCase.expectation.preferred == .success
            }
        }
        var reassessed = 0
        var updated = results
        for index in updated.indices where index > (lastGood ?? -1) {
            let result = updated[index]
            guard case .response(let final)? = result.exchanges.last?.answer, StatusClass.clientError.contains(final.status),
                [.pass, .fail, .nonStrict, .wrongCode].contains(result.grade.verdict)
            else { continue }
            let grade = Grade(.inconclusive, "refused with \(final.status), but the receiver refused the closing baseline too: this answer came after it changed, so it proves nothing (SPEC §9.3); was: \(result.grade.verdict.rawValue)")
            updated[index] = CaseResult(probeCase: result.probeCase, grade: grade, exchanges: result.exchanges, observations: result.observations, durationSeconds: result.durationSeconds, build: result.build)
            reassessed += 1
        }
        let lastCase = lastGood.map { results[$0].probeCase.id }
        return (ClosingBaseline(answer: answer, lastAcceptedCase: lastCase, reassessed: reassessed), updated)
    }
}
