/// The event catalog of SPEC §5 as a value: which envelope `type`s exist, what their `data`
/// must carry, where each comes from.
///
/// The core never reads it from disk: callers parse `vectors/catalog/events.json` (or the copy
/// compiled into the binary, `EventCatalog.bundled`) and pass it in.
public struct EventCatalog: Sendable, Hashable {
    /// Version of the catalog data (`catalog_version`), carried into reports.
    public let version: String
    /// The envelope `version` this catalog describes (`"v1"`).
    public let envelopeVersion: String
    /// The documents the entries cite.
    public let sources: [CatalogSource]
    /// Every known type, in catalog order.
    public let events: [EventDefinition]

    /// Builds a catalog, checking that types are unique and that aliases point at known types.
    public init(version: String, envelopeVersion: String, sources: [CatalogSource], events: [EventDefinition]) throws(EventCatalogError) {
        var seen = Set<String>()
        for event in events where !seen.insert(event.type).inserted {
            throw .duplicateType(event.type)
        }
        let sourceIDs = Set(sources.map(\.id))
        for event in events {
            if let target = event.aliasOf, !seen.contains(target) || target == event.type {
                throw .aliasTargetUnknown(type: event.type, target: target)
            }
            for source in event.sources + event.variants.flatMap(\.sources) where !sourceIDs.contains(source) {
                throw .sourceUnknown(type: event.type, source: source)
            }
        }
        self.version = version
        self.envelopeVersion = envelopeVersion
        self.sources = sources
        self.events = events
    }

    /// The definition of `type`, if the catalog knows it.
    public func event(_ type: String) -> EventDefinition? {
        events.first { $0.type == type }
    }
}

/// A document the catalog cites (the guide, the launch-era text, the SDKs).
public struct CatalogSource: Sendable, Hashable {
    /// Short identifier used by events (`guide`, `launch-text`, `sdk`).
    public let id: String
    /// What and where the document is.
    public let title: String

    /// A source with its identifier and title.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// One envelope `type`.
public struct EventDefinition: Sendable, Hashable {
    /// The `type` string (`batch.succeeded`).
    public let type: String
    /// Whether it is current, documented by the guide only, or an alias.
    public let status: EventStatus
    /// For an alias, the type it stands for.
    public let aliasOf: String?
    /// Source ids that list this type.
    public let sources: [String]
    /// What triggers the event, as the sources say.
    public let trigger: String
    /// Where the sources disagree, and what the catalog decided.
    public let notes: [String]
    /// The accepted shapes of `data`; most types have one, `video.generated` two.
    public let variants: [EventVariant]

    /// Builds a definition; refuses an empty type, no variants, a status that disagrees with `aliasOf`, or repeated variant names.
    public init(
        type: String, status: EventStatus, aliasOf: String? = nil, sources: [String], trigger: String,
        notes: [String] = [], variants: [EventVariant]
    ) throws(EventCatalogError) {
        guard !type.isEmpty else { throw .valueEmpty(path: "/events/type") }
        guard !variants.isEmpty else { throw .noVariants(type: type) }
        guard (status == .alias) == (aliasOf != nil) else { throw .aliasMismatch(type: type) }
        var names = Set<String>()
        for variant in variants where !names.insert(variant.name).inserted {
            throw .duplicateVariant(type: type, variant: variant.name)
        }
        self.type = type
        self.status = status
        self.aliasOf = aliasOf
        self.sources = sources
        self.trigger = trigger
        self.notes = notes
        self.variants = variants
    }
}

/// Where a type stands across the sources (SPEC §2, §5).
public enum EventStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// In the current guide and the SDKs.
    case current
    /// In the guide, dropped from the SDKs.
    case guideOnly = "guide-only"
    /// Another name for a current type, seen in launch-era text: accepted and flagged.
    case alias
}

/// One accepted shape of `data` for a type.
public struct EventVariant: Sendable, Hashable {
    /// Name reported when an envelope matches it (`guide`, `launch-text`).
    public let name: String
    /// Source ids that describe this shape.
    public let sources: [String]
    /// Members `data` must carry, in catalog order.
    public let members: [MemberRequirement]

