import Foundation
import Testing
import TestTools

/// A python3 script that drives an emulator through the google-genai SDK: every run passes the
/// phase, the emulator's base URL and the phase's arguments, and reads the last output line as JSON.
///
/// The script's body follows a preamble that defines `phase`, `base` and `client`.
struct SDKSession {
    static let preamble = """
        import sys, json
        from google import genai

        phase, base = sys.argv[1], sys.argv[2]
        client = genai.Client(api_key="hookspec-test-key", http_options={"base_url": base})

        """

    let python: ExternalTool
    let script: URL
    let base: String

    /// Writes the preamble and `source` to a temporary file; `remove()` deletes it.
    init(source: String, base: String) throws {
        python = try #require(ExternalTool.find("python3"), "python3 is needed (installed by .ci/run)")
        script = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-genai-\(UUID().uuidString).py")
        try (Self.preamble + source).write(to: script, atomically: true, encoding: .utf8)
        self.base = base
    }

    func remove() { try? FileManager.default.removeItem(at: script) }

    func run(_ arguments: [String]) async throws -> [String: Any] {
        let outcome = try await python.run([script.path] + arguments.prefix(1) + [base] + arguments.dropFirst(), hangGuardSeconds: 120)
        #expect(outcome.status == 0, "python \(arguments[0]): \(outcome.errorOutput)")
        let line = outcome.output.split(separator: "\n").last.map(String.init) ?? ""
        return (try JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}
