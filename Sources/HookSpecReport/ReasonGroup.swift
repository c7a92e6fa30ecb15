/// Cases that share a verdict and a reason (a missing directory, a failed baseline), told once
/// with their IDs instead of once per case.
struct ReasonGroup: Sendable, Hashable {
    /// The shared verdict.
    var verdict: ReportVerdict
    /// The suite they belong to.
    var suite: String
    /// The shared one-line reason.
    var reason: String
    /// Their IDs, in run order.
    var caseIDs: [String]

    /// `suite, 3 cases: reason (a, b, c)`, at most ten IDs shown.
    var line: String {
        let shown = caseIDs.prefix(10).joined(separator: ", ")
        let more = caseIDs.count > 10 ? ", ... (\(caseIDs.count - 10) more)" : ""
        return suite + ", \(caseIDs.count) case" + (caseIDs.count == 1 ? "" : "s") + ": " + reason + " (" + shown + more + ")"
    }

    /// The groups of the cases of `report` whose verdict is in `verdicts`, in order of first appearance.
    static func group(_ report: TestReport, verdicts: Set<ReportVerdict>) -> [ReasonGroup] {
        var groups: [ReasonGroup] = []
        var index: [String: Int] = [:]
        for suite in report.suites {
            for reportCase in suite.cases where verdicts.contains(reportCase.verdict) {
                let reason = reportCase.oneLineReason
                let key = reportCase.verdict.rawValue + "\u{0}" + suite.name + "\u{0}" + reason
                if let position = index[key] {
                    groups[position].caseIDs.append(reportCase.id)
                } else {
                    index[key] = groups.count
                    groups.append(ReasonGroup(verdict: reportCase.verdict, suite: suite.name, reason: reason, caseIDs: [reportCase.id]))
                }
            }
        }
        return groups
    }
}
