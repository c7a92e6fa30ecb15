import HookSpecCore

/// Writes a `JSONValue` as text the same way every time: members in the order given, two-space
/// indentation, `": "` after names, short lists of scalars on one line, a trailing newline;
/// scalars and names exactly as the core's compact encoder writes them (`JSONValue.compactText`).
///
/// Generated files (schemas, recorded envelopes) are compared byte for byte with the committed
/// ones, so the output depends on nothing but the value.
public enum JSONTextWriter {
    /// The document text, ending in a newline.
    public static func document(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output += "\n"
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        let inner = String(repeating: "  ", count: indent + 1)
        switch value {
        case .array(let elements) where !elements.isEmpty && elements.allSatisfy(isScalar):
            // Short lists of scalars (header pairs, required names) read better on one line.
            let line = "[" + elements.map(\.compactText).joined(separator: ", ") + "]"
            if line.count <= maximumInlineWidth {
                output += line
                return
            }
            writeLines(elements, indent: indent, into: &output)
        case .array(let elements) where !elements.isEmpty:
            writeLines(elements, indent: indent, into: &output)
        case .object(let object) where !object.members.isEmpty:
            output += "{\n"
            for (index, member) in object.members.enumerated() {
                output += inner + JSONValue.quotedText(member.name) + ": "
                write(member.value, indent: indent + 1, into: &output)
                output += index == object.members.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        default:
            output += value.compactText
        }
    }

    /// Longest one-line list of scalars.
    static let maximumInlineWidth = 100

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    private static func writeLines(_ elements: [JSONValue], indent: Int, into output: inout String) {
        let inner = String(repeating: "  ", count: indent + 1)
        output += "[\n"
        for (index, element) in elements.enumerated() {
            output += inner
            write(element, indent: indent + 1, into: &output)
            output += index == elements.count - 1 ? "\n" : ",\n"
        }
        output += String(repeating: "  ", count: indent) + "]"
    }
}
