import HookSpecCore
import NIOConcurrencyHelpers

/// Which key a MAC or signature of a case was made with, as far as a reproduction needs to know.
public enum SigningKeyRole: Sendable, Hashable {
    /// The decoded `v1` secret the receiver trusts.
    case trustedSecret
    /// The secret's text, `whsec_` prefix kept, used as the key bytes.
    case trustedSecretText
    /// The base64 text after `whsec_`, not decoded, used as the key bytes.
    case trustedSecretTextWithoutPrefix
    /// A `v1a` or `jwt` key the receiver trusts from the start; a key file holds it under this `kid`.
    case published(keyID: String)
    /// A key the receiver never trusts (the foreign Ed25519 key, the attacker's RSA key): any fresh
    /// key of the same kind gets the same answer, so a reproduction makes its own.
    case untrusted
    /// HMAC key bytes that are public (a public key's bytes or text, an empty key): shown as they are.
    case publicMaterial([UInt8])
    /// A key made for this run alone (a rotation key, the 1024-bit key): nothing outside the run can sign with it.
    case runOnly
    /// Any other HMAC key (a foreign `v1` secret): its MACs reveal nothing of the run's secret.
    case other

    /// Whether what this key made must never be printed (derived from the run's secret or a private key).
    public var isConfidential: Bool {
        switch self {
        case .publicMaterial, .other: false
        case .trustedSecret, .trustedSecretText, .trustedSecretTextWithoutPrefix, .published, .untrusted, .runOnly: true
        }
    }
}

/// How a recorded value was computed.
public enum SigningAlgorithm: Sendable, Hashable {
    /// HMAC-SHA256 (`v1` entries, `jwt` HS256 confusion).
    case hmacSHA256
    /// Ed25519 (`v1a` entries).
    case ed25519
    /// RSASSA-PKCS1-v1_5 SHA-256 (`jwt` tokens).
    case rs256
}

/// One MAC or signature a case computed while it built its requests: the key's role, the exact message, the output.
public struct SigningRecord: Sendable, Hashable {
    /// The key's role.
    public let key: SigningKeyRole
    /// The algorithm.
    public let algorithm: SigningAlgorithm
    /// The signed bytes.
    public let message: [UInt8]
    /// The MAC or signature.
    public let output: [UInt8]
}

/// A SHA-512 digest a case signed instead of the content itself (a pre-hash variant).
public struct DigestRecord: Sendable, Hashable {
    /// What was hashed.
    public let input: [UInt8]
    /// The digest.
    public let output: [UInt8]
}

/// Public values a case derived from an untrusted key and put into a request (a token's embedded
/// `jwk` or `x5c`): a reproduction rebuilds them from the key it makes.
public enum UntrustedPublicForm: Sendable, Hashable {
    /// Base64url of an RSA modulus (a JWK's `n`).
    case rsaModulus(String)
    /// Base64 of a self-signed certificate's DER (an `x5c` entry).
    case certificate(String)

    /// The text as it appears in a request.
    public var text: String {
        switch self {
        case .rsaModulus(let text), .certificate(let text): text
        }
    }
}

/// Records how a case's MACs and signatures were made, so its reproduction can recompute them from
/// `$HOOKSPEC_SECRET` or a key file instead of printing them (SPEC §9.7). The runner binds one per case
/// build (`SigningLog.$current`); the signing helpers of `CaseContext`, `DeliveryCraft` and
/// `TokenCraft` report to it, so cases need not change.
public final class SigningLog: Sendable {
    /// The log of the case being built, if any.
    @TaskLocal public static var current: SigningLog?

    private let scheme: ProbeScheme
    private let secretForms: [(SigningKeyRole, [UInt8])]
    /// Public key bytes (Ed25519 raw, RSA modulus) and the role of the key they belong to.
    private let keyRoles: [([UInt8], SigningKeyRole)]
    private let untrustedModulus: String?
    private let entries = NIOLockedValueBox<[SigningRecord]>([])
    private let digestEntries = NIOLockedValueBox<[DigestRecord]>([])
    private let certificates = NIOLockedValueBox<[String]>([])
    /// Most records kept; a case computes a few dozen at most, the bound only guards memory.
    static let limit = 4_096

