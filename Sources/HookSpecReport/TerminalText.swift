/// Makes text safe for a terminal: control characters (ESC above all, which a hostile receiver
/// could use to rewrite the screen) become visible `\u{XX}` escapes.
public enum TerminalText {
    /// `text` with every C0/C1 control except tab replaced; newlines too, for one-line cells.
    public static func printable(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
            if !isControl || value == 0x09 || (keepNewlines && value == 0x0A) {
                out.append(scalar)
            } else {
                out.append(contentsOf: ("\\u{" + String(value, radix: 16, uppercase: true) + "}").unicodeScalars)
            }
        }
        return String(out)
    }

    /// One log line's worth of attacker-controlled text (a `webhook-id`): printable ASCII kept,
    /// every other byte (controls, `\`, and non-ASCII, which can hide bidi overrides) written
    /// as `\xHH`, and at most `maximumLength` characters, then `…`.
    public static func asciiEscaped(_ text: String, maximumLength: Int = 80) -> String {
        var out = ""
        var length = 0
        for byte in text.utf8 {
            if length >= maximumLength {
                out += "…"
                break
            }
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
                length += 1
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                length += 4
            }
        }
        return out
    }
}
