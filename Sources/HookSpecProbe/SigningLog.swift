import HookSpecCore
import NIOConcurrencyHelpers

/// Which key an HMAC of a case was made with, as far as a reproduction needs to know.
public enum HMACKeyRole: Sendable, Hashable {
    /// The decoded `v1` secret the receiver trusts.
    case trustedSecret
    /// The secret's text, `whsec_` prefix kept, used as the key bytes.
    case trustedSecretText
    /// The base64 text after `whsec_`, not decoded, used as the key bytes.
    case trustedSecretTextWithoutPrefix
    /// Any other key (a foreign secret, a public key): its MACs reveal nothing of the run's secret.
    case other

    /// Whether a MAC under this key is derived from the run's secret, so it is never printed.
    public var isConfidential: Bool { self != .other }
}

/// One HMAC a case computed while it built its requests: the key's role, the exact message, the MAC.
public struct HMACRecord: Sendable, Hashable {
    /// The key's role.
    public let key: HMACKeyRole
    /// The signed bytes.
    public let message: [UInt8]
    /// The MAC.
    public let mac: [UInt8]
}

/// Records how a case's signatures were made, so its reproduction can recompute them from
/// `$HOOKSPEC_SECRET` instead of printing them (SPEC §9.7). The runner binds one per case build
/// (`SigningLog.$current`); the signing helpers of `CaseContext` and `DeliveryCraft` report to it,
/// so cases need not change.
public final class SigningLog: Sendable {
    /// The log of the case being built, if any.
    @TaskLocal public static var current: SigningLog?

    private let trustedForms: [(HMACKeyRole, [UInt8])]
    private let entries = NIOLockedValueBox<[HMACRecord]>([])
    /// Most records kept; a case computes a few dozen at most, the bound only guards memory.
    static let limit = 4_096

    /// A log for a run signed with `keys`; only `v1` keys make records classifiable.
    public init(keys: ProbeKeys) {
        guard case .v1(let v1) = keys else {
            trustedForms = []
            return
        }
        let text = v1.secret.exportedText()
        trustedForms = [
            (.trustedSecret, v1.secret.withUnsafeKeyBytes { Array($0) }),
            (.trustedSecretText, Array(text.utf8)),
            (.trustedSecretTextWithoutPrefix, Array(text.dropFirst(WebhookSecret.prefix.count).utf8)),
        ]
    }

    /// Records an HMAC under raw `key` bytes.
    func record(key: [UInt8], message: [UInt8], mac: [UInt8]) {
        let role = trustedForms.first { $0.1 == key }?.0 ?? .other
        entries.withLockedValue { entries in
            if entries.count < Self.limit { entries.append(HMACRecord(key: role, message: message, mac: mac)) }
        }
    }

    /// Records an HMAC under a secret's decoded key.
    func record(secret: WebhookSecret, message: [UInt8], mac: [UInt8]) {
        secret.withUnsafeKeyBytes { record(key: Array($0), message: message, mac: mac) }
    }

    /// What was recorded, in order.
    public var records: [HMACRecord] { entries.withLockedValue { $0 } }
}
