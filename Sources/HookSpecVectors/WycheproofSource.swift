import HookSpecCore

/// A Wycheproof verdict label: `valid` must verify, `invalid` must not, `acceptable` may go either way.
public enum WycheproofLabel: String, Sendable, Hashable {
    /// Wycheproof's `result` values.
    case valid, invalid, acceptable
}

/// Provenance of the Wycheproof files (`../shared/vectors/README.md`).
public enum WycheproofSource {
    /// Project and folder the files come from.
    public static let project = "C2SP/wycheproof"
    /// Folder of the files in that project.
    public static let folder = "testvectors_v1"
    /// Most test groups and tests read from one file.
    public static let maximumGroups = 10_000
    /// Most tests read from one file.
    public static let maximumTests = 100_000

    /// The result of one Wycheproof test: label against what the core did.
    static func result(name: String, file: String, tcId: Int64, label: WycheproofLabel, verified: Bool, detail: String) -> VectorResult {
        let actual = verified ? "valid" : "invalid"
        let source = provenance(file: file, tcId: tcId)
        var result: VectorResult
        switch label {
        case .acceptable:
            result = VectorResult(name: name, source: source, expected: "acceptable", actual: actual,
                                  verdict: .acceptable(note: verified ? "the core accepts it" : "the core rejects it"))
        case .valid, .invalid:
            result = VectorResult(name: name, source: source, expected: label.rawValue, actual: actual)
        }
        result.detail = detail
        return result
    }

    /// `C2SP/wycheproof | testvectors_v1/<file> | tcId <n>`: where one test comes from (SPEC §8).
    static func provenance(file: String, tcId: Int64) -> String {
        [project, folder + "/" + file, "tcId \(tcId)"].joined(separator: " | ")
    }

    /// Reads the groups of a Wycheproof file whose `schema` is `schema`.
    static func groups(path: String, schema: String) throws(VectorFileError) -> (top: FieldReader, groups: [FieldReader]) {
        let top = FieldReader(path: path, location: "top level", object: try VectorFileReader.object(at: path))
        let found = try top.string("schema", maximumLength: 200)
        guard found == schema else { throw .unsupportedFormat(path: path, found: found) }
        var groups: [FieldReader] = []
        for (index, item) in try top.array("testGroups", limit: maximumGroups).enumerated() {
            guard let object = item.objectValue else { throw top.fail("testGroups[\(index)] is not an object") }
            groups.append(FieldReader(path: path, location: "testGroups[\(index)]", object: object))
        }
        return (top, groups)
    }

    static func tests(of group: FieldReader, count: inout Int) throws(VectorFileError) -> [FieldReader] {
        var out: [FieldReader] = []
        for (index, item) in try group.array("tests", limit: maximumTests).enumerated() {
            count += 1
            guard count <= maximumTests else { throw .tooMany(path: group.path, what: "tests", limit: maximumTests) }
            guard let object = item.objectValue else { throw group.fail("tests[\(index)] is not an object") }
            out.append(FieldReader(path: group.path, location: group.location + ".tests[\(index)]", object: object))
        }
        return out
    }

    static func label(_ reader: FieldReader) throws(VectorFileError) -> WycheproofLabel {
        let text = try reader.string("result", maximumLength: 20)
        guard let label = WycheproofLabel(rawValue: text) else { throw reader.fail("result \(text) is not valid, invalid or acceptable") }
        return label
    }

    static func hex(_ reader: FieldReader, _ name: String) throws(VectorFileError) -> [UInt8] {
        guard let bytes = HexBytes.decode(try reader.string(name)) else { throw reader.fail("\(name) is not hex") }
        return bytes
    }

    static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