    /// Builds a variant; refuses an empty name or a member listed twice.
    public init(name: String, sources: [String], members: [MemberRequirement]) throws(EventCatalogError) {
        guard !name.isEmpty else { throw .valueEmpty(path: "/events/variants/name") }
        var names = Set<String>()
        for member in members where !names.insert(member.name).inserted {
            throw .duplicateMember(variant: name, member: member.name)
        }
        self.name = name
        self.sources = sources
        self.members = members
    }
}

/// A required member of `data`.
public struct MemberRequirement: Sendable, Hashable {
    /// Member name.
    public let name: String
    /// JSON types accepted (more than one where the sources leave it open).
    public let types: [JSONType]
    /// Whether an empty string is refused (`data.id`, SPEC §5).
    public let nonEmpty: Bool

    /// Builds a requirement; refuses an empty name or no types.
    public init(name: String, types: [JSONType], nonEmpty: Bool = false) throws(EventCatalogError) {
        guard !name.isEmpty else { throw .valueEmpty(path: "/events/variants/data/name") }
        guard !types.isEmpty else { throw .valueEmpty(path: "/events/variants/data/\(name)/types") }
        self.init(checkedName: name, types: types, nonEmpty: nonEmpty)
    }

    // For requirements the core itself defines, whose name and types are literals.
    init(checkedName name: String, types: [JSONType], nonEmpty: Bool) {
        self.name = name
        self.types = types
        self.nonEmpty = nonEmpty
    }
}

/// Why a catalog could not be read.
public enum EventCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The catalog file is not strict JSON.
    case notJSON(StrictJSONError)
    /// A required member is absent (JSON Pointer `path`).
    case memberMissing(path: String)
    /// A member is not of the type the format requires.
    case memberWrongType(path: String, expected: JSONType)
    /// A string or list that must not be empty is.
    case valueEmpty(path: String)
    /// `status` is not `current`, `guide-only` or `alias`.
    case statusUnknown(String)
    /// A member type is not one of JSON Schema's type names.
    case jsonTypeUnknown(String)
    /// Two events have the same `type`.
    case duplicateType(String)
    /// Two variants of one type have the same name.
    case duplicateVariant(type: String, variant: String)
    /// One variant lists a member twice.
    case duplicateMember(variant: String, member: String)
    /// A type has no `data` variant.
    case noVariants(type: String)
    /// `status: alias` without `alias_of`, or the reverse.
    case aliasMismatch(type: String)
    /// An alias points at itself or at a type the catalog lacks.
    case aliasTargetUnknown(type: String, target: String)
    /// A type or variant cites a source id that `sources` does not list.
    case sourceUnknown(type: String, source: String)

    /// The problem in one line, with its path.
    public var description: String {
        switch self {
        case .notJSON(let error): "catalog is not strict JSON: \(error)"
        case .memberMissing(let path): "catalog member \(path) is missing"
        case .memberWrongType(let path, let expected): "catalog member \(path) is not of type \(expected.rawValue)"
        case .valueEmpty(let path): "catalog member \(path) is empty"
        case .statusUnknown(let status): "catalog status \(status) is not current, guide-only or alias"
        case .jsonTypeUnknown(let name): "catalog names JSON type \(name), which JSON Schema does not have"
        case .duplicateType(let type): "catalog lists type \(type) twice"
        case .duplicateVariant(let type, let variant): "catalog lists variant \(variant) of \(type) twice"
        case .duplicateMember(let variant, let member): "catalog variant \(variant) lists member \(member) twice"
        case .noVariants(let type): "catalog type \(type) has no data variant"
        case .aliasMismatch(let type): "catalog type \(type): status alias and alias_of must come together"
        case .aliasTargetUnknown(let type, let target): "catalog alias \(type) points at \(target), which is not another type of the catalog"
        case .sourceUnknown(let type, let source): "catalog type \(type) cites source \(source), which is not listed"
        }
    }
}
