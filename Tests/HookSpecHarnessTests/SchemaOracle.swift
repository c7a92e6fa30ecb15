import Foundation
import HookSpecCore
import HookSpecVectors

/// Runs `vectors/catalog/schema-oracle.py` (Python `jsonschema` over the generated schemas) on
/// envelope bodies. A missing `python3` or `jsonschema` is an answer of its own (`.failure`),
/// which the tests report as a failure with the fix, never as a pass.
enum SchemaOracle {
    static let script = CatalogHarness.catalogDirectory.appendingPathComponent("schema-oracle.py")
    /// A run that takes longer than this is stopped and reported.
    static let timeoutSeconds = 300.0

    /// `interpreterOptions` go to python3 before the script (the tests pass `-S` to hide site-packages).
    static func run(_ bodies: [(name: String, body: [UInt8])], schemasDirectory: URL, interpreterOptions: [String] = []) -> CatalogConformance.OracleAnswers {
        guard let python = executable("python3") else {
            return .failure(.init("python3 not found on PATH: install Python 3 and `python3 -m pip install jsonschema` (CI's .ci/run installs it); this check fails rather than skips"))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-oracle-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = JSONValue.array(bodies.map { item in
            (try? JSONObject(members: [("name", .string(item.name)), ("body_base64", .string(Base64Codec.encode(item.body)))])).map(JSONValue.object) ?? .null
        })
        do {
            try Data(input.compactEncoded()).write(to: scratch)
        } catch {
            return .failure(.init("cannot write the oracle's input: \(error.localizedDescription)"))
        }

        let process = Process()
        process.executableURL = python
        process.arguments = interpreterOptions + [script.path, schemasDirectory.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        guard let stdin = FileHandle(forReadingAtPath: scratch.path) else { return .failure(.init("cannot reopen the oracle's input")) }
        process.standardInput = stdin
        defer { try? stdin.close() }
        do {
            try process.run()
        } catch {
            return .failure(.init("cannot start python3: \(error.localizedDescription)"))
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: watchdog)
        // Read both pipes to their end before waiting, so a full pipe cannot block the child.
        let errorData = ThreadSafeData()
        let errorReader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        // Bounded: the pipe closes when python3 exits; a grandchild holding it open costs at most 5 s.
        for _ in 0..<500 where !errorData.isSet { Thread.sleep(forTimeInterval: 0.01) }
        let message = String(decoding: errorData.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)

        if process.terminationReason == .uncaughtSignal {
            return .failure(.init("the oracle was stopped after \(Int(timeoutSeconds)) s or crashed: \(message)"))
        }
        switch process.terminationStatus {
        case 0: break
        case 3: return .failure(.init(message.isEmpty ? "the Python package jsonschema is missing: python3 -m pip install jsonschema" : message))
        default: return .failure(.init("the oracle exited with \(process.terminationStatus): \(message)"))
        }
        return parse(Array(outputData))
    }

    private static func parse(_ bytes: [UInt8]) -> CatalogConformance.OracleAnswers {
        guard let value = try? StrictJSONParser().parse(bytes), let items = value.arrayValue else {
            return .failure(.init("the oracle's output is not a JSON array"))
        }
        var answers: [String: CatalogExpectation] = [:]
        for item in items {
            guard let object = item.objectValue, let name = object["name"]?.stringValue,
                let outcomeText = object["outcome"]?.stringValue, let outcome = EnvelopeCode(rawValue: outcomeText),
                let problems = object["problems"]?.arrayValue, let userMetadata = object["user_metadata"]?.arrayValue
            else { return .failure(.init("the oracle's output has an entry of the wrong shape")) }
            answers[name] = CatalogExpectation(
                outcome: outcome, type: object["type"]?.stringValue, variant: object["variant"]?.stringValue,
                problems: problems.compactMap(\.stringValue), userMetadata: userMetadata.compactMap(\.stringValue))
        }
        return .success(answers)
    }

    private static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Data handed from the reader thread to the test, behind a lock.
private final class ThreadSafeData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    func get() -> Data { lock.withLock { data ?? Data() } }
}
