import Foundation

/// A helper server a test starts (a tiny Python receiver): it prints one line (its port) when
/// ready and is stopped by the test, or stops by itself after its own idle timeout.
public final class LaunchedProcess: @unchecked Sendable {
    // Only touched from the test that owns it, so unchecked Sendable is honest here.
    private let process: Process
    private let output: Pipe

    /// Starts `tool` with `arguments`.
    public init(_ tool: ExternalTool, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = tool.url
        process.arguments = arguments
        output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The first line the process printed (at most 200 bytes), or nil if it ended first; read
    /// on a Dispatch thread, so a slow start does not hold one of the cooperative threads.
    public func firstLine() async -> String? {
        await offCooperativePool { self.readFirstLine() }
    }

    private func readFirstLine() -> String? {
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while line.count < 200 {
            guard let byte = try? handle.read(upToCount: 1), let first = byte.first else { return nil }
            if first == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(first)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// Stops the process (SIGKILL) and waits for it.
    public func stop() {
        // SIGKILL by pid: a child spawned from the test runner inherits a signal mask that blocks
        // SIGTERM (seen here: a terminated Python server kept serving until its own timeout).
        let pid = process.processIdentifier
        if pid > 0, process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
