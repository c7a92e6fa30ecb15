import Foundation
import HookSpecCore
import HookSpecVectors
import Testing

/// Where the harness finds its inputs: always relative to this file, never the current directory.
enum HarnessPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vectorsDirectory = packageRoot.appendingPathComponent("vectors").path
    static let standardWebhooksDirectory = packageRoot.appendingPathComponent("vectors/standard-webhooks").path
    static let reportPath = packageRoot.appendingPathComponent("reports/harness-vectors.xml").path
    /// `WYCHEPROOF_DIR`, or nil: the Wycheproof tests then say they were skipped.
    static let wycheproofDirectory = WycheproofDirectory.fromEnvironment()

    static var context: VectorRunContext {
        VectorRunContext(vectorsDirectory: vectorsDirectory, wycheproofDirectory: wycheproofDirectory)
    }
}

/// One delivery vector as a test argument, shown by its name (`V1 standard-webhooks python sign`).
struct DeliveryVectorCase: Sendable, CustomTestStringConvertible {
    let file: String
    let vector: DeliveryVector
    var testDescription: String { vector.name + " [" + file + "]" }
}

/// One Wycheproof HMAC test as a test argument.
struct MACCase: Sendable, CustomTestStringConvertible {
    let test: WycheproofMACTest
    var testDescription: String { test.name }
}

/// One Wycheproof Ed25519 test as a test argument.
struct SignatureCase: Sendable, CustomTestStringConvertible {
    let test: WycheproofSignatureTest
    var testDescription: String { test.name }
}

enum HarnessVectors {
    /// Every delivery vector of `vectors/standard-webhooks/`; throws (failing the run loudly) if a file is unusable.
    static func deliveryCases() throws -> [DeliveryVectorCase] {
        try VectorFileReader.jsonFiles(in: HarnessPaths.standardWebhooksDirectory).flatMap { path in
            let file = try DeliveryVectorLoader.load(path: path)
            return file.vectors.map { DeliveryVectorCase(file: (path as NSString).lastPathComponent, vector: $0) }
        }
    }

    /// Wycheproof HMAC tests with full 256-bit tags (the truncated ones are skipped, with the reason, in the JUnit file).
    static func macCases() throws -> [MACCase] {
        guard let directory = HarnessPaths.wycheproofDirectory else { return [] }
        return try WycheproofMACRunner.load(path: directory + "/hmac_sha256_test.json")
            .filter { $0.tagBits == 256 }.map(MACCase.init)
    }

    /// Wycheproof Ed25519 tests.
    static func signatureCases() throws -> [SignatureCase] {
        guard let directory = HarnessPaths.wycheproofDirectory else { return [] }
        return try WycheproofEd25519Runner.load(path: directory + "/ed25519_test.json").map(SignatureCase.init)
    }
}
