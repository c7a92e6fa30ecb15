import HookSpecReport

/// What running one vector through the core showed, compared with what its file expects.
public struct VectorResult: Sendable, Hashable {
    /// Readable name, unique within its suite (`V1 standard-webhooks python sign`, `wycheproof hmac tcId 12`).
    public var name: String
    /// Provenance: project, file, test name (SPEC §8).
    public var source: String
    /// `valid` or a rejection code, as the vector file says.
    public var expected: String
    /// `valid` or the rejection code the core produced.
    public var actual: String
    /// Whether they agree.
    public var verdict: VectorVerdict
    /// What the core said in full (rejection description, matching entry), for reports.
    public var detail: String? = nil

    /// A result with an explicit verdict (skipped, acceptable).
    public init(name: String, source: String, expected: String, actual: String, verdict: VectorVerdict) {
        self.name = name
        self.source = source
        self.expected = expected
        self.actual = actual
        self.verdict = verdict
    }

    /// The usual comparison: agree when `actual == expected`.
    public init(name: String, source: String, expected: String, actual: String) {
        self.init(name: name, source: source, expected: expected, actual: actual,
                  verdict: expected == actual ? .agrees : .disagrees)
    }
}

/// The verdict on one vector.
public enum VectorVerdict: Sendable, Hashable {
    /// The core did what the file expects.
    case agrees
    /// The core did something else: a bug in the core or in the file.
    case disagrees
    /// Not run, with the reason (e.g. a skip list entry with its upstream issue).
    case skipped(reason: String)
    /// Wycheproof `acceptable`: either outcome is allowed; the note says which one happened.
    case acceptable(note: String)
}

/// All results of one vector file or published vector set.
public struct VectorSuiteResult: Sendable, Hashable {
    /// Suite name (`standard-webhooks`, `wycheproof/hmac_sha256_test.json`).
    public var name: String
    /// Results in file order.
    public var results: [VectorResult]
    /// Suite-level notes (skip lists and their reasons, counts) carried into reports.
    public var notes: [ReportProperty]

    /// A suite of these results.
    public init(name: String, results: [VectorResult], notes: [ReportProperty] = []) {
        self.name = name
        self.results = results
        self.notes = notes
    }

    /// Number of vectors that disagree.
    public var disagreements: Int { results.filter { $0.verdict == .disagrees }.count }
}
