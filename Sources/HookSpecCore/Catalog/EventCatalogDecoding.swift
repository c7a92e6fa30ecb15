/// Reading the catalog from its JSON form (`vectors/catalog/events.json`).
extension EventCatalog {
    /// Parses the catalog file's bytes with the strict parser.
    public init(json bytes: [UInt8]) throws(EventCatalogError) {
        let value: JSONValue
        do {
            value = try StrictJSONParser().parse(bytes)
        } catch {
            throw .notJSON(error)
        }
        try self.init(json: value)
    }

    /// Reads an already parsed catalog document.
    public init(json value: JSONValue) throws(EventCatalogError) {
        let root = try CatalogReader(value, path: "")
        let sources = try root.array("sources").enumerated().map { (index, element) throws(EventCatalogError) in
            let source = try CatalogReader(element, path: "/sources/\(index)")
            return CatalogSource(id: try source.nonEmptyString("id"), title: try source.string("title"))
        }
        let events = try root.array("events").enumerated().map { (index, element) throws(EventCatalogError) in
            try EventDefinition(reading: CatalogReader(element, path: "/events/\(index)"))
        }
        try self.init(
            version: try root.nonEmptyString("catalog_version"),
            envelopeVersion: try root.nonEmptyString("envelope_version"),
            sources: sources, events: events)
    }
}

extension EventDefinition {
    fileprivate init(reading event: CatalogReader) throws(EventCatalogError) {
        let statusText = try event.string("status")
        guard let status = EventStatus(rawValue: statusText) else { throw .statusUnknown(statusText) }
        let variants = try event.array("variants").enumerated().map { (index, element) throws(EventCatalogError) in
            try EventVariant(reading: CatalogReader(element, path: event.path + "/variants/\(index)"))
        }
        try self.init(
            type: try event.nonEmptyString("type"), status: status,
            aliasOf: try event.optionalString("alias_of"),
            sources: try event.strings("sources"), trigger: try event.string("trigger"),
            notes: try event.optionalStrings("notes") ?? [], variants: variants)
    }
}

extension EventVariant {
    fileprivate init(reading variant: CatalogReader) throws(EventCatalogError) {
        let members = try variant.array("data").enumerated().map { (index, element) throws(EventCatalogError) in
            let member = try CatalogReader(element, path: variant.path + "/data/\(index)")
            let types = try member.strings("types").map { (name) throws(EventCatalogError) in
                guard let type = JSONType(rawValue: name) else { throw .jsonTypeUnknown(name) }
                return type
            }
            return try MemberRequirement(
                name: try member.nonEmptyString("name"), types: types,
                nonEmpty: try member.optionalBool("non_empty") ?? false)
        }
        try self.init(name: try variant.nonEmptyString("name"), sources: try variant.strings("sources"), members: members)
    }
}

/// Typed access to one object of the catalog document, with JSON Pointer paths for errors.
private struct CatalogReader {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, path: String) throws(EventCatalogError) {
        guard let object = value.objectValue else { throw .memberWrongType(path: path.isEmpty ? "/" : path, expected: .object) }
        self.object = object
        self.path = path
    }

    func required(_ name: String) throws(EventCatalogError) -> JSONValue {
        guard let value = object[name] else { throw .memberMissing(path: path + "/" + name) }
        return value
    }

    func string(_ name: String) throws(EventCatalogError) -> String {
        guard let text = try required(name).stringValue else { throw .memberWrongType(path: path + "/" + name, expected: .string) }
        return text
    }

    func nonEmptyString(_ name: String) throws(EventCatalogError) -> String {
        let text = try string(name)
        guard !text.isEmpty else { throw .valueEmpty(path: path + "/" + name) }
        return text
    }

    func optionalString(_ name: String) throws(EventCatalogError) -> String? {
        object[name] == nil ? nil : try nonEmptyString(name)
    }

    func optionalBool(_ name: String) throws(EventCatalogError) -> Bool? {
        guard let value = object[name] else { return nil }
        guard let flag = value.boolValue else { throw .memberWrongType(path: path + "/" + name, expected: .boolean) }
        return flag
    }

    func array(_ name: String) throws(EventCatalogError) -> [JSONValue] {
        guard let elements = try required(name).arrayValue else { throw .memberWrongType(path: path + "/" + name, expected: .array) }
        return elements
    }

    func strings(_ name: String) throws(EventCatalogError) -> [String] {
        try array(name).enumerated().map { (index, element) throws(EventCatalogError) in
            guard let text = element.stringValue else { throw .memberWrongType(path: path + "/\(name)/\(index)", expected: .string) }
            return text
        }
    }

    func optionalStrings(_ name: String) throws(EventCatalogError) -> [String]? {
        object[name] == nil ? nil : try strings(name)
    }
}
