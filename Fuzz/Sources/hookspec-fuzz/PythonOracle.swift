import Foundation

/// The `standardwebhooks` Python library in a long-lived subprocess (Fuzz/python/standardwebhooks_oracle.py),
/// asked one delivery at a time over a pipe.
final class PythonOracle: @unchecked Sendable {
    /// The library's answer to one delivery.
    enum Verdict: Equatable {
        case secretRefused(String)
        case accepted(key: [UInt8])
        case refused(key: [UInt8], reason: String)
    }

    // Only the fuzzing thread uses the pipes; libFuzzer runs inputs one at a time.
    private let process = Process()
    private let requests = Pipe()
    private let answers = Pipe()

    init() {
        let script = FuzzResources.root + "/Fuzz/python/standardwebhooks_oracle.py"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ProcessInfo.processInfo.environment["HOOKSPEC_PYTHON"] ?? "python3", script]
        process.standardInput = requests
        process.standardOutput = answers
        do {
            try process.run()
        } catch {
            FuzzCheck.fail("cannot start \(script): \(error)")
        }
    }

    func verdict(now: Int64, secret: String, id: String, timestamp: String, signature: String, body: [UInt8]) -> Verdict {
        var request: [UInt8] = []
        withUnsafeBytes(of: now.bigEndian) { request += $0 }
        for field in [Array(secret.utf8), Array(id.utf8), Array(timestamp.utf8), Array(signature.utf8), body] {
            withUnsafeBytes(of: UInt32(field.count).bigEndian) { request += $0 }
            request += field
        }
        writeAll(request)
        let status = readExact(1)[0]
        let key = readField()
        let detail = String(decoding: readField(), as: UTF8.self)
        switch status {
        case UInt8(ascii: "S"): return .secretRefused(detail)
        case UInt8(ascii: "A"): return .accepted(key: key)
        case UInt8(ascii: "R"): return .refused(key: key, reason: detail)
        default: FuzzCheck.fail("python oracle answered status \(status)")
        }
    }

    /// How the subprocess ended, for the failure message (it may still be closing).
    private func exitStatus() -> String {
        for _ in 0..<50 where process.isRunning { usleep(20_000) }
        guard !process.isRunning else { return "still running, closed its output (errno \(errno))" }
        let how = process.terminationReason == .uncaughtSignal ? "killed by signal" : "exited with status"
        return "\(how) \(process.terminationStatus)"
    }

    private func readField() -> [UInt8] {
        let size = readExact(4).reduce(0) { $0 << 8 | Int($1) }
        return readExact(size)
    }

    private func writeAll(_ bytes: [UInt8]) {
        let descriptor = requests.fileHandleForWriting.fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            // libFuzzer's once-a-second SIGALRM (its -timeout watchdog) interrupts blocking calls.
            if written < 0, errno == EINTR { continue }
            if written <= 0 { FuzzCheck.fail("python oracle stopped reading (errno \(errno))") }
            offset += written
        }
    }

    private func readExact(_ count: Int) -> [UInt8] {
        let descriptor = answers.fileHandleForReading.fileDescriptor
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes[offset...].withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { FuzzCheck.fail("python oracle stopped answering: \(exitStatus()) (is standardwebhooks 1.1.0 installed?)") }
            offset += got
        }
        return bytes
    }
}
