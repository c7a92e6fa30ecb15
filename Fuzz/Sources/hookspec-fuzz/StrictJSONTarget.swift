import HookSpecCore

/// `StrictJSONParser`: parse → compact encode → parse gives an equal value, compact encoding is
/// a fixed point, nesting and size stay within the parser's bounds, names stay unique.
enum StrictJSONTarget {
    static let parser = StrictJSONParser(maximumSize: 64 * 1024, maximumDepth: 16)

    static let target = FuzzTarget(name: "strict-json") { input in
        let bytes = Array(input)
        let value: JSONValue
        do throws(StrictJSONError) {
            value = try parser.parse(bytes)
        } catch {
            FuzzCheck.require(!error.description.isEmpty, "JSON error without a message")
            if case .tooLarge = error { FuzzCheck.require(bytes.count > parser.maximumSize, "tooLarge under the limit") }
            if bytes.count > parser.maximumSize { FuzzCheck.require(error == .tooLarge(limit: parser.maximumSize), "oversized input not refused first") }
            return
        }
        FuzzCheck.require(bytes.count <= parser.maximumSize, "parsed past the size bound")
        FuzzCheck.require(depth(value) <= parser.maximumDepth + 1, "parsed past the depth bound")
        checkUniqueNames(value)
        let compact = value.compactEncoded()
        let again: JSONValue
        do throws(StrictJSONError) {
            again = try parser.parse(compact)
        } catch {
            FuzzCheck.fail("compact encoding does not parse: \(error)")
        }
        FuzzCheck.require(again == value, "parse → encode → parse changed the value")
        FuzzCheck.require(again.compactEncoded() == compact, "compact encoding is not a fixed point")
        FuzzCheck.require(compact.count <= bytes.count * 6 + 2, "compact encoding grew beyond escaping")
    }

    /// Nesting levels: a scalar is 1.
    static func depth(_ value: JSONValue) -> Int {
        switch value {
        case .array(let elements): 1 + (elements.map(depth).max() ?? 0)
        case .object(let object): 1 + (object.members.map { depth($0.value) }.max() ?? 0)
        default: 1
        }
    }

    static func checkUniqueNames(_ value: JSONValue) {
        switch value {
        case .array(let elements): elements.forEach(checkUniqueNames)
        case .object(let object):
            FuzzCheck.require(Set(object.names).count == object.members.count, "object kept a repeated name")
            object.members.forEach { checkUniqueNames($0.value) }
        default: break
        }
    }
}
