import Foundation

/// A long-running command a test starts (`hookspec serve`, `listen`, `emulate`): output goes to
/// files, so everything it printed, up to its last line, can be read after it stops.
public final class BackgroundCommand: @unchecked Sendable {
    // Owned by one test at a time; the process object is only touched from it.
    private let process = Process()
    private let scratch: URL
    private let outURL: URL
    private let errURL: URL

    /// Starts `tool` with `arguments`; `environment` entries are added to the test's own.
    public init(_ tool: ExternalTool, _ arguments: [String], environment: [String: String] = [:]) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        outURL = scratch.appendingPathComponent("out")
        errURL = scratch.appendingPathComponent("err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw CocoaError(.fileWriteUnknown) }
        process.executableURL = tool.url
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The first `http://127.0.0.1:PORT` the command printed, polled until it appears, the command
    /// ends, or `hangGuardSeconds` pass (a hang guard, not a speed check).
    public func announcedURL(hangGuardSeconds: Double = 120) async -> String? {
        await poll(seconds: hangGuardSeconds, while: { process.isRunning }, printedURL)
    }

    private func printedURL() -> String? {
        let printed = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        return printed.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression).map { String(printed[$0]) }
    }

    /// Waits for the command to end by itself (SIGKILL after `hangGuardSeconds`), then reads its output.
    public func finish(hangGuardSeconds: Double = 120) async -> ExternalTool.Outcome {
        await waitForExit(hangGuardSeconds: hangGuardSeconds)
        return outcome()
    }

    /// Sends SIGINT (the commands' Ctrl-C path, which writes their reports), waits, then reads its output.
    public func interrupt(hangGuardSeconds: Double = 60) async -> ExternalTool.Outcome {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        return await finish(hangGuardSeconds: hangGuardSeconds)
    }

    private func waitForExit(hangGuardSeconds: Double) async {
        let process = self.process
        await offCooperativePool {
            let deadline = Date().addingTimeInterval(hangGuardSeconds)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    private func outcome() -> ExternalTool.Outcome {
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return ExternalTool.Outcome(
            status: process.terminationStatus,
            output: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            errorOutput: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
            timedOut: killed)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: scratch)
    }
}
