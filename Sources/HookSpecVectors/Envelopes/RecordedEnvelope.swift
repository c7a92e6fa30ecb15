import HookSpecCore

/// One recorded delivery of an envelope (`vectors/envelopes/*.json`): headers, raw body, the
/// test keys that verify it, the `now` it was recorded at, and what verification and the
/// catalog are expected to say (SPEC §5, §8).
public struct RecordedEnvelope: Sendable, Hashable {
    /// The file format tag.
    public static let format = "hookspec-recorded-envelope/1"

    /// Unique name; the file is `<name>.json`.
    public var name: String
    /// What this envelope exercises.
    public var description: String
    /// Provenance (a source document and section, or `hookspec`).
    public var source: String
    /// Unix seconds at recording; verification is judged against it.
    public var now: Int64
    /// Header fields in the order sent.
    public var headers: HeaderFields
    /// The raw body, byte for byte.
    public var body: [UInt8]
    /// `whsec_` test secrets that verify `v1` entries.
    public var secrets: [String]
    /// `whpk_` test public keys that verify `v1a` entries.
    public var publicKeys: [String]
    /// Expected results.
    public var expected: RecordedExpectation

    /// An envelope with these parts.
    public init(
        name: String, description: String, source: String, now: Int64, headers: HeaderFields, body: [UInt8],
        secrets: [String], publicKeys: [String], expected: RecordedExpectation
    ) {
        self.name = name
        self.description = description
        self.source = source
        self.now = now
        self.headers = headers
        self.body = body
        self.secrets = secrets
        self.publicKeys = publicKeys
        self.expected = expected
    }
}

/// What a recorded envelope should produce.
public struct RecordedExpectation: Sendable, Hashable {
    /// `valid` or a rejection code (`signature_mismatch`, ...).
    public var verification: String
    /// The catalog's verdict.
    public var catalog: CatalogExpectation

    /// Expectations for verification and the catalog.
    public init(verification: String, catalog: CatalogExpectation) {
        self.verification = verification
        self.catalog = catalog
    }
}

/// The comparable part of an `EnvelopeResult`: outcome code, type, variant, problems as
/// `code path` strings, `user_metadata` locations.
public struct CatalogExpectation: Sendable, Hashable, CustomStringConvertible {
    /// The outcome code.
    public var outcome: EnvelopeCode
    /// The body's `type`, when it is a string.
    public var type: String?
    /// The variant matched or nearest.
    public var variant: String?
    /// Problems as `code /pointer`, in the validator's order.
    public var problems: [String]
    /// Where `user_metadata` appeared.
    public var userMetadata: [String]

    /// An expectation with these parts.
    public init(outcome: EnvelopeCode, type: String? = nil, variant: String? = nil, problems: [String] = [], userMetadata: [String] = []) {
        self.outcome = outcome
        self.type = type
        self.variant = variant
        self.problems = problems
        self.userMetadata = userMetadata
    }

    /// What the validator produced, in the same form.
    public init(_ result: EnvelopeResult) {
        self.init(
            outcome: result.code, type: result.type, variant: result.variant,
            problems: result.problems.map(\.summary), userMetadata: result.userMetadata)
    }

    /// Outcome, then `type=`, `variant=`, `problems=[...]`, `user_metadata=[...]` where present.
    public var description: String {
        var parts = [outcome.rawValue]
        if let type { parts.append("type=\(type)") }
        if let variant { parts.append("variant=\(variant)") }
        if !problems.isEmpty { parts.append("problems=[\(problems.joined(separator: ", "))]") }
        if !userMetadata.isEmpty { parts.append("user_metadata=[\(userMetadata.joined(separator: ", "))]") }
        return parts.joined(separator: " ")
    }
}
