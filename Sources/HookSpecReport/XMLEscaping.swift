/// Escaping for XML 1.0 text and attribute values.
///
/// Characters XML 1.0 forbids outright (C0 controls other than tab, newline and carriage
/// return; U+FFFE, U+FFFF) cannot be written even as character references, so they are
/// replaced by the visible text `\u{XX}`. Hostile probe answers and vector names contain them.
public enum XMLEscaping {
    /// Escapes character data (element content).
    public static func text(_ value: String) -> String {
        escape(value, inAttribute: false)
    }

    /// Escapes an attribute value written between double quotes.
    public static func attribute(_ value: String) -> String {
        escape(value, inAttribute: true)
    }

    /// Whether XML 1.0 allows this scalar in a document at all (production `Char`).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func escape(_ value: String, inAttribute: Bool) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(value.unicodeScalars.count)
        func append(_ text: String) { out.append(contentsOf: text.unicodeScalars) }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": append("&amp;")
            case "<": append("&lt;")
            // Always escaped, so `]]>` can never appear in character data.
            case ">": append("&gt;")
            case "\"" where inAttribute: append("&quot;")
            // Attribute-value normalisation would turn these into spaces; references keep them.
            case "\n" where inAttribute: append("&#10;")
            case "\t" where inAttribute: append("&#9;")
            // A bare CR is folded into LF by every parser's line-end handling.
            case "\r": append("&#13;")
            default:
                if isAllowed(scalar) {
                    out.append(scalar)
                } else {
                    append("\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}")
                }
            }
        }
        return String(out)
    }
}
