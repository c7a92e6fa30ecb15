import Foundation
import HookSpecVectors

/// The environment variable `name`, if set and non-empty.
func environmentValue(_ name: String) -> String? {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
    return value
}

/// Published vector files kept outside the repository (`../shared/vectors`, see BRIEF and
/// ../shared/vectors/README.md). Tests that need them are skipped, saying so, when absent.
enum SharedVectors {
    /// The repository root, found from this file's path (Tests/HookSpecCoreTests/SharedVectors.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/vectors` beside the repository.
    static let directory = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors")

    /// Wycheproof files: `WYCHEPROOF_DIR` if set (as CI sets it), else `../shared/vectors/wycheproof`.
    static let wycheproofDirectory: URL = environmentValue("WYCHEPROOF_DIR").map { URL(fileURLWithPath: $0) }
        ?? directory.appendingPathComponent("wycheproof")

    static let standardWebhooksFile = directory.appendingPathComponent("standard-webhooks/vectors.json")

    static var standardWebhooksAvailable: Bool { FileManager.default.fileExists(atPath: standardWebhooksFile.path) }

    static func wycheproofAvailable(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: wycheproofDirectory.appendingPathComponent(name).path)
    }

    static func load<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}

/// The parts of ../shared/vectors/standard-webhooks/vectors.json these tests read.
struct StandardWebhooksVectorFile: Decodable {
    struct Positive: Decodable, CustomStringConvertible {
        let id: String
        let upstream: Bool
        let scheme: String
        let secretOrKey: String
        let msgId: String
        let timestamp: String
        let payloadB64: String
        let expectedSignature: String

        enum CodingKeys: String, CodingKey {
            case id, upstream, scheme, timestamp
            case secretOrKey = "secret_or_key"
            case msgId = "msg_id"
            case payloadB64 = "payload_b64"
            case expectedSignature = "expected_signature"
        }

        var description: String { "\(id) \(scheme) \(upstream ? "published" : "derived")" }
    }

    let positive: [Positive]
    let invalidSecrets: [String]

    enum CodingKeys: String, CodingKey {
        case positive
        case invalidSecrets = "invalid_secrets"
    }
}

/// Hex text to bytes (Wycheproof); nil for odd length or a non-hex character.
func bytes(fromHex hex: String) -> [UInt8]? {
    HexBytes.decode(hex)
}
