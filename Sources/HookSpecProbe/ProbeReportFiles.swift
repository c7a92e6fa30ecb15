import HookSpecReport

/// Where a probe run's reports go (SPEC §9.7 defaults under `reports/`).
public struct ProbeReportPaths: Sendable, Hashable {
    /// JUnit XML.
    public var junit: String
    /// JSON.
    public var json: String
    /// Markdown.
    public var markdown: String
    /// SARIF 2.1.0.
    public var sarif: String
    /// The repository-relative location SARIF results point at (code scanning rejects URL locations).
    public var sarifLocation: String
    /// Self-contained HTML.
    public var html: String
    /// A GitHub Actions step summary file the Markdown is appended to (`GITHUB_STEP_SUMMARY`), when set.
    public var stepSummary: String?

    /// The default repository-relative SARIF location.
    public static let defaultSARIFLocation = ".hookspec/probe"

    /// Paths; the defaults are `reports/probe.xml`, `.json`, `.md`, `.sarif` and `.html`.
    public init(
        junit: String = "reports/probe.xml", json: String = "reports/probe.json", markdown: String = "reports/probe.md",
        sarif: String = "reports/probe.sarif", sarifLocation: String = defaultSARIFLocation, html: String = "reports/probe.html",
        stepSummary: String? = nil
    ) {
        self.junit = junit
        self.json = json
        self.markdown = markdown
        self.sarif = sarif
        self.sarifLocation = sarifLocation
        self.html = html
        self.stepSummary = stepSummary
    }

    /// What writing the reports did: the files written, in order, and the failures (each one a
    /// harness error, exit code 2), having tried every file.
    public struct Written: Sendable, Hashable {
        /// Paths of the reports actually written (the step summary included when appended).
        public var paths: [String]
        /// Reports that could not be written.
        public var failures: [ReportWriteError]
    }

    /// Writes every report; never stops at the first failure.
    public func write(_ report: TestReport, toolVersion: String? = nil) -> Written {
        var written = Written(paths: [], failures: [])
        func attempt(_ path: String, _ body: () throws(ReportWriteError) -> Void) {
            do {
                try body()
                written.paths.append(path)
            } catch {
                written.failures.append(error)
            }
        }
        let markdownText = MarkdownReportWriter().render(report)
        attempt(junit) { () throws(ReportWriteError) in try JUnitWriter().write(report, to: junit) }
        attempt(json) { () throws(ReportWriteError) in try JSONReportWriter().write(report, to: json) }
        attempt(markdown) { () throws(ReportWriteError) in try ReportFile.write(markdownText, to: markdown) }
        attempt(sarif) { () throws(ReportWriteError) in try SARIFWriter(location: sarifLocation, toolVersion: toolVersion).write(report, to: sarif) }
        attempt(html) { () throws(ReportWriteError) in try HTMLReportWriter().write(report, to: html) }
        if let stepSummary {
            attempt(stepSummary) { () throws(ReportWriteError) in try GitHubActions.appendStepSummary(markdownText, to: stepSummary) }
        }
        return written
    }
}

/// A `DeliveryObserver` from a closure, for in-process targets that expose their processing log.
public struct ClosureDeliveryObserver: DeliveryObserver {
    private let body: @Sendable (String) async -> Int?

    /// An observer that asks `body`.
    public init(_ body: @escaping @Sendable (String) async -> Int?) {
        self.body = body
    }

    /// Asks the closure.
    public func timesProcessed(webhookID: String) async -> Int? {
        await body(webhookID)
    }
}
