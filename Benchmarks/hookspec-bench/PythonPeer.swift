import Foundation

/// A Python library measured beside hookspec in the same run: a `python3` subprocess that loads
/// the library once, checks it accepts the input, then times one round per request and reports
/// its own rate, so the Swift side's alternation covers it like any other contender.
final class PythonPeer {
    /// The libraries the benchmark compares with, and how to install them.
    enum Library: String {
        case standardWebhooks = "standardwebhooks"
        case pyJWT = "pyjwt"

        var installHint: String {
            switch self {
            case .standardWebhooks: "pip install standardwebhooks==1.1.0"
            case .pyJWT: "pip install 'pyjwt[crypto]'"
            }
        }
    }

    /// Why a peer could not be measured.
    enum Unavailable: Error, CustomStringConvertible {
        case noPython(String)
        case missingPackage(String)
        case failed(String)

        var description: String {
            switch self {
            case .noPython(let why): "python3 not runnable (\(why))"
            case .missingPackage(let what): "python3 lacks \(what)"
            case .failed(let why): why
            }
        }
    }

    let library: Library
    /// The package versions the script reported, e.g. `standardwebhooks 1.1.0`.
    private(set) var versions = ""
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var buffered: [UInt8] = []

    /// Longest reply line accepted from the script.
    private static let maximumLineBytes = 4096

    /// Starts the script on `inputs` (written as JSON to a temporary file the script reads).
    init(_ library: Library, inputs: [String: String]) throws(Unavailable) {
        self.library = library
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-bench-peer-\(getpid())-\(library.rawValue).json")
        do {
            let data = try JSONSerialization.data(withJSONObject: inputs)
            try data.write(to: file, options: .atomic)
        } catch {
            throw .failed("cannot write the peer's inputs: \(error)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, library.rawValue, file.path]
        let stdinPipe = Pipe(), stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .noPython("\(error)")
        }
        self.process = process
        self.input = stdinPipe.fileHandleForWriting
        self.output = stdoutPipe.fileHandleForReading
        // The script deletes nothing; the file is small and removed here once the script read it.
        let first = readLine()
        try? FileManager.default.removeItem(at: file)
        guard let first else {
            throw .noPython("python3 exited at start (status \(process.isRunning ? 0 : process.terminationStatus))")
        }
        let words = first.split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first {
        case "ready": versions = words.count > 1 ? words[1] : ""
        case "missing": throw .missingPackage("\(words.count > 1 ? words[1] : library.rawValue) (\(library.installHint))")
        default: throw .failed("\(library.rawValue) peer: \(first)")
        }
    }

    deinit {
        if process.isRunning {
            try? input.write(contentsOf: Array("quit\n".utf8))
            process.waitUntilExit()
        }
    }

    /// Starts the peer and says so (with what it runs), or says clearly that it is missing.
    static func start(_ library: Library, inputs: [String: String], doing work: String) -> PythonPeer? {
        do {
            let peer = try PythonPeer(library, inputs: inputs)
            print("  peer: \(peer.versions), \(work), timed in its own process")
            return peer
        } catch {
            print("  peer \(library.rawValue): MISSING, not measured: \(error)")
            return nil
        }
    }

    /// Grades hookspec against the peer's side, or prints that the ratio could not be measured.
    static func grade(_ name: String, _ core: Measurement.Side, over peerSide: Measurement.Side?, goal: Double) -> Bool {
        guard let peerSide else {
            print("  ratio \(name): not measured (peer missing)")
            return true
        }
        return Measurement.grade(name, core, over: peerSide, goal: goal)
    }

    /// This peer as a contender; its rounds run in the subprocess.
    func contender(label: String) -> Measurement.Contender {
        Measurement.Contender(
            label: label,
            check: { .success(()) },  // the script verified the input before saying "ready"
            warmUp: { [self] seconds in _ = round(seconds) },
            round: { [self] seconds in round(seconds) },
            profile: nil)
    }

    private func round(_ seconds: Double) -> Result<Double, BenchmarkFailure> {
        do {
            try input.write(contentsOf: Array("round \(seconds)\n".utf8))
        } catch {
            return .failure(BenchmarkFailure("\(library.rawValue) peer: \(error)"))
        }
        guard let line = readLine() else { return .failure(BenchmarkFailure("\(library.rawValue) peer exited")) }
        let words = line.split(separator: " ")
        guard words.count == 2, words[0] == "rate", let rate = Double(words[1]) else {
            return .failure(BenchmarkFailure("\(library.rawValue) peer: \(line)"))
        }
        return .success(rate)
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            guard buffered.count < Self.maximumLineBytes else { return nil }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            buffered.append(contentsOf: chunk)
        }
    }

    // Verifies exactly what the Swift side verifies: the same body, headers, secret, token and
    // key. Both libraries read the wall clock, so the inputs are made at the current time.
    private static let script = #"""
import base64, json, sys, time
kind, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    inputs = json.load(f)
try:
    from importlib.metadata import version
    if kind == "standardwebhooks":
        from standardwebhooks.webhooks import Webhook
        versions = "standardwebhooks " + version("standardwebhooks")
    else:
        import jwt
        from cryptography.hazmat.primitives.serialization import load_pem_public_key
        versions = "PyJWT " + version("PyJWT") + ", cryptography " + version("cryptography")
except ImportError as error:
    print("missing " + (error.name or kind), flush=True)
    sys.exit(3)
body = base64.b64decode(inputs["body"])
if kind == "standardwebhooks":
    hook = Webhook(inputs["secret"])
    headers = {"webhook-id": inputs["id"], "webhook-timestamp": inputs["timestamp"], "webhook-signature": inputs["signature"]}
    def operation():
        hook.verify(body, headers)
else:
    key = load_pem_public_key(inputs["publicKeyPEM"].encode())
    token, audience = inputs["token"], inputs["audience"]
    def operation():
        jwt.decode(token, key, algorithms=["RS256"], audience=audience)
try:
    operation()
except Exception as error:
    print("error the peer rejected the input: %s" % type(error).__name__, flush=True)
    sys.exit(4)
print("ready " + versions, flush=True)
for line in sys.stdin:
    words = line.split()
    if not words or words[0] != "round":
        break
    seconds = float(words[1])
    count, start = 0, time.perf_counter()
    while True:
        for _ in range(200):
            operation()
        count += 200
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    print("rate %.1f" % (count / elapsed), flush=True)
"""#
}
