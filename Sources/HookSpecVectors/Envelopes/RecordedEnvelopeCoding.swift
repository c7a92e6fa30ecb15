import HookSpecCore

/// Why a recorded envelope file could not be read.
public enum RecordedEnvelopeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not strict JSON.
    case notJSON(StrictJSONError)
    /// `format` names another format.
    case formatUnsupported(String)
    /// A required member is absent (JSON Pointer).
    case memberMissing(String)
    /// A member has the wrong JSON type (JSON Pointer).
    case memberWrongType(String)
    /// `body.base64` is not strict base64.
    case bodyNotBase64
    /// `expected.catalog.outcome` is not an `EnvelopeCode`.
    case outcomeUnknown(String)

    /// The reason in one line.
    public var description: String {
        switch self {
        case .notJSON(let error): "recorded envelope is not strict JSON: \(error)"
        case .formatUnsupported(let format): "recorded envelope format \(format) is not \(RecordedEnvelope.format)"
        case .memberMissing(let path): "recorded envelope lacks \(path)"
        case .memberWrongType(let path): "recorded envelope member \(path) has the wrong type"
        case .bodyNotBase64: "recorded envelope body.base64 is not strict base64"
        case .outcomeUnknown(let code): "recorded envelope expects catalog outcome \(code), which is not a code"
        }
    }
}

extension RecordedEnvelope {
    /// Reads a recorded envelope file. Headers, body and keys are written as in the delivery
    /// vector format (`[name, value]` pairs, `{"text": ...}` or `{"base64": ...}`, `secrets`, `publicKeys`).
    public init(json bytes: [UInt8]) throws(RecordedEnvelopeError) {
        let value: JSONValue
        do {
            value = try StrictJSONParser().parse(bytes)
        } catch {
            throw .notJSON(error)
        }
        let root = try Fields(value, "")
        let format = try root.string("format")
        guard format == Self.format else { throw .formatUnsupported(format) }
        var headers = HeaderFields()
        for (index, element) in try root.array("headers").enumerated() {
            guard let pair = element.arrayValue, pair.count == 2, let name = pair[0].stringValue, let value = pair[1].stringValue else {
                throw .memberWrongType("/headers/\(index)")
            }
            headers.append(name: name, value: value)
        }
        let bodyField = try Fields(try root.required("body"), "/body")
        let body: [UInt8]
        switch (bodyField.object["text"], bodyField.object["base64"]) {
        case (.some, nil):
            body = Array(try bodyField.string("text").utf8)
        case (nil, .some):
            guard case .success(let decoded) = Base64Codec.decode(try bodyField.string("base64"), mode: .strict) else {
                throw .bodyNotBase64
            }
            body = decoded
        default:
            throw .memberWrongType("/body")
        }
        let keys = try Fields(try root.required("keys"), "/keys")
        let expected = try Fields(try root.required("expected"), "/expected")
        let catalog = try Fields(try expected.required("catalog"), "/expected/catalog")
        let outcomeText = try catalog.string("outcome")
        guard let outcome = EnvelopeCode(rawValue: outcomeText) else { throw .outcomeUnknown(outcomeText) }
        let nowValue = try root.required("now")
        guard let now = nowValue.int64Value else { throw .memberWrongType("/now") }
        self.init(
            name: try root.string("name"), description: try root.string("description"), source: try root.string("source"),
            now: now, headers: headers, body: body,
            secrets: try keys.strings("secrets"), publicKeys: try keys.strings("publicKeys"),
            expected: RecordedExpectation(
                verification: try expected.string("verification"),
                catalog: CatalogExpectation(
                    outcome: outcome, type: try catalog.optionalString("type"), variant: try catalog.optionalString("variant"),
                    problems: try catalog.strings("problems"), userMetadata: try catalog.strings("userMetadata"))))
    }

    /// The file text: fixed member order, two-space indentation, trailing newline.
    public func jsonText() -> String {
        JSONTextWriter.document(jsonValue())
    }

    /// The file as a JSON value.
    public func jsonValue() -> JSONValue {
        let bodyMember: (String, JSONValue) = String(validating: body, as: UTF8.self).map { ("text", .string($0)) }
            ?? ("base64", .string(Base64Codec.encode(body)))
        let optional: (String?) -> JSONValue = { $0.map(JSONValue.string) ?? .null }
        // Names are literals and distinct, so building cannot fail; `object` keeps that in one place.
        return object([
            ("format", .string(Self.format)),
            ("name", .string(name)),
            ("description", .string(description)),
            ("source", .string(source)),
            ("now", .number(String(now))),
            ("headers", .array(headers.map { JSONBuilder.strings([$0.name, $0.value]) })),
            ("body", object([bodyMember])),
            ("keys", object([("secrets", JSONBuilder.strings(secrets)), ("publicKeys", JSONBuilder.strings(publicKeys))])),
            ("expected", object([
                ("verification", .string(expected.verification)),
                ("catalog", object([
                    ("outcome", .string(expected.catalog.outcome.rawValue)),
                    ("type", optional(expected.catalog.type)),
                    ("variant", optional(expected.catalog.variant)),
                    ("problems", JSONBuilder.strings(expected.catalog.problems)),
                    ("userMetadata", JSONBuilder.strings(expected.catalog.userMetadata)),
                ])),
            ])),
        ])
    }

    private func object(_ members: [(String, JSONValue)]) -> JSONValue {
        (try? JSONBuilder.object(members)) ?? .null
    }
}

/// Typed access to one object of a recorded envelope file.
private struct Fields {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, _ path: String) throws(RecordedEnvelopeError) {
        guard let object = value.objectValue else { throw .memberWrongType(path.isEmpty ? "/" : path) }
        self.object = object
        self.path = path
    }

    func required(_ name: String) throws(RecordedEnvelopeError) -> JSONValue {
        guard let value = object[name] else { throw .memberMissing(path + "/" + name) }
        return value
    }

    func string(_ name: String) throws(RecordedEnvelopeError) -> String {
        guard let text = try required(name).stringValue else { throw .memberWrongType(path + "/" + name) }
        return text
    }

    func optionalString(_ name: String) throws(RecordedEnvelopeError) -> String? {
        let value = try required(name)
        if value == .null { return nil }
        guard let text = value.stringValue else { throw .memberWrongType(path + "/" + name) }
        return text
    }

    func array(_ name: String) throws(RecordedEnvelopeError) -> [JSONValue] {
        guard let elements = try required(name).arrayValue else { throw .memberWrongType(path + "/" + name) }
        return elements
    }

    func strings(_ name: String) throws(RecordedEnvelopeError) -> [String] {
        try array(name).enumerated().map { (index, element) throws(RecordedEnvelopeError) in
            guard let text = element.stringValue else { throw .memberWrongType(path + "/\(name)/\(index)") }
            return text
        }
    }
}
