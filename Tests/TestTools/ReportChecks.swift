import Foundation

/// Checks on written reports that several test targets share: SARIF against the 2.1.0 schema
/// (Python `jsonschema`, draft-04) and HTML rendered in headless Chromium.
public enum ReportChecks {
    /// What a check found.
    public enum Finding: Sendable {
        /// The tool or the shared file is absent; the message says what and where it comes from.
        case skipped(String)
        /// The check ran; empty when nothing is wrong.
        case problems(String)
    }

    private static let sarifValidator = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path), error.message)
        sys.exit(1 if errors else 0)
        """

    /// Problems the SARIF 2.1.0 schema in `../shared/schemas` finds in `text`.
    public static func sarifSchemaProblems(_ text: String) async throws -> Finding {
        guard let schema = ExternalTool.shared("schemas/sarif-schema-2.1.0.json") else {
            return .skipped("../shared/schemas/sarif-schema-2.1.0.json is absent (upstream: https://github.com/oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json); SARIF not validated")
        }
        guard let python = ExternalTool.find("python3") else { return .problems("python3 not on PATH; .ci/run provides it") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let script = scratch.appendingPathComponent("validate.py"), document = scratch.appendingPathComponent("report.sarif")
        try sarifValidator.write(to: script, atomically: true, encoding: .utf8)
        try text.write(to: document, atomically: true, encoding: .utf8)
        let outcome = try await python.run([script.path, schema.path, document.path])
        if outcome.errorOutput.contains("ModuleNotFoundError") { return .problems("pip install jsonschema (.ci/run does): \(outcome.errorOutput)") }
        return .problems(outcome.status == 0 ? "" : outcome.output + outcome.errorOutput)
    }

    /// Chromium, when installed.
    public static func chromium() -> ExternalTool? {
        ExternalTool.find("chromium") ?? ExternalTool.find("chromium-browser")
    }

    /// Flags for a headless render on a small CI machine.
    public static let chromiumFlags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--renderer-process-limit=1",
    ]

    /// The number in the element carrying `attribute="value"`, in Chromium's serialised DOM.
    public static func number(in dom: String, attribute: String, value: String) -> Int? {
        guard let start = dom.range(of: "\(attribute)=\"\(value)\">") else { return nil }
        return Int(dom[start.upperBound...].prefix { $0.isNumber })
    }
}
