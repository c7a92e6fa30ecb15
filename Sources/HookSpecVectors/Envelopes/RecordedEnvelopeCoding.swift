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
    /// A member the format does not define (JSON Pointer).
    case memberUnknown(String)
    /// `body.base64` is not strict base64.
    case bodyNotBase64
    /// The body is larger than the reader accepts, in bytes.
    case bodyTooLarge(limit: Int)
    /// `expected.catalog.outcome` is not an `EnvelopeCode`.
    case outcomeUnknown(String)

    /// The reason in one line.
    public var description: String {
        switch self {
        case .notJSON(let error): "recorded envelope is not strict JSON: \(error)"
        case .formatUnsupported(let format): "recorded envelope format \(format) is not \(RecordedEnvelope.format)"
        case .memberMissing(let path): "recorded envelope lacks \(path)"
        case .memberWrongType(let path): "recorded envelope member \(path) has the wrong type"
        case .memberUnknown(let path): "recorded envelope member \(path) is not part of the format"
        case .bodyNotBase64: "recorded envelope body.base64 is not strict base64"
        case .bodyTooLarge(let limit): "recorded envelope body is larger than \(limit) bytes"
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
        let headerItems = try root.array("headers")
        let bodyField = try Fields(try root.required("body"), "/body")
        let headers: HeaderFields
        let body: [UInt8]
        do throws(DeliveryFields.Problem) {
            headers = try DeliveryFields.headers(headerItems)
            // The parser's bound on the whole file (1 MiB) caps the body too; stated here, not assumed.
            body = try DeliveryFields.body(bodyField.object, maximumBodyBytes: StrictJSONParser().maximumSize)
        } catch {
            switch error {
            case .headerNotPair(let index): throw .memberWrongType("/headers/\(index)")
            case .bodyMemberUnknown(let name): throw .memberUnknown("/body/" + name)
            case .bodyNotExactlyOne: throw .memberWrongType("/body")
            case .bodyTooLarge(let limit): throw .bodyTooLarge(limit: limit)
            case .bodyMemberNotString(let name, _): throw .memberWrongType("/body/" + name)
            case .bodyNotBase64: throw .bodyNotBase64
            }
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
