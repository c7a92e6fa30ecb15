import Foundation
import HookSpecCore
import HookSpecVectors
import Testing

/// hookspec's own JOSE vector files (SPEC §8), one parameterized case per vector.
@Suite("JOSE vectors (vectors/jose)")
struct JOSEVectorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let vector: JOSEVectorFile.Vector
        var testDescription: String { "\(file): \(vector.name) → \(vector.expected)" }
    }

    static let cases: [Case] = JOSEVectorSuites.ownFiles.flatMap { relative -> [Case] in
        let url = JOSEHarnessFixtures.vectorsDirectory.appendingPathComponent(relative)
        return ((try? JOSEVectorFile(path: url.path))?.vectors ?? []).map { Case(file: relative, vector: $0) }
    }

    @Test("every file loads and is not empty", arguments: JOSEVectorSuites.ownFiles)
    func loads(_ relative: String) throws {
        let file = try JOSEVectorFile(path: JOSEHarnessFixtures.vectorsDirectory.appendingPathComponent(relative).path)
        #expect(!file.vectors.isEmpty)
        #expect(file.vectors.allSatisfy { !$0.source.isEmpty })
    }

    @Test("vector agrees", arguments: cases)
    func agrees(_ testCase: Case) {
        #expect(JOSEVectorRunner.outcome(of: testCase.vector) == testCase.vector.expected)
    }

    @Test("the suite runner reports no disagreement")
    func suites() {
        for outcome in JOSEVectorSuites.runOwn(vectorsDirectory: JOSEHarnessFixtures.vectorsDirectory.path) {
            guard case .ran(let suite) = outcome else {
                Issue.record("\(outcome.suiteName) did not run: \(outcome)")
                continue
            }
            #expect(suite.disagreements == 0, "\(suite.name)")
            #expect(!suite.results.isEmpty, "\(suite.name)")
        }
    }
}

/// `vectors/jose/hostile-tokens.json` is what the committed generator makes from the committed keys.
@Suite("Hostile token vector file")
struct HostileTokenVectorFileTests {
    static let path = JOSEHarnessFixtures.vectorsDirectory.appendingPathComponent("jose/hostile-tokens.json")

    @Test("matches a fresh generation (HOOKSPEC_REGENERATE_VECTORS=1 rewrites it)")
    func reproducible() throws {
        let generated = try HostileTokenVectors.document(keysDirectory: JOSEHarnessFixtures.keysDirectory)
        if ProcessInfo.processInfo.environment["HOOKSPEC_REGENERATE_VECTORS"] == "1" {
            try Data(generated).write(to: Self.path)
        }
        let committed = try Array(Data(contentsOf: Self.path))
        #expect(committed == generated)
    }

    @Test("covers every hostile token kind with its own expected code")
    func coverage() throws {
        let file = try JOSEVectorFile(path: Self.path.path)
        for kind in HostileToken.allCases {
            let vector = try #require(file.vectors.first { $0.name.hasPrefix(kind.rawValue + ":") })
            #expect(vector.expected == kind.expected.rawValue)
        }
        #expect(file.vectors.contains { $0.expected == "valid" })
    }
}
