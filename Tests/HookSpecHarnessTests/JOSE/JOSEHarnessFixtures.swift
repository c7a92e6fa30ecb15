import Foundation
import HookSpecVectors
import Testing

/// Where the harness finds vector files: the repository's `vectors/` and `WYCHEPROOF_DIR`.
enum JOSEHarnessFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vectorsDirectory = repositoryRoot.appendingPathComponent("vectors")
    static let keysDirectory = vectorsDirectory.appendingPathComponent("jose/keys")

    /// `WYCHEPROOF_DIR`, resolved against the repository root when relative (CI passes `../shared/...`).
    static let wycheproofDirectory: URL? = {
        guard let value = ProcessInfo.processInfo.environment["WYCHEPROOF_DIR"], !value.isEmpty else { return nil }
        return value.hasPrefix("/") ? URL(fileURLWithPath: value) : repositoryRoot.appendingPathComponent(value)
    }()
    static let wycheproofAvailable = wycheproofDirectory != nil
    static let wycheproofSkipReason = Comment(rawValue: WycheproofDirectory.unsetReason)

    static func wycheproof(_ file: String) -> URL? { wycheproofDirectory?.appendingPathComponent(file) }
}

