import Foundation
import HookSpecCore
import HookSpecVectors
import Testing

/// Malformed vector files give clear typed errors, never a crash or a silently different vector.
@Suite struct VectorLoaderTests {
    static let good = """
        {"name": "x", "source": {"project": "p", "file": "f", "test": "t"},
         "headers": [["webhook-id", "a"], ["webhook-timestamp", "1"], ["webhook-signature", "v1,x"]],
         "body": {"text": ""}, "secrets": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "now": 1, "policy": "strict",
         "expected": "entry_malformed"}
        """

    func load(_ text: String) throws(VectorFileError) -> DeliveryVectorFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-vector-\(UUID().uuidString).json")
        try? Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try DeliveryVectorLoader.load(path: url.path)
    }

    func file(_ vectors: String, format: String = "hookspec-delivery-vectors/1") -> String {
        "{\"format\": \"\(format)\", \"description\": \"d\", \"vectors\": [\(vectors)]}"
    }

    @Test func aGoodFileLoadsAndRuns() throws {
        let loaded = try load(file(Self.good))
        let vector = try #require(loaded.vectors.first)
        #expect(vector.expected == .rejected(.entryMalformed))
        #expect(DeliveryVectorRunner.run(vector).verdict == .agrees)
    }

    @Test(arguments: [
        ("not json", "{", "not strict JSON"),
        ("wrong format", "{\"format\": \"other/2\", \"description\": \"d\", \"vectors\": []}", "unsupported format other/2"),
        ("unknown member", #"{"format": "hookspec-delivery-vectors/1", "description": "d", "vectors": [], "extra": 1}"#, "unknown member extra"),
        ("duplicate member", #"{"format": "hookspec-delivery-vectors/1", "format": "x", "description": "d", "vectors": []}"#, "appears twice"),
    ])
    func fileLevelErrors(label: String, text: String, fragment: String) {
        #expect {
            _ = try load(text)
        } throws: { error in
            String(describing: error).contains(fragment)
        }
    }

    @Test(arguments: [
        ("\"expected\": \"entry_malformed\"", "\"expected\": \"nope\"", "neither valid nor a rejection code"),
        ("\"policy\": \"strict\"", "\"policy\": [\"timestamp_everything\"]", "unknown leniency timestamp_everything"),
        ("\"now\": 1", "\"now\": 1.5", "now must be an integer"),
        ("[\"webhook-id\", \"a\"]", "[\"webhook-id\"]", "headers[0] must be a [name, value] pair"),
        ("\"body\": {\"text\": \"\"}", "\"body\": {\"base64\": \"a\"}", "base64 is not canonical"),
        ("\"body\": {\"text\": \"\"}", "\"body\": {\"text\": \"\", \"base64\": \"\"}", "exactly one of text or base64"),
        ("\"body\": {\"text\": \"\"}", "\"body\": {\"text\": \"\", \"hex\": \"\"}", "unknown member hex"),
        ("\"body\": {\"text\": \"\"}", "\"body\": {\"text\": 1}", "text must be a string, found integer"),
        ("\"now\": 1", "\"now\": 1, \"secretz\": []", "unknown member secretz"),
        ("\"source\": {\"project\": \"p\", ", "\"source\": {", "missing member project"),
    ])
    func vectorLevelErrors(original: String, replacement: String, fragment: String) {
        let text = file(Self.good.replacingOccurrences(of: original, with: replacement))
        #expect {
            _ = try load(text)
        } throws: { error in
            let description = String(describing: error)
            // Errors name the vector so it can be found in the file.
            return description.contains(fragment) && description.contains("vectors[0]")
        }
    }

    @Test func duplicateNamesAreRejected() {
        #expect {
            _ = try load(file(Self.good + "," + Self.good))
        } throws: { error in
            String(describing: error).contains("name x is used twice")
        }
    }

    @Test func oversizedFilesAreRefusedBeforeParsing() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-big-\(UUID().uuidString).json")
        try Data(repeating: 0x20, count: 2048).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: VectorFileError.tooLarge(path: url.path, limit: 1024)) {
            _ = try VectorFileReader.bytes(at: url.path, limit: 1024)
        }
    }

    @Test func missingFilesAndDirectoriesAreHarnessErrors() {
        let outcomes = VectorSuiteSource.deliveryDirectory("does-not-exist", in: VectorRunContext(vectorsDirectory: "/nonexistent", wycheproofDirectory: nil))
        #expect(outcomes.count == 1)
        guard case .failed(let suite, .unreadable) = outcomes.first else {
            Issue.record("expected an unreadable-directory failure, got \(outcomes)")
            return
        }
        #expect(suite == "does-not-exist")
    }

    @Test func wycheproofWithoutDirectoryIsSkippedWithTheReason() {
        let outcomes = VectorSuiteSource.wycheproofEd25519.run(VectorRunContext(vectorsDirectory: "vectors", wycheproofDirectory: nil))
        guard case .ran(let suite) = outcomes.first, let result = suite.results.first else {
            Issue.record("expected a skipped suite, got \(outcomes)")
            return
        }
        #expect(result.verdict == .skipped(reason: WycheproofDirectory.unsetReason))
        #expect(VectorRunReport.table(outcomes).render().contains("wycheproof/ed25519_test.json"))
    }

    @Test func wycheproofFileOfTheWrongSchemaIsAHarnessError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-wp-\(UUID().uuidString).json")
        try Data(#"{"schema": "something_else.json", "testGroups": []}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: VectorFileError.unsupportedFormat(path: url.path, found: "something_else.json")) {
            _ = try WycheproofMACRunner.load(path: url.path)
        }
    }
}
