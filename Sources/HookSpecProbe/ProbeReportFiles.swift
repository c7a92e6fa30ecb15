import HookSpecReport

/// Where a probe run's reports go (SPEC §9.7 defaults under `reports/`).
public struct ProbeReportPaths: Sendable, Hashable {
    /// JUnit XML.
    public var junit: String
    /// JSON.
    public var json: String
    /// Markdown.
    public var markdown: String

    /// Paths; the defaults are `reports/probe.xml`, `reports/probe.json`, `reports/probe.md`.
    public init(junit: String = "reports/probe.xml", json: String = "reports/probe.json", markdown: String = "reports/probe.md") {
        self.junit = junit
        self.json = json
        self.markdown = markdown
    }

    /// Writes all three; returns the failures (each one is a harness error, exit code 2), having tried every file.
    public func write(_ report: TestReport) -> [ReportWriteError] {
        var failures: [ReportWriteError] = []
        do { try JUnitWriter().write(report, to: junit) } catch { failures.append(error) }
        do { try JSONReportWriter().write(report, to: json) } catch { failures.append(error) }
        do { try ReportFile.write(MarkdownReportWriter().render(report), to: markdown) } catch { failures.append(error) }
        return failures
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
