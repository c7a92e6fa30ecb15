import Foundation

/// Runs an external program for a test (python3, chromium, curl): found on `PATH`, output
/// collected through files (no pipe to fill up), killed after a generous hang guard.
public struct ExternalTool: Sendable {
    /// What one run printed and how it ended.
    public struct Outcome: Sendable {
        /// Exit status (the signal number when it was killed).
        public let status: Int32
        /// Standard output.
        public let output: String
        /// Standard error.
        public let errorOutput: String
        /// True when the hang guard had to kill it.
        public let timedOut: Bool
    }

    /// The executable.
    public let url: URL

    /// The program at `url`.
    public init(url: URL) {
        self.url = url
    }

    /// The first executable called `name` on `PATH` (then `/usr/bin`), or nil.
    public static func find(_ name: String) -> ExternalTool? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return ExternalTool(url: candidate) }
        }
        return nil
    }

    /// Runs with `arguments`, killing it after `hangGuardSeconds` (a guard against hangs, never a
    /// speed check). Async, so a slow program (Chromium on a busy machine) suspends the test
    /// instead of blocking one of the few cooperative threads other tests need.
    /// `environment` entries are added to the test's own environment.
    public func run(_ arguments: [String], environment: [String: String] = [:], hangGuardSeconds: Double = 180) async throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw CocoaError(.fileWriteUnknown) }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var hangGuard: Task<Void, Never>?
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            hangGuard = Task {
                guard (try? await Task.sleep(for: .seconds(hangGuardSeconds))) != nil else { return }
                // SIGKILL: children of the test runner may have SIGTERM blocked (see LaunchedProcess).
                kill(pid, SIGKILL)
            }
        }
        hangGuard?.cancel()
        try out.close()
        try err.close()
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            errorOutput: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            timedOut: killed)
    }

    /// The package root, from this file's path (never the current directory).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/<relative>` beside the package, when it exists.
    public static func shared(_ relative: String) -> URL? {
        let url = packageRoot.appendingPathComponent("../shared").appendingPathComponent(relative).standardizedFileURL
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
