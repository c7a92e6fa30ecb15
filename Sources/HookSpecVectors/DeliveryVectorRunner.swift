import HookSpecCore
import HookSpecReport

/// Feeds delivery vectors to `StandardWebhookVerifier` and compares its verdict with the file's.
public enum DeliveryVectorRunner {
    /// What the core says about one vector: verified, or the rejection (from key parsing or verification).
    public static func verdict(on vector: DeliveryVector) -> Result<VerifiedDelivery, Rejection> {
        var secrets: [WebhookSecret] = []
        var publicKeys: [Ed25519PublicKey] = []
        do throws(Rejection) {
            for text in vector.secrets {
                secrets.append(try WebhookSecret(parsing: text, options: vector.secretOptions))
            }
            for text in vector.publicKeys {
                publicKeys.append(try Ed25519PublicKey(parsing: text))
            }
            if let jwks = vector.jwks {
                publicKeys += try Ed25519PublicKeySet(jwks: Array(jwks.utf8)).keys
            }
        } catch {
            return .failure(error)
        }
        let verifier = StandardWebhookVerifier(secrets: secrets, publicKeys: publicKeys, policy: vector.policy.verificationPolicy)
        return verifier.verify(headers: vector.headers, body: vector.body, now: vector.now)
    }

    /// The vector's result: expected against actual.
    public static func run(_ vector: DeliveryVector) -> VectorResult {
        let actual: String, detail: String
        switch verdict(on: vector) {
        case .success(let delivery):
            actual = "valid"
            detail = "verified: \(delivery.version.rawValue) entry \(delivery.entryIndex), key \(delivery.keyIndex)"
        case .failure(let rejection):
            actual = rejection.code.rawValue
            detail = rejection.description
        }
        var result = VectorResult(name: vector.name, source: vector.source.description,
                                  expected: vector.expected.description, actual: actual)
        result.detail = "policy \(vector.policy); core: \(detail)" + (vector.note.map { "; note: \($0)" } ?? "")
        return result
    }

    /// Every vector of a file, as one suite named `suiteName`.
    public static func run(_ file: DeliveryVectorFile, suiteName: String) -> VectorSuiteResult {
        VectorSuiteResult(
            name: suiteName, results: file.vectors.map(run),
            notes: [ReportProperty("description", file.description), ReportProperty("file", file.path)])
    }
}
