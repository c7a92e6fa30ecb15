import Foundation
import HookSpecCore
import NIOPosix
import Testing
import TestTools

@testable import HookSpecProbe

/// The probe against code nobody here wrote: the Gemini guide's own Flask receiver on the
/// `standardwebhooks` package (ThirdParty/README.md), run as published but for its port.
///
/// The expected verdicts were first established by hand with curl against the same script
/// (signatures computed with Python's hmac), then encoded here:
/// - baseline/1 PASS: a valid delivery gets 200.
/// - hdr/8 PASS: Flask/Werkzeug headers are case-insensitive and the library lowercases names.
/// - rot/2 PASS: the library tries every entry, so a decoy before the valid one is fine.
/// - ts/1 PASS: stale by 301 s gets 400 ("Message timestamp too old").
/// - ts/9 PASS: `nan` fails `datetime.fromtimestamp` inside the library's try: 400.
/// - body/4 PASS: it verifies the raw body, so compact-signed/pretty-sent is refused with 400.
/// - replay/1 PASS: both copies get 200 (processing is not observable, so only the answers count).
/// - sig/12 NON-STRICT: `base64.b64decode` ignores data after the padding, so MAC+"AAAA" verifies (200).
/// - sig/13 NON-STRICT: an extra `=` is ignored by `b64decode`: 200.
/// - sig/9 FAIL: a bare MAC has no comma; `version, signature = s.split(",")` raises ValueError: 500.
/// - rot/9 FAIL: the same uncaught ValueError on a comma-less entry before the valid one: 500.
/// - body/15 FAIL: a validly signed empty body verifies, then `json.loads("")` raises outside the try: 500.
/// - body/21 FAIL: 5000 nested arrays verify, then `json.loads` hits RecursionError: 500.
/// - resp/7 INFO: GET gets Flask's 405.
@Suite("Probe against the guide's Flask receiver (standardwebhooks)", .serialized)
struct FlaskReceiverProbeTests {
    static let expected: [String: ProbeVerdict] = [
        "baseline/1": .pass, "hdr/8": .pass, "rot/2": .pass, "ts/1": .pass, "ts/9": .pass, "body/4": .pass,
        "replay/1": .pass, "sig/12": .nonStrict, "sig/13": .nonStrict, "sig/9": .fail, "rot/9": .fail,
        "body/15": .fail, "body/21": .fail, "resp/7": .info,
    ]

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("ThirdParty/gemini_flask_receiver.py").path

    @Test func verdictsMatchWhatCurlShowed() async throws {
        let python = try #require(Self.findPython(), "python3 not found on PATH: the Flask receiver test needs python3 with `pip install flask standardwebhooks`")
        let missing = await Self.missingModules(python: python)
        try #require(missing.isEmpty, "python3 lacks \(missing): run `pip install flask standardwebhooks` (the Flask receiver test cannot run without them)")

        let secret = try WebhookSecret.random()
        let flask = try FlaskProcess.start(python: python, script: Self.script, environment: ["WEBHOOK_SIGNING_SECRET": secret.exportedText()])
        defer { flask.stop() }
        let port = try #require(await flask.waitForPort(seconds: 120), "Flask did not report its port within 120 s; output:\n\(flask.output)")

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let target = try ProbeTarget(url: "http://127.0.0.1:\(port)/gemini-callback")
        let transport = try NIOProbeTransport(target: target, configuration: patientTransport, group: group)
        let runner = ProbeRunner(transport: transport, keys: .v1(HMACRunKeys(secret: secret)))
        let selection = CaseSelection(only: Array(Self.expected.keys))
        let result = await runner.run(ProbeConfiguration(targetDescription: target.description, selection: selection, toolVersion: "test", latency: patientLatency))
        try await group.shutdownGracefully()

        for (id, verdict) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let got = try #require(result.results.first { $0.probeCase.id == id })
            #expect(got.grade.verdict == verdict, "\(id): expected \(verdict.rawValue), got \(got.grade.verdict.rawValue): \(got.grade.reason)")
        }
        #expect(result.exitCode == 1, "the sample's 500s are FAILs")
    }

    static func findPython() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map { "\($0)/python3" } + ["/usr/bin/python3"]).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The modules `python` cannot import (each tried while the test suspends, never blocking a cooperative thread).
    static func missingModules(python: String, _ modules: [String] = ["flask", "standardwebhooks"]) async -> [String] {
        var missing: [String] = []
        for module in modules {
            let outcome = try? await ExternalTool(url: URL(fileURLWithPath: python)).run(["-c", "import \(module)"])
            if outcome?.status != 0 { missing.append(module) }
        }
        return missing
    }
}

/// A Flask script as a child process on a free loopback port; its output is collected to find the port.
final class FlaskProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var collected = Data()

    /// Starts `script` with `environment` added to this process's (secrets there never reach output).
    static func start(python: String, script: String, environment extra: [String: String]) throws -> FlaskProcess {
        let flask = FlaskProcess()
        flask.process.executableURL = URL(fileURLWithPath: python)
        flask.process.arguments = [script]
        var environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        environment["PORT"] = "0"
        environment["PYTHONUNBUFFERED"] = "1"
        flask.process.environment = environment
        let pipe = Pipe()
        flask.process.standardOutput = pipe
        flask.process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            flask.lock.lock()
            // Bounded: the banner is all that is needed; request logs beyond 64 KiB are dropped.
            if flask.collected.count < 1 << 16 { flask.collected.append(data) }
            flask.lock.unlock()
        }
        try flask.process.run()
        return flask
    }

    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collected, as: UTF8.self)
    }

    /// Polls the banner for `Running on http://127.0.0.1:PORT`.
    func waitForPort(seconds: Double) async -> Int? {
        await poll(seconds: seconds, while: { process.isRunning }, announcedPort)
    }

    private func announcedPort() -> Int? {
        let text = output
        guard let range = text.range(of: "Running on http://127.0.0.1:") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// SIGKILL, and reaps the child: a child of the test runner may have SIGTERM blocked (see
    /// `LaunchedProcess`), and waiting out a grace period would hold a cooperative thread.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
