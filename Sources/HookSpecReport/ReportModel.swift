/// A finished run, as every writer (JUnit, JSON, Markdown, terminal) sees it.
///
/// The harness and the probe both fill this model; the writers know nothing of HTTP or crypto.
public struct TestReport: Sendable, Hashable {
    /// Name of the run (`hookspec probe`, `harness-vectors`).
    public var name: String
    /// Groups of cases; one JUnit `testsuite` each.
    public var suites: [ReportSuite]
    /// Run-wide facts (hookspec version, catalog version, target, seed); never secrets.
    public var properties: [ReportProperty]
    /// Start of the run, ISO 8601 (JUnit `timestamp`).
    public var timestamp: String
    /// Host name for JUnit; `localhost` unless the caller knows better.
    public var hostname: String
    /// What was tested (a URL, `embedded reference receiver`); SARIF fingerprints and properties use it.
    public var target: String?

    /// A report of these suites.
    public init(
        name: String, suites: [ReportSuite], properties: [ReportProperty] = [], timestamp: String,
        hostname: String = "localhost", target: String? = nil
    ) {
        self.name = name
        self.suites = suites
        self.properties = properties
        self.timestamp = timestamp
        self.hostname = hostname
        self.target = target
    }
}

/// One group of cases (a vector file, a probe group such as `sig`).
public struct ReportSuite: Sendable, Hashable {
    /// Suite name; JUnit `testsuite` `name`.
    public var name: String
    /// Cases in run order; one JUnit `testcase` each.
    public var cases: [ReportCase]
    /// Suite-wide facts (file, description, skip lists).
    public var properties: [ReportProperty]

    /// A suite of these cases.
    public init(name: String, cases: [ReportCase], properties: [ReportProperty] = []) {
        self.name = name
        self.cases = cases
        self.properties = properties
    }
}

/// One case: a vector or a probe case.
public struct ReportCase: Sendable, Hashable {
    /// Stable identifier (`sig/3`, `V1`).
    public var id: String
    /// Human title; JUnit `name` is `id title`.
    public var title: String
    /// JUnit `classname` (the group).
    public var className: String
    /// How it ended.
    public var outcome: ReportOutcome
    /// Display verdict when it says more than the outcome (`NON-STRICT`, `INFO`, `INCONCLUSIVE`).
    public var verdictLabel: String?
    /// Seconds it took.
    public var durationSeconds: Double
    /// Severity, reference, expected and observed values.
    public var properties: [ReportProperty]
    /// A reproduction (a curl line with the secret replaced by a placeholder) or other detail.
    public var systemOut: String?
    /// The verdict in SPEC §9.2's names; what every summary a person reads counts.
    public var verdict: ReportVerdict
    /// How much a finding of this case matters.
    public var severity: ReportSeverity?
    /// The rule the case checks, in one sentence.
    public var rule: String?
    /// Where the rule comes from (`SPEC §3.1`, `RFC 8725 §3.1`).
    public var reference: String?
    /// The answers the rule accepts (`2xx`, `400, 401 or 403`).
    public var expected: String?
    /// Why the case got its verdict, in one line.
    public var reason: String?
    /// Every request the case sent, with what came back.
    public var exchanges: [ReportExchange]
    /// A shell snippet that sends the case again, showing no secret.
    public var reproduction: String?

    /// A case; everything but its identity and outcome is optional. Without `verdict`, a
    /// `verdictLabel` that names one (`NON-STRICT`) decides it, else the outcome's kind does.
    public init(
        id: String, title: String, className: String, outcome: ReportOutcome,
        verdictLabel: String? = nil, durationSeconds: Double = 0,
        properties: [ReportProperty] = [], systemOut: String? = nil,
        verdict: ReportVerdict? = nil, severity: ReportSeverity? = nil, rule: String? = nil,
        reference: String? = nil, expected: String? = nil, reason: String? = nil,
        exchanges: [ReportExchange] = [], reproduction: String? = nil
    ) {
        self.id = id
        self.title = title
        self.className = className
        self.outcome = outcome
        self.verdictLabel = verdictLabel
        self.durationSeconds = durationSeconds
        self.properties = properties
        self.systemOut = systemOut
        self.verdict = verdict ?? verdictLabel.flatMap(ReportVerdict.init(rawValue:)) ?? ReportVerdict(outcome.kind)
        self.severity = severity
        self.rule = rule
        self.reference = reference
        self.expected = expected
        self.reason = reason
        self.exchanges = exchanges
        self.reproduction = reproduction
    }
}

/// How a case ended, in JUnit's four kinds.
public enum ReportOutcome: Sendable, Hashable {
    /// The thing under test did what the rule asks (JUnit: no child element).
    case passed
    /// The thing under test is wrong (JUnit `<failure>`).
    case failed(message: String, detail: String)
    /// The harness or the network failed (JUnit `<error>`).
    case error(message: String, detail: String)
    /// Not run or not conclusive (JUnit `<skipped>`).
    case skipped(message: String)
}

/// A name/value pair carried into JUnit `<property>` and JSON.
public struct ReportProperty: Sendable, Hashable {
    /// Property name (`severity`, `hookspec.version`).
    public var name: String
    /// Its value, written as is (escaped by each writer).
    public var value: String

    /// A property `name` = `value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
