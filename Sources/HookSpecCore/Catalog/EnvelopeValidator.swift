/// Checks envelope bodies against an `EventCatalog` (SPEC §5).
///
/// Pure: bytes in, an `EnvelopeResult` out. Unknown members are allowed everywhere; an unknown
/// `type` on an otherwise well-formed envelope is `envelope_unknown_type`, never invalid.
/// `user_metadata` may appear at the top level and under `data`; when present it must be an
/// object, as the `webhook_config.user_metadata` it echoes is in both source documents.
public struct EnvelopeValidator: Sendable {
    /// The catalog envelopes are checked against.
    public let catalog: EventCatalog
    /// The parser for bodies; its size and depth bounds apply.
    public let parser: StrictJSONParser

    /// Name of the optional member dynamic webhooks may add (SPEC §5).
    public static let userMetadata = "user_metadata"

    /// A validator for `catalog`; `parser` sets the size and depth bounds for bodies.
    public init(catalog: EventCatalog, parser: StrictJSONParser = StrictJSONParser()) {
        self.catalog = catalog
        self.parser = parser
    }

    /// Checks a raw body.
    public func validate(body: [UInt8]) -> EnvelopeResult {
        let value: JSONValue
        do {
            value = try parser.parse(body)
        } catch {
            return EnvelopeResult(outcome: .notJSON(error))
        }
        return validate(value)
    }

    /// Checks a parsed body.
    public func validate(_ value: JSONValue) -> EnvelopeResult {
        guard let envelope = value.objectValue else { return EnvelopeResult(outcome: .notObject(found: JSONType.of(value))) }
        var problems = ProblemList()
        var userMetadata: [String] = []

        let type = problems.member("type", of: envelope, at: "", types: [.string])?.stringValue
        if let version = problems.member("version", of: envelope, at: "", types: [.string])?.stringValue,
            version != catalog.envelopeVersion
        {
            problems.add(.versionUnsupported(path: "/version", found: version))
        }
        if let timestamp = problems.member("timestamp", of: envelope, at: "", types: [.string])?.stringValue,
            case .failure(let problem) = RFC3339Timestamp.parse(timestamp)
        {
            problems.add(.timestampNotRFC3339(path: "/timestamp", problem))
        }
        if envelope[Self.userMetadata] != nil {
            userMetadata.append("/" + Self.userMetadata)
            problems.optionalMember(Self.userMetadata, of: envelope, at: "", types: [.object])
        }
        let data = problems.member("data", of: envelope, at: "", types: [.object])?.objectValue
        if let data {
            problems.requirement(Self.dataID, in: data)
            if data[Self.userMetadata] != nil {
                userMetadata.append("/data/" + Self.userMetadata)
                problems.optionalMember(Self.userMetadata, of: data, at: "/data", types: [.object])
            }
        }

        guard let type, let definition = catalog.event(type) else {
            let outcome: EnvelopeOutcome = problems.isEmpty && type != nil ? .unknownType : .invalid
            return EnvelopeResult(outcome: outcome, type: type, problems: problems.items, userMetadata: userMetadata)
        }

        // The variant chosen is the first one `data` satisfies; when none, the nearest one
        // (fewest problems, catalog order on ties) so the report names what was probably meant.
        var chosen: (variant: EventVariant, problems: ProblemList)?
        for variant in definition.variants {
            var variantProblems = ProblemList()
            if let data {
                for requirement in variant.members { variantProblems.requirement(requirement, in: data) }
            }
            if variantProblems.items.count < chosen?.problems.items.count ?? Int.max {
                chosen = (variant, variantProblems)
            }
            if variantProblems.isEmpty { break }
        }
        if let chosen, data != nil { problems.add(contentsOf: chosen.problems) }

        let outcome: EnvelopeOutcome
        if !problems.isEmpty {
            outcome = .invalid
        } else if let canonical = definition.aliasOf {
            outcome = .alias(of: canonical)
        } else {
            outcome = .valid
        }
        return EnvelopeResult(
            outcome: outcome, type: type, variant: data == nil ? nil : chosen?.variant.name,
            problems: problems.items, userMetadata: userMetadata)
    }

    /// `data.id`: required of every envelope, known type or not (SPEC §5).
    static let dataID = MemberRequirement(checkedName: "id", types: [.string], nonEmpty: true)
}

/// Problems in first-found order, each once (the envelope rule and a variant may both name `data.id`).
private struct ProblemList {
    private(set) var items: [EnvelopeProblem] = []
    private var paths = Set<String>()

    var isEmpty: Bool { items.isEmpty }

    mutating func add(_ problem: EnvelopeProblem) {
        if paths.insert(problem.summary).inserted { items.append(problem) }
    }

    mutating func add(contentsOf other: ProblemList) {
        for problem in other.items { add(problem) }
    }

    /// A required member: its value when present and of an accepted type, else nil and a problem.
    mutating func member(_ name: String, of object: JSONObject, at base: String, types: [JSONType]) -> JSONValue? {
        let path = base + "/" + Self.escape(name)
        guard let value = object[name] else {
            add(.memberMissing(path: path))
            return nil
        }
        guard types.contains(where: { $0.matches(value) }) else {
            add(.memberWrongType(path: path, expected: types, found: JSONType.of(value)))
            return nil
        }
        return value
    }

    /// A member that may be absent but must have an accepted type when present.
    mutating func optionalMember(_ name: String, of object: JSONObject, at base: String, types: [JSONType]) {
        guard let value = object[name], !types.contains(where: { $0.matches(value) }) else { return }
        add(.memberWrongType(path: base + "/" + Self.escape(name), expected: types, found: JSONType.of(value)))
    }

    /// A catalog requirement on a member of `data`.
    mutating func requirement(_ requirement: MemberRequirement, in data: JSONObject) {
        guard let value = member(requirement.name, of: data, at: "/data", types: requirement.types) else { return }
        if requirement.nonEmpty, value.stringValue?.isEmpty == true {
            add(.memberEmpty(path: "/data/" + Self.escape(requirement.name)))
        }
    }

    /// RFC 6901 escaping of one reference token.
    static func escape(_ name: String) -> String {
        var escaped = ""
        for character in name {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
