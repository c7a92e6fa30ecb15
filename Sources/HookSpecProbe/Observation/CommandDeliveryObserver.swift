import Foundation

/// Why an observation hook gave no answer.
public enum ObservationHookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command could not be started.
    case launchFailed(String)
    /// The command ran longer than its timeout and was stopped.
    case timedOut(seconds: Double)
    /// The command exited non-zero.
    case failed(status: Int32)
    /// The URL answered something other than 200, or nothing.
    case badAnswer(String)

    /// The reason in one line.
    public var description: String {
        switch self {
        case .launchFailed(let why): "the observation command could not start: \(why)"
        case .timedOut(let seconds): "the observation command ran past \(seconds) s and was stopped"
        case .failed(let status): "the observation command exited with status \(status)"
        case .badAnswer(let why): "the observation URL answered \(why)"
        }
    }
}

/// `--observe-cmd`: runs a shell command that prints the ids the receiver processed, one per line,
/// after a settle delay, so replay cases grade "processed at most once" (SPEC §10).
public struct CommandDeliveryObserver: DeliveryObserver {
    /// The command, run by `/bin/sh -c`.
    public let command: String
    /// Seconds to wait before running it, so queued work can finish.
    public let settleSeconds: Double
    /// Seconds the command may run.
    public let timeoutSeconds: Double

    /// An observer.
    public init(command: String, settleSeconds: Double = 1, timeoutSeconds: Double = 10) {
        self.command = command
        self.settleSeconds = settleSeconds
        self.timeoutSeconds = timeoutSeconds
    }

    public func timesProcessed(webhookID: String) async -> Int? {
        try? await Task.sleep(for: .milliseconds(Int(settleSeconds * 1_000)))
        guard let output = try? await run() else { return nil }
        return ProcessedIDList.count(of: webhookID, in: output)
    }

    /// Runs the command once; its standard output, bounded by `ProcessedIDList.maximumBytes`.
    public func run() async throws(ObservationHookError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .launchFailed(String(describing: error)) }
        // The pipe is drained while the command runs, so a chatty command never blocks on a full pipe.
        // The blocking reads run on a Dispatch thread: a task blocked in read(2) would hold one of the
        // few cooperative threads (one per core) every other task of the run needs.
        let drain = { @Sendable () -> [UInt8] in
            var collected: [UInt8] = []
            let handle = output.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                if collected.count < ProcessedIDList.maximumBytes {
                    collected.append(contentsOf: chunk.prefix(ProcessedIDList.maximumBytes - collected.count))
                }
            }
            return collected
        }
        let reader = Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: drain()) }
            }
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1_000))
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                // Foundation starts the child as a process group leader: stop the whole group, so the
                // command's own children, which hold the pipe open, go too.
                let group = process.processIdentifier
                if group > 0, getpgid(group) == group { kill(-group, SIGKILL) }
                process.terminate()
                process.waitUntilExit()
                _ = await reader.value
                throw .timedOut(seconds: timeoutSeconds)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let collected = await reader.value
        guard process.terminationStatus == 0 else { throw .failed(status: process.terminationStatus) }
        return collected
    }
}
