/// Compact JSON text of a `JSONValue`, written one way for every caller, so that "the same
/// value" always means the same bytes.
///
/// Deterministic: no whitespace, object members in the order they are held (never sorted),
/// numbers as their source text, strings escaped per RFC 8259 §7 (`"` and `\`, the short
/// escapes `\b \f \n \r \t`, other controls below U+0020 as lower-case `\u00xx`) and every other
/// character, non-ASCII included, written as its UTF-8 bytes.
extension JSONValue {
    /// The value as compact JSON, UTF-8 encoded.
    public func compactEncoded() -> [UInt8] {
        var out: [UInt8] = []
        JSONCompactEncoding.append(self, to: &out)
        return out
    }

    /// The value as compact JSON text.
    public var compactText: String {
        String(decoding: compactEncoded(), as: UTF8.self)
    }

    /// `text` as a JSON string literal, quotes included, escaped exactly as `compactEncoded()` does.
    public static func quotedText(_ text: String) -> String {
        var out: [UInt8] = []
        JSONCompactEncoding.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// The writing behind `compactEncoded()`, appending to one buffer so nesting costs no copies.
enum JSONCompactEncoding {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): appendString(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(member.name, to: &out)
                out.append(UInt8(ascii: ":"))
                append(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Escapes are all ASCII and every byte of a multi-byte UTF-8 sequence is >= 0x80, so
        // working on bytes never splits a character.
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
