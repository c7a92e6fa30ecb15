/// What the catalog says about one envelope body (SPEC §5).
public struct EnvelopeResult: Sendable, Hashable, CustomStringConvertible {
    /// The verdict.
    public let outcome: EnvelopeOutcome
    /// The body's `type` when it is a string, known or not.
    public let type: String?
    /// The `data` variant matched (accepted outcomes) or nearest (invalid known types).
    public let variant: String?
    /// Every problem found, in a fixed order: envelope members, then `data` members in catalog order.
    public let problems: [EnvelopeProblem]
    /// JSON Pointers of the `user_metadata` members present (`/user_metadata`, `/data/user_metadata`).
    public let userMetadata: [String]

    /// A result with these parts; the validator makes them, tests and recorded files compare them.
    public init(outcome: EnvelopeOutcome, type: String? = nil, variant: String? = nil, problems: [EnvelopeProblem] = [], userMetadata: [String] = []) {
        self.outcome = outcome
        self.type = type
        self.variant = variant
        self.problems = problems
        self.userMetadata = userMetadata
    }

    /// The stable code of the outcome.
    public var code: EnvelopeCode { outcome.code }

    /// Whether the envelope is of a known type and complete (`envelope_valid` or `envelope_alias`).
    public var isAccepted: Bool {
        switch outcome {
        case .valid, .alias: true
        default: false
        }
    }

    /// One line: code, type, variant, then the problem codes with their paths.
    public var description: String {
        var parts = [code.rawValue]
        if let type { parts.append("type=" + (type.count <= 64 ? CompactJWS.printable(type) : EnvelopeProblem.clipped(type))) }
        if case .alias(let canonical) = outcome { parts.append("alias_of=\(canonical)") }
        if let variant { parts.append("variant=\(variant)") }
        if case .notJSON(let error) = outcome { parts.append("(\(error))") }
        if case .notObject(let found) = outcome { parts.append("(found \(found.rawValue))") }
        parts += problems.map(\.description)
        return parts.joined(separator: " ")
    }
}

/// The verdict on an envelope.
public enum EnvelopeOutcome: Sendable, Hashable {
    /// A known, current or guide-only type with every required member.
    case valid
    /// A complete envelope whose type is an alias (`batch.completed`): accepted, flagged.
    case alias(of: String)
    /// A well-formed envelope whose type the catalog does not know: not checkable, not wrong.
    case unknownType
    /// Something required is missing or of the wrong type; see the problems.
    case invalid
    /// The body is not strict JSON.
    case notJSON(StrictJSONError)
    /// The body is JSON but not an object.
    case notObject(found: JSONType)

    /// The stable code.
    public var code: EnvelopeCode {
        switch self {
        case .valid: .valid
        case .alias: .alias
        case .unknownType: .unknownType
        case .invalid: .invalid
        case .notJSON: .notJSON
        case .notObject: .notObject
        }
    }
}

/// Stable outcome codes, used in reports and recorded envelope files.
public enum EnvelopeCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// A known type, complete.
    case valid = "envelope_valid"
    /// A complete envelope of an alias type: accepted, flagged.
    case alias = "envelope_alias"
    /// Well formed, but of a type the catalog does not know.
    case unknownType = "envelope_unknown_type"
    /// Something required is missing or of the wrong type.
    case invalid = "envelope_invalid"
    /// The body is not strict JSON.
    case notJSON = "envelope_not_json"
    /// The body is JSON but not an object.
    case notObject = "envelope_not_object"
}

/// One thing wrong with an envelope; `path` is a JSON Pointer (RFC 6901) into the body.
public enum EnvelopeProblem: Sendable, Hashable, CustomStringConvertible {
    /// A required member is absent.
    case memberMissing(path: String)
    /// A member has none of the accepted JSON types.
    case memberWrongType(path: String, expected: [JSONType], found: JSONType)
    /// A string that must not be empty is (`data.id`).
    case memberEmpty(path: String)
    /// `timestamp` is a string but not an RFC 3339 `date-time`.
    case timestampNotRFC3339(path: String, RFC3339Problem)
    /// `version` is a string other than the catalog's envelope version.
    case versionUnsupported(path: String, found: String)

    /// The stable code.
    public var code: EnvelopeProblemCode {
        switch self {
        case .memberMissing: .memberMissing
        case .memberWrongType: .memberWrongType
        case .memberEmpty: .memberEmpty
        case .timestampNotRFC3339: .timestampNotRFC3339
        case .versionUnsupported: .versionUnsupported
        }
    }

    /// Where in the body.
    public var path: String {
        switch self {
        case .memberMissing(let path), .memberWrongType(let path, _, _), .memberEmpty(let path),
            .timestampNotRFC3339(let path, _), .versionUnsupported(let path, _):
            path
        }
    }

    /// `code path`: the form recorded envelope files use.
    public var summary: String { code.rawValue + " " + path }

    /// `code path` followed by what was expected and found.
    public var description: String {
        switch self {
        case .memberMissing: summary
        case .memberWrongType(_, let expected, let found):
            summary + " (expected \(expected.map(\.rawValue).joined(separator: " or ")), found \(found.rawValue))"
        case .memberEmpty: summary
        case .timestampNotRFC3339(_, let problem): summary + " (\(problem))"
        case .versionUnsupported(_, let found): summary + " (found \(Self.clipped(found)))"
        }
    }

    // Body text is untrusted and may be long: quote at most a short prefix, and never a control
    // character (a newline in `type` would split the one-line result of a report).
    static func clipped(_ text: String) -> String {
        let limit = 24
        let shown = CompactJWS.printable(String(text.prefix(limit)))
        return text.count <= limit ? "\"\(shown)\"" : "\"\(shown)…\""
    }
}

/// Stable problem codes.
public enum EnvelopeProblemCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// See `EnvelopeProblem.memberMissing`.
    case memberMissing = "member_missing"
    /// See `EnvelopeProblem.memberWrongType`.
    case memberWrongType = "member_wrong_type"
    /// See `EnvelopeProblem.memberEmpty`.
    case memberEmpty = "member_empty"
    /// See `EnvelopeProblem.timestampNotRFC3339`.
    case timestampNotRFC3339 = "timestamp_not_rfc3339"
    /// See `EnvelopeProblem.versionUnsupported`.
    case versionUnsupported = "version_unsupported"
}
