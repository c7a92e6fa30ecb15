/// Everything about a Standard Webhooks check that is a choice rather than a key (SPEC §3.1, §4).
public struct VerificationPolicy: Sendable, Hashable {
    /// Timestamp syntax, signed form and tolerance.
    public var timestamp: TimestampPolicy
    /// Leniencies in reading `webhook-signature`.
    public var signatures: SignatureLeniency
    /// Largest body accepted, in bytes; bounds the work a single delivery can cause.
    public var maximumBodyBytes: Int

    public init(timestamp: TimestampPolicy = .strict, signatures: SignatureLeniency = [], maximumBodyBytes: Int = 8 << 20) {
        self.timestamp = timestamp
        self.signatures = signatures
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// The core's default: everything canonical, ±300 s.
    public static let strict = VerificationPolicy()

    /// What the Python Standard Webhooks library accepts, for comparing receivers with it.
    public static let pythonReference = VerificationPolicy(
        timestamp: .pythonReference, signatures: .pythonReference)

    /// Every leniency by name, for vector files and the command line.
    public enum Leniency: String, Sendable, Hashable, CaseIterable, Codable {
        case timestampLeadingZeros = "timestamp_leading_zeros"
        case timestampSign = "timestamp_sign"
        case timestampWhitespace = "timestamp_whitespace"
        case timestampFraction = "timestamp_fraction"
        case timestampExponent = "timestamp_exponent"
        case timestampUnderscores = "timestamp_underscores"
        case timestampOverlong = "timestamp_overlong"
        case signNormalizedTimestamp = "sign_normalized_timestamp"
        case lenientBase64 = "lenient_base64"
        case anySignatureLength = "any_signature_length"
        case skipMalformedEntries = "skip_malformed_entries"
        case stopAtFirstMatch = "stop_at_first_match"
        case emptyVersionAsUnknown = "empty_version_as_unknown"
    }

    /// The strict policy with the named leniencies switched on.
    public static func strict(with leniencies: some Sequence<Leniency>) -> VerificationPolicy {
        leniencies.reduce(VerificationPolicy.strict) { $0.adding($1) }
    }

    /// This policy with one more leniency switched on.
    public func adding(_ leniency: Leniency) -> VerificationPolicy {
        var policy = self
        switch leniency {
        case .timestampLeadingZeros: policy.timestamp.leniencies.insert(.leadingZeros)
        case .timestampSign: policy.timestamp.leniencies.insert(.sign)
        case .timestampWhitespace: policy.timestamp.leniencies.insert(.whitespace)
        case .timestampFraction: policy.timestamp.leniencies.insert(.fraction)
        case .timestampExponent: policy.timestamp.leniencies.insert(.exponent)
        case .timestampUnderscores: policy.timestamp.leniencies.insert(.underscores)
        case .timestampOverlong: policy.timestamp.leniencies.insert(.overlong)
        case .signNormalizedTimestamp: policy.timestamp.signedForm = .normalizedSeconds
        case .lenientBase64: policy.signatures.insert(.lenientBase64)
        case .anySignatureLength: policy.signatures.insert(.anyLength)
        case .skipMalformedEntries: policy.signatures.insert(.skipMalformedEntries)
        case .stopAtFirstMatch: policy.signatures.insert(.stopAtFirstMatch)
        case .emptyVersionAsUnknown: policy.signatures.insert(.emptyVersionAsUnknown)
        }
        return policy
    }
}
