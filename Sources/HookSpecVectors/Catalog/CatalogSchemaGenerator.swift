import HookSpecCore

/// A file the catalog tooling generates, with its path relative to the catalog directory.
public struct GeneratedFile: Sendable, Hashable {
    /// Path relative to `vectors/catalog` (`schemas/batch.succeeded.schema.json`).
    public let relativePath: String
    /// The exact text to write.
    public let text: String

    /// A file to write at `relativePath` with exactly `text`.
    public init(relativePath: String, text: String) {
        self.relativePath = relativePath
        self.text = text
    }
}

/// Why schemas could not be generated from a catalog.
public enum CatalogSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A type name that cannot be a file name (only `a-z A-Z 0-9 . _ -` are allowed, and no leading `.`).
    case typeNotFileSafe(String)
    /// Two members of one schema object would have the same name.
    case duplicateMember(type: String, member: String)

    /// The reason in one line.
    public var description: String {
        switch self {
        case .typeNotFileSafe(let type): "event type \(type) cannot name a schema file"
        case .duplicateMember(let type, let member): "schema of \(type) would list \(member) twice"
        }
    }
}

/// Generates JSON Schemas (draft 2020-12) from the catalog: one per event type and one for the
/// envelope of any type, so tools outside Swift can check envelopes (SPEC §5).
///
/// The schemas say what `EnvelopeValidator` checks: unknown members allowed (no
/// `additionalProperties`), `version` const, the RFC 3339 pattern of `RFC3339Timestamp`,
/// `data.id` a non-empty string, `user_metadata` an object where present, and `data` as
/// `anyOf` its variants, each titled with the variant name. Output is deterministic.
public enum CatalogSchemaGenerator {
    /// The directory, relative to the catalog directory, that holds the schemas.
    public static let directory = "schemas"
    /// File name of the schema for envelopes of any type.
    public static let envelopeFileName = "envelope.schema.json"

    /// File name of the schema for `type`.
    public static func fileName(for type: String) -> String { type + ".schema.json" }

    /// Every schema file, envelope first, then types in catalog order.
    public static func files(for catalog: EventCatalog) throws(CatalogSchemaError) -> [GeneratedFile] {
        var files = [GeneratedFile(relativePath: directory + "/" + envelopeFileName, text: JSONTextWriter.document(try envelopeSchema(catalog)))]
        for event in catalog.events {
            files.append(GeneratedFile(
                relativePath: directory + "/" + fileName(for: event.type),
                text: JSONTextWriter.document(try schema(for: event, in: catalog))))
        }
        return files
    }

    /// The schema every envelope must meet, whatever its type.
    public static func envelopeSchema(_ catalog: EventCatalog) throws(CatalogSchemaError) -> JSONValue {
        try build("envelope") { () throws(StrictJSONError) in
            try JSONBuilder.object([
                ("$schema", .string(draft)),
                ("$id", .string(identifier(catalog, "envelope"))),
                ("title", .string("Gemini API webhook envelope")),
                ("description", .string("Any envelope, known type or not (SPEC §5). Catalog \(catalog.version).")),
                ("type", .string("object")),
                ("required", JSONBuilder.strings(["type", "version", "timestamp", "data"])),
                ("properties", try envelopeProperties(catalog, typeSchema: try JSONBuilder.object([("type", .string("string"))]), data: try dataSchema(variants: nil))),
            ])
        }
    }

    /// The schema of one event type.
    public static func schema(for event: EventDefinition, in catalog: EventCatalog) throws(CatalogSchemaError) -> JSONValue {
        guard !event.type.isEmpty, !event.type.hasPrefix("."), event.type.unicodeScalars.allSatisfy(isFileSafe) else { throw .typeNotFileSafe(event.type) }
        return try build(event.type) { () throws(StrictJSONError) in
            var hookspec: [(String, JSONValue)] = [
                ("catalog_version", .string(catalog.version)),
                ("status", .string(event.status.rawValue)),
            ]
            if let target = event.aliasOf { hookspec.append(("alias_of", .string(target))) }
            hookspec.append(("sources", JSONBuilder.strings(event.sources)))
            return try JSONBuilder.object([
                ("$schema", .string(draft)),
                ("$id", .string(identifier(catalog, event.type))),
                ("title", .string(event.type)),
                ("description", .string(event.trigger)),
                ("x-hookspec", try JSONBuilder.object(hookspec)),
                ("type", .string("object")),
                ("required", JSONBuilder.strings(["type", "version", "timestamp", "data"])),
                ("properties", try envelopeProperties(
                    catalog,
                    typeSchema: try JSONBuilder.object([("type", .string("string")), ("const", .string(event.type))]),
                    data: try dataSchema(variants: event.variants))),
            ])
        }
    }

    static let draft = "https://json-schema.org/draft/2020-12/schema"

    private static func identifier(_ catalog: EventCatalog, _ name: String) -> String {
        "urn:hookspec:catalog:\(catalog.version):\(name)"
    }

    private static func envelopeProperties(_ catalog: EventCatalog, typeSchema: JSONValue, data: JSONValue) throws(StrictJSONError) -> JSONValue {
        try JSONBuilder.object([
            ("type", typeSchema),
            ("version", try JSONBuilder.object([("type", .string("string")), ("const", .string(catalog.envelopeVersion))])),
            ("timestamp", try JSONBuilder.object([
                ("type", .string("string")),
                ("format", .string("date-time")),
                ("pattern", .string(RFC3339Timestamp.pattern)),
            ])),
            (EnvelopeValidator.userMetadata, try userMetadataSchema()),
            ("data", data),
        ])
    }

    private static func dataSchema(variants: [EventVariant]?) throws(StrictJSONError) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string("object")),
            ("required", JSONBuilder.strings(["id"])),
            ("properties", try JSONBuilder.object([
                ("id", try memberSchema(types: [.string], nonEmpty: true)),
                (EnvelopeValidator.userMetadata, try userMetadataSchema()),
            ])),
        ]
        if let variants {
            members.append(("anyOf", .array(try variants.map { (variant) throws(StrictJSONError) in
                try JSONBuilder.object([
                    ("title", .string(variant.name)),
                    ("required", JSONBuilder.strings(variant.members.map(\.name))),
                    ("properties", try JSONBuilder.object(try variant.members.map { (member) throws(StrictJSONError) in
                        (member.name, try memberSchema(types: member.types, nonEmpty: member.nonEmpty))
                    })),
                ])
            })))
        }
        return try JSONBuilder.object(members)
    }

    private static func memberSchema(types: [JSONType], nonEmpty: Bool) throws(StrictJSONError) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", types.count == 1 ? .string(types[0].rawValue) : JSONBuilder.strings(types.map(\.rawValue)))
        ]
        if nonEmpty { members.append(("minLength", .number("1"))) }
        return try JSONBuilder.object(members)
    }

    private static func userMetadataSchema() throws(StrictJSONError) -> JSONValue {
        try JSONBuilder.object([("type", .string("object"))])
    }

    private static func build(_ type: String, _ body: () throws(StrictJSONError) -> JSONValue) throws(CatalogSchemaError) -> JSONValue {
        do {
            return try body()
        } catch {
            // Building objects can only fail on a repeated name; anything else would be a new
            // StrictJSONError case, reported under the same heading rather than lost.
            if case .duplicateMember(let name) = error { throw .duplicateMember(type: type, member: name) }
            throw .duplicateMember(type: type, member: error.description)
        }
    }

    private static func isFileSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
