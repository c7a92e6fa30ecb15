import ArgumentParser
import Foundation
import HookSpecReport
import HookSpecVectors

/// `hookspec vectors`: every vector suite through the core, a summary table, a JUnit file.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Run every vector suite (hookspec's own, Wycheproof) through the core and compare verdicts.",
        discussion: "Exit 0 when every vector agrees, 1 on any disagreement, 2 on a usage or harness error (unreadable vector file, report not written).")

    @Option(name: [.customLong("vectors"), .customLong("vectors-dir")], help: "The project's vectors directory (default: vectors/ in the current directory or a parent, else in the package that built this executable).")
    var vectorsOption: String?

    @Option(name: .customLong("wycheproof-dir"), help: "Wycheproof files (default: $WYCHEPROOF_DIR, else ../shared/vectors/wycheproof beside the package if it exists; otherwise those suites are skipped).")
    var wycheproofDirectory: String?

    @Option(name: .customLong("junit"), help: "JUnit output, one testcase per vector.")
    var junitPath = "reports/vectors.xml"

    @Option(name: .customLong("json"), help: "Also write the results as JSON here.")
    var jsonPath: String?

    @Option(name: .customLong("markdown"), help: "Also write a Markdown summary here.")
    var markdownPath: String?

    @Flag(name: .customLong("verbose"), help: "List every vector, not only disagreements and errors.")
    var verbose = false

    func run() throws {
        let vectorsDirectory = try resolvedVectorsDirectory()
        let context = VectorRunContext(vectorsDirectory: vectorsDirectory, wycheproofDirectory: resolvedWycheproofDirectory(vectors: vectorsDirectory))
        if let directory = context.wycheproofDirectory, !FileManager.default.fileExists(atPath: directory) {
            FileOutput.standardError("hookspec vectors: Wycheproof directory \(directory) does not exist\n")
            throw ExitCode(2)
        }
        let outcomes = VectorCatalog.runAll(context)

        print(VectorRunReport.table(outcomes).render(), terminator: "")
        if context.wycheproofDirectory == nil { print("Wycheproof: \(WycheproofDirectory.unsetReason)") }

        let report = VectorRunReport.make(
            name: "hookspec vectors", outcomes: outcomes,
            properties: [ReportProperty("hookspec.version", HookSpecVersion.current),
                         ReportProperty("vectors.dir", vectorsDirectory),
                         ReportProperty("wycheproof.dir", context.wycheproofDirectory ?? "(unset: skipped)")],
            timestamp: Date().ISO8601Format())
        let environment = ProcessInfo.processInfo.environment
        let color = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"].map(\.isEmpty) ?? true
        // The table above gives the counts per suite; this adds which vectors went wrong and the verdict line.
        print("")
        print(TerminalSummaryWriter(useColor: color, listPassed: verbose, listSkipped: verbose, includeTable: false).render(report),
              terminator: "")

        var writeFailed = false
        for (path, text) in [(Optional(junitPath), JUnitWriter().render(report)),
                             (jsonPath, JSONReportWriter().render(report)),
                             (markdownPath, MarkdownReportWriter().render(report))] {
            guard let path else { continue }
            do {
                try ReportFile.write(text, to: path)
                print("wrote \(path)")
            } catch {
                FileOutput.standardError("hookspec vectors: \(error)\n")
                writeFailed = true
            }
        }

        let harnessErrors = outcomes.filter { if case .failed = $0 { true } else { false } }
        for case .failed(let suite, let error) in harnessErrors {
            FileOutput.standardError("hookspec vectors: suite \(suite) not run: \(error)\n")
        }
        if writeFailed || !harnessErrors.isEmpty { throw ExitCode(2) }
        if outcomes.contains(where: { if case .ran(let r) = $0 { r.disagreements > 0 } else { false } }) {
            throw ExitCode(1)
        }
    }

    /// The flag, else the `vectors` directory found from here or from the executable.
    func resolvedVectorsDirectory() throws(UsageFailure) -> String {
        if let vectorsOption {
            guard FileManager.default.fileExists(atPath: vectorsOption) else { throw UsageFailure("vectors directory \(vectorsOption) does not exist") }
            return vectorsOption
        }
        guard let found = VectorsLocation.find(from: VectorsLocation.defaultStarts(), exists: FileManager.default.fileExists(atPath:)) else {
            throw UsageFailure("cannot find the project's vectors directory from here or from the executable; give --vectors DIR")
        }
        return found.path
    }

    /// The flag, else `WYCHEPROOF_DIR`, else `../shared/vectors/wycheproof` beside the package when it exists.
    func resolvedWycheproofDirectory(vectors: String) -> String? {
        if let wycheproofDirectory { return wycheproofDirectory }
        if let fromEnvironment = WycheproofDirectory.fromEnvironment() { return fromEnvironment }
        let packageRoot = URL(fileURLWithPath: vectors).standardizedFileURL.deletingLastPathComponent()
        let shared = packageRoot.appendingPathComponent("../shared/vectors/wycheproof").standardizedFileURL.path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: shared, isDirectory: &isDirectory) && isDirectory.boolValue ? shared : nil
    }
}