    /// A log for a run signed with `keys`.
    public init(keys: ProbeKeys) {
        scheme = keys.scheme
        switch keys {
        case .v1(let v1):
            let text = v1.secret.exportedText()
            secretForms = [
                (.trustedSecret, v1.secret.withUnsafeKeyBytes { Array($0) }),
                (.trustedSecretText, Array(text.utf8)),
                (.trustedSecretTextWithoutPrefix, Array(text.dropFirst(WebhookSecret.prefix.count).utf8)),
            ]
            keyRoles = []
            untrustedModulus = nil
        case .v1a(let v1a):
            secretForms = []
            keyRoles = v1a.published.map { ($0.key.publicKey.rawRepresentation, .published(keyID: $0.keyID)) }
                + [(v1a.rotation.key.publicKey.rawRepresentation, .runOnly), (v1a.foreign.publicKey.rawRepresentation, .untrusted)]
            untrustedModulus = nil
        case .jwt(let jwt):
            secretForms = []
            keyRoles = [
                (jwt.primary.key.publicKey.modulus, .published(keyID: jwt.primary.keyID)),
                (jwt.rotation.key.publicKey.modulus, .published(keyID: jwt.rotation.keyID)),
                (jwt.weak.key.publicKey.modulus, .runOnly),
                (jwt.attacker.key.publicKey.modulus, .untrusted),
            ]
            untrustedModulus = Base64Codec.encodeURL(jwt.attacker.key.publicKey.modulus)
        }
    }

    private func append(_ record: SigningRecord) {
        entries.withLockedValue { entries in
            if entries.count < Self.limit { entries.append(record) }
        }
    }

    /// The role of a public key, by its bytes; keys the run does not know are untrusted.
    private func role(publicKey: [UInt8]) -> SigningKeyRole {
        keyRoles.first { $0.0 == publicKey }?.1 ?? .untrusted
    }

    /// Records an HMAC under raw `key` bytes. Runs without a secret (`v1a`, `jwt`) have no
    /// confidential HMAC key: theirs are public bytes used as a key on purpose (key confusion).
    func record(key: [UInt8], message: [UInt8], mac: [UInt8]) {
        let role = scheme == .v1 ? (secretForms.first { $0.1 == key }?.0 ?? .other) : .publicMaterial(key)
        append(SigningRecord(key: role, algorithm: .hmacSHA256, message: message, output: mac))
    }

    /// Records an HMAC under a secret's decoded key.
    func record(secret: WebhookSecret, message: [UInt8], mac: [UInt8]) {
        secret.withUnsafeKeyBytes { record(key: Array($0), message: message, mac: mac) }
    }

    /// Records an Ed25519 signature by the key whose public half is `publicKey`.
    func recordEd25519(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) {
        append(SigningRecord(key: role(publicKey: publicKey), algorithm: .ed25519, message: message, output: signature))
    }

    /// Records an RS256 signature by the key with `modulus`.
    func recordRS256(modulus: [UInt8], message: [UInt8], signature: [UInt8]) {
        append(SigningRecord(key: role(publicKey: modulus), algorithm: .rs256, message: message, output: signature))
    }

    /// Records a digest a case signed instead of the content itself (a pre-hash variant).
    func recordDigest(input: [UInt8], output: [UInt8]) {
        digestEntries.withLockedValue { entries in
            if entries.count < Self.limit { entries.append(DigestRecord(input: input, output: output)) }
        }
    }

    /// Records a certificate of an untrusted key that a case put into a request.
    func recordCertificate(_ der: [UInt8], modulus: [UInt8]) {
        guard role(publicKey: modulus) == .untrusted else { return }
        let text = Base64Codec.encode(der)
        certificates.withLockedValue { certificates in
            if certificates.count < Self.limit { certificates.append(text) }
        }
    }

    /// What was recorded, in order.
    public var records: [SigningRecord] { entries.withLockedValue { $0 } }

    /// Digests recorded, in order.
    public var digests: [DigestRecord] { digestEntries.withLockedValue { $0 } }

    /// Untrusted public values a reproduction rebuilds from its own key.
    public var untrustedForms: [UntrustedPublicForm] {
        let recorded = certificates.withLockedValue { $0 }.map(UntrustedPublicForm.certificate)
        return (untrustedModulus.map { [UntrustedPublicForm.rsaModulus($0)] } ?? []) + recorded
    }
}
