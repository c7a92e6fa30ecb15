/// What the summaries a person reads say before any detail, computed once for every writer:
/// the findings in the order to act on them, and whether the whole run is one transport fact.
public struct ReportOverview: Sendable, Hashable {
    /// A case with the suite it belongs to.
    public struct Entry: Sendable, Hashable {
        /// Suite name.
        public var suite: String
        /// The case.
        public var reportCase: ReportCase
    }

    /// Every FAIL, NON-STRICT and WRONG-CODE case: acceptance findings (FAIL, NON-STRICT) before
    /// answer-code notes (WRONG-CODE), each part by severity (most severe first, unknown last),
    /// FAIL before NON-STRICT at equal severity, then in run order.
    public let findings: [Entry]
    /// ERROR cases, in run order.
    public let errors: [Entry]
    /// Set when no request got an HTTP answer and every one that failed failed the same way.
    public let unreachable: UnreachableTarget?

    /// The overview of `report`.
    public init(_ report: TestReport) {
        var all: [Entry] = []
        for suite in report.suites {
            for reportCase in suite.cases { all.append(Entry(suite: suite.name, reportCase: reportCase)) }
        }
        let ranked = all.enumerated().filter { $0.element.reportCase.verdict.isFinding }
        findings = ranked.sorted { lhs, rhs in
            Self.sortKey(lhs.element.reportCase, lhs.offset).lexicographicallyPrecedes(Self.sortKey(rhs.element.reportCase, rhs.offset))
        }.map(\.element)
        errors = all.filter { $0.reportCase.verdict == .error }
        unreachable = UnreachableTarget(all.map(\.reportCase), target: report.target)
    }

    private static func sortKey(_ reportCase: ReportCase, _ offset: Int) -> [Int] {
        [
            reportCase.verdict.isAcceptanceFinding ? 0 : 1,
            reportCase.severity?.rank ?? ReportSeverity.allCases.count,
            reportCase.verdict == .fail ? 0 : 1,
            offset,
        ]
    }
}

/// A run in which the target never answered: one fact, said once (issue: a refused port must
/// not flood the summaries with one line per case).
public struct UnreachableTarget: Sendable, Hashable {
    /// The transport cause every failed request shares (`connection refused`).
    public var cause: String
    /// The first failure's detail: the diagnosis a person reads.
    public var detail: String
    /// What was tested, when the report says.
    public var target: String?
    /// IDs of the cases that sent at least one request and got no answer.
    public var sentCaseIDs: [String]
    /// IDs of the other ERROR cases (nothing sent, for the same reason).
    public var unsentCaseIDs: [String]

    /// The fact, or nil when some request got an answer, none failed, or failures differ in cause.
    init?(_ cases: [ReportCase], target: String?) {
        var cause: String?
        var detail = ""
        var sent: [String] = []
        for reportCase in cases {
            var failedHere = false
            for exchange in reportCase.exchanges {
                switch exchange.answer {
                case .response:
                    return nil
                case .noAnswer(let thisCause, let thisDetail):
                    if thisCause == ReportAnswer.notSentCause { continue }
                    if let cause, cause != thisCause { return nil }
                    if cause == nil { detail = thisDetail }
                    cause = thisCause
                    failedHere = true
                }
            }
            if failedHere { sent.append(reportCase.id) }
        }
        guard let cause else { return nil }
        self.cause = cause
        self.detail = detail
        self.target = target
        self.sentCaseIDs = sent
        let sentSet = Set(sent)
        self.unsentCaseIDs = cases.filter { $0.verdict == .error && !sentSet.contains($0.id) }.map(\.id)
    }

    /// One sentence: `Target http://… is unreachable: connection refused (…). 3 cases sent got no answer; 140 were not sent.`
    public var sentence: String {
        var text = "Target " + (target.map { $0 + " " } ?? "") + "is unreachable: " + cause
        if !detail.isEmpty, detail != cause { text += " (" + detail + ")" }
        text += ". \(sentCaseIDs.count) case" + (sentCaseIDs.count == 1 ? "" : "s") + " sent got no answer"
        if !unsentCaseIDs.isEmpty { text += "; \(unsentCaseIDs.count) more ended in ERROR without being sent" }
        return text + "."
    }
}

extension ReportAnswer {
    /// The cause the builder gives a request it never sent (budget spent, target already
    /// known unreachable); it never makes a target look unreachable by itself.
    public static let notSentCause = "not sent"
}

extension TestReport {
    /// The overview every human-facing writer starts from.
    public var overview: ReportOverview { ReportOverview(self) }
}
