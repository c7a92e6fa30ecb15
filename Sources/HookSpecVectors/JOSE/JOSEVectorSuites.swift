import Foundation
import HookSpecReport

/// Every JOSE suite (issue 3 item 6): hookspec's own files under `vectors/jose/` and the
/// Wycheproof files read from `WYCHEPROOF_DIR`.
public enum JOSEVectorSuites {
    /// hookspec's own files, relative to the `vectors/` directory.
    public static let ownFiles = ["jose/rfc-rs256.json", "jose/rfc8037-ed25519.json", "jose/hostile-tokens.json"]

    /// The Wycheproof files, in run order.
    public static var wycheproofFiles: [String] {
        WycheproofRSASignatureRunner.fileNames + [WycheproofJWSRunner.signatureFile, WycheproofJWSRunner.keyFile]
    }

    /// The reason printed for every Wycheproof suite when the directory is not given.
    public static let wycheproofUnsetReason = "WYCHEPROOF_DIR is not set: Wycheproof vectors were NOT run (CI sets it to ../shared/vectors/wycheproof)"

    /// Runs hookspec's own JOSE files.
    public static func runOwn(vectorsDirectory: URL) -> [VectorSuiteResult] {
        ownFiles.map { relative in
            let url = vectorsDirectory.appendingPathComponent(relative)
            do {
                return JOSEVectorRunner.run(try JOSEVectorFile(contentsOf: url), suiteName: relative)
            } catch {
                return VectorSuiteResult(name: relative, results: [
                    VectorResult(name: "load", source: relative, expected: "loaded", actual: "error: \(error)"),
                ])
            }
        }
    }

    /// Runs the Wycheproof files; with no directory, one skipped result per file says why.
    public static func runWycheproof(directory: URL?) -> [VectorSuiteResult] {
        wycheproofFiles.map { file in
            guard let directory else {
                return VectorSuiteResult(
                    name: "wycheproof/\(file)",
                    results: [VectorResult(name: file, source: "C2SP/wycheproof", expected: "run", actual: "not run",
                                           verdict: .skipped(reason: wycheproofUnsetReason))],
                    notes: [ReportProperty("skipped", wycheproofUnsetReason)])
            }
            let url = directory.appendingPathComponent(file)
            return file.hasPrefix("rsa_signature") ? WycheproofRSASignatureRunner.run(url) : WycheproofJWSRunner.run(url)
        }
    }

    /// Everything, with `WYCHEPROOF_DIR` read from `environment`.
    public static func runAll(vectorsDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> [VectorSuiteResult] {
        let wycheproof = environment["WYCHEPROOF_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        return runOwn(vectorsDirectory: vectorsDirectory) + runWycheproof(directory: wycheproof)
    }
}
