import Foundation
import HookSpecReport

/// Where the vector suites read their files from.
public struct VectorRunContext: Sendable, Hashable {
    /// The project's `vectors/` directory.
    public var vectorsDirectory: String
    /// The Wycheproof directory; nil when none was given (those suites are then skipped, saying so).
    public var wycheproofDirectory: String?

    /// A context reading from these directories.
    public init(vectorsDirectory: String, wycheproofDirectory: String?) {
        self.vectorsDirectory = vectorsDirectory
        self.wycheproofDirectory = wycheproofDirectory
    }
}

/// How one suite ended: its results, or the reason its file could not be used (a harness error).
public enum VectorSuiteOutcome: Sendable, Hashable {
    /// The suite ran; its results.
    case ran(VectorSuiteResult)
    /// The suite's file could not be used; nothing of it ran.
    case failed(suite: String, error: VectorFileError)

    /// The suite's name either way.
    public var suiteName: String {
        switch self {
        case .ran(let result): result.name
        case .failed(let suite, _): suite
        }
    }
}

/// A named source of vector suites: one entry in `VectorCatalog.sources`.
public struct VectorSuiteSource: Sendable {
    /// Name shown when the whole source fails or is skipped.
    public let name: String
    /// Runs the source's suites in `context`.
    public let run: @Sendable (VectorRunContext) -> [VectorSuiteOutcome]

    /// A source named `name` whose suites `run` produces.
    public init(name: String, run: @escaping @Sendable (VectorRunContext) -> [VectorSuiteOutcome]) {
        self.name = name
        self.run = run
    }
}

/// Every vector suite hookspec runs (`hookspec vectors`, the harness).
///
/// To add a suite (JOSE vectors, catalog envelopes), define a `VectorSuiteSource` in its own
/// file and add one line to `sources`.
public enum VectorCatalog {
    /// Every source, in report order.
    public static let sources: [VectorSuiteSource] = [
        .standardWebhooks,
        .wycheproofHMACSHA256,
        .wycheproofEd25519,
        .jose,
    ]

    /// Runs every source.
    public static func runAll(_ context: VectorRunContext, sources: [VectorSuiteSource] = sources) -> [VectorSuiteOutcome] {
        sources.flatMap { $0.run(context) }
    }
}

extension VectorSuiteSource {
    /// hookspec's own delivery vectors: each `.json` file of `vectors/standard-webhooks/` is one suite.
    public static let standardWebhooks = VectorSuiteSource(name: "standard-webhooks") { context in
        deliveryDirectory("standard-webhooks", in: context)
    }

    /// Every delivery vector file of `vectors/<folder>/`, one suite per file.
    public static func deliveryDirectory(_ folder: String, in context: VectorRunContext) -> [VectorSuiteOutcome] {
        let directory = (context.vectorsDirectory as NSString).appendingPathComponent(folder)
        let files: [String]
        do throws(VectorFileError) {
            files = try VectorFileReader.jsonFiles(in: directory)
        } catch {
            return [.failed(suite: folder, error: error)]
        }
        guard !files.isEmpty else {
            return [.failed(suite: folder, error: .unreadable(path: directory, reason: "no .json vector files"))]
        }
        return files.map { path in
            let suite = folder + "/" + (path as NSString).lastPathComponent
            do throws(VectorFileError) {
                return .ran(DeliveryVectorRunner.run(try DeliveryVectorLoader.load(path: path), suiteName: suite))
            } catch {
                return .failed(suite: suite, error: error)
            }
        }
    }

    /// Wycheproof `hmac_sha256_test.json`.
    public static let wycheproofHMACSHA256 = VectorSuiteSource(name: "wycheproof/hmac_sha256_test.json") { context in
        wycheproof("hmac_sha256_test.json", in: context) { path throws(VectorFileError) in try WycheproofMACRunner.runFile(path: path) }
    }

    /// Wycheproof `ed25519_test.json`.
    public static let wycheproofEd25519 = VectorSuiteSource(name: "wycheproof/ed25519_test.json") { context in
        wycheproof("ed25519_test.json", in: context) { path throws(VectorFileError) in try WycheproofEd25519Runner.runFile(path: path) }
    }

    /// Runs one Wycheproof file, or reports the suite as skipped when no directory was given.
    public static func wycheproof(
        _ file: String, in context: VectorRunContext,
        run: (String) throws(VectorFileError) -> VectorSuiteResult
    ) -> [VectorSuiteOutcome] {
        let suite = "wycheproof/" + file
        guard let directory = context.wycheproofDirectory else {
            return [.ran(VectorSuiteResult(name: suite, results: [
                VectorResult(name: file, source: WycheproofSource.project, expected: "run", actual: "not run",
                             verdict: .skipped(reason: WycheproofDirectory.unsetReason)),
            ]))]
        }
        do throws(VectorFileError) {
            return [.ran(try run((directory as NSString).appendingPathComponent(file)))]
        } catch {
            return [.failed(suite: suite, error: error)]
        }
    }
}
