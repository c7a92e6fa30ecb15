/// Text for HTML element content and quoted attribute values: the five markup characters become
/// entities and control characters become visible escapes, so an answer body (attacker-controlled)
/// can never open a tag, close an attribute or hide itself.
enum HTMLEscaping {
    static func text(_ value: String, keepNewlines: Bool = false) -> String {
        var out = ""
        for character in TerminalText.printable(value, keepNewlines: keepNewlines) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
