import HookSpecCore

/// Reads `hookspec-delivery-vectors/1` files (format described in `vectors/README.md`).
///
/// Every member is checked and unknown members are rejected, so a typo in a vector file is a
/// clear error rather than a vector silently testing something else.
public enum DeliveryVectorLoader {
    /// Most header fields, secrets or public keys in one vector.
    public static let maximumListEntries = 128

    /// Reads and checks one file.
    public static func load(path: String) throws(VectorFileError) -> DeliveryVectorFile {
        try load(bytes: try VectorFileReader.bytes(at: path), path: path)
    }

    /// Reads and checks a file's bytes; `path` only names the file in errors.
    public static func load(bytes: [UInt8], path: String) throws(VectorFileError) -> DeliveryVectorFile {
        let top = FieldReader(path: path, location: "top level", object: try VectorFileReader.object(parsing: bytes, path: path))
        try top.only(["format", "description", "vectors"])
        let format = try top.string("format", maximumLength: 100)
        guard format == DeliveryVectorFile.format else { throw .unsupportedFormat(path: path, found: format) }
        let description = try top.string("description")
        let items = try top.array("vectors", limit: DeliveryVectorFile.maximumVectors)
        var vectors: [DeliveryVector] = []
        var names = Set<String>()
        for (index, item) in items.enumerated() {
            guard let object = item.objectValue else {
                throw .invalidField(path: path, location: "vectors[\(index)]", reason: "expected an object, found \(item.typeName)")
            }
            let vector = try parseVector(FieldReader(path: path, location: "vectors[\(index)]", object: object))
            guard names.insert(vector.name).inserted else {
                throw .invalidField(path: path, location: "vectors[\(index)]", reason: "name \(vector.name) is used twice")
            }
            vectors.append(vector)
        }
        return DeliveryVectorFile(path: path, description: description, vectors: vectors)
    }

    static func parseVector(_ reader: FieldReader) throws(VectorFileError) -> DeliveryVector {
        try reader.only(["name", "source", "headers", "body", "secrets", "secretOptions", "publicKeys", "jwks",
                         "now", "policy", "expected", "note"])
        let name = try reader.string("name", maximumLength: 300)
        guard !name.isEmpty else { throw reader.fail("name is empty") }
        // Name in every later error, so the failing vector can be found by text search.
        let named = FieldReader(path: reader.path, location: reader.location + " (\(name))", object: reader.object)

        let sourceReader = try named.object("source")
        try sourceReader.only(["project", "file", "test"])
        let source = VectorSource(
            project: try sourceReader.string("project", maximumLength: 500),
            file: try sourceReader.string("file", maximumLength: 500),
            test: try sourceReader.string("test", maximumLength: 500))

        let headerItems = try named.array("headers", limit: maximumListEntries)
        let bodyReader = try named.object("body")
        let headers: HeaderFields
        let body: [UInt8]
        do throws(DeliveryFields.Problem) {
            headers = try DeliveryFields.headers(headerItems)
            body = try DeliveryFields.body(bodyReader.object, maximumBodyBytes: maximumBodyBytes)
        } catch {
            throw fail(error, headers: named, body: bodyReader)
        }

        let secrets = named.object["secrets"] == nil ? [] : try named.strings("secrets", limit: maximumListEntries)
        let publicKeys = named.object["publicKeys"] == nil ? [] : try named.strings("publicKeys", limit: maximumListEntries)
        let jwks = try named.optionalString("jwks", maximumLength: 256 * 1024)
        let secretOptions = try parseSecretOptions(named)
        let now = try named.integer("now")
        let policy = try parsePolicy(named)

        let expectedText = try named.string("expected", maximumLength: 100)
        let expected: VectorExpectation
        if expectedText == "valid" {
            expected = .valid
        } else if let code = RejectionCode(rawValue: expectedText) {
            expected = .rejected(code)
        } else {
            throw named.fail("expected \(expectedText) is neither valid nor a rejection code")
        }
        return DeliveryVector(
            name: name, source: source, headers: headers, body: body, secrets: secrets, secretOptions: secretOptions,
            publicKeys: publicKeys, jwks: jwks, now: now, policy: policy, expected: expected,
            note: try named.optionalString("note", maximumLength: 4000))
    }

    /// Largest body a vector may carry, decoded.
    public static let maximumBodyBytes = 8 << 20

    private static func fail(_ problem: DeliveryFields.Problem, headers: FieldReader, body: FieldReader) -> VectorFileError {
        switch problem {
        case .headerNotPair(let index): headers.fail("headers[\(index)] must be a [name, value] pair of strings")
        case .bodyMemberUnknown(let name): body.fail("unknown member \(name)")
        case .bodyNotExactlyOne: body.fail("body needs exactly one of text or base64")
        case .bodyMemberNotString(let name, let found): body.fail("\(name) must be a string, found \(found)")
        case .bodyTooLarge(let limit): body.fail("body is larger than \(limit) bytes")
        case .bodyNotBase64: body.fail("base64 is not canonical base64")
        }
    }

    static let secretOptionNames: [String: WebhookSecret.ParsingOptions] = [
        "unprefixed": .unprefixed, "lenient_base64": .lenientBase64, "any_length": .anyLength, "append_padding": .appendPadding,
    ]

    static func parseSecretOptions(_ reader: FieldReader) throws(VectorFileError) -> WebhookSecret.ParsingOptions {
        guard let value = reader.object["secretOptions"] else { return [] }
        if value.stringValue == "python_reference" { return .pythonReference }
        guard value.arrayValue != nil else { throw reader.fail("secretOptions must be \"python_reference\" or a list of option names") }
        var options: WebhookSecret.ParsingOptions = []
        for name in try reader.strings("secretOptions", limit: 16) {
            guard let option = secretOptionNames[name] else {
                throw reader.fail("unknown secret option \(name); known: \(secretOptionNames.keys.sorted().joined(separator: ", "))")
            }
            options.insert(option)
        }
        return options
    }

    static func parsePolicy(_ reader: FieldReader) throws(VectorFileError) -> VectorPolicy {
        let value = try reader.value("policy")
        switch value.stringValue {
        case "strict": return .strict
        case "python_reference": return .pythonReference
        case .some(let other): throw reader.fail("policy \(other) is neither strict, python_reference nor a list of leniencies")
        case nil: break
        }
        guard value.arrayValue != nil else { throw reader.fail("policy must be a string or a list of leniencies") }
        var list: [VerificationPolicy.Leniency] = []
        for name in try reader.strings("policy", limit: 64) {
            guard let leniency = VerificationPolicy.Leniency(rawValue: name) else {
                throw reader.fail("unknown leniency \(name)")
            }
            list.append(leniency)
        }
        return .leniencies(list)
    }
}
