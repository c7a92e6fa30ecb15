/// A JSON type as JSON Schema (draft 2020-12) names it, so the catalog, the generated schemas and
/// the Swift validator use one vocabulary.
public enum JSONType: String, Sendable, Hashable, CaseIterable, Codable {
    /// JSON Schema's seven type names.
    case string, integer, number, boolean, object, array, null

    /// Whether `value` has this type, with JSON Schema's meaning: `integer` is any number whose
    /// value is integral (`1.0` and `1e2` count), and every integer is also a `number`.
    public func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.boolean, .bool), (.object, .object), (.array, .array), (.null, .null): true
        case (.number, .number): true
        case (.integer, .number(let text)): Self.isIntegral(numberText: text)
        default: false
        }
    }

    /// The type a value would be reported as: `integer` for integral numbers, else `number`.
    public static func of(_ value: JSONValue) -> JSONType {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .number(let text): isIntegral(numberText: text) ? .integer : .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// Decides integrality on the number's source text, exactly, without converting to a
    /// floating-point value (which would lose large integers and misjudge `1e400`).
    static func isIntegral(numberText text: String) -> Bool {
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var exponentText = ""
        var part = 0  // 0: integer part, 1: fraction, 2: exponent
        for byte in text.utf8 {
            switch (part, byte) {
            case (_, UInt8(ascii: "-")) where part != 2: continue
            case (0, UInt8(ascii: ".")): part = 1
            case (_, UInt8(ascii: "e")), (_, UInt8(ascii: "E")): part = 2
            case (0, _): integerDigits.append(byte)
            case (1, _): fractionDigits.append(byte)
            default: exponentText.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        let zero = UInt8(ascii: "0")
        // Trailing zeros of the fraction never make a number non-integral.
        while fractionDigits.last == zero { fractionDigits.removeLast() }
        if fractionDigits.isEmpty && exponentText.isEmpty { return true }
        let significant = integerDigits + fractionDigits
        if significant.allSatisfy({ $0 == zero }) { return true }
        // An exponent too large for Int is either huge (integral) or tiny (not): the sign says which.
        let exponent: Int
        if exponentText.isEmpty {
            exponent = 0
        } else if let parsed = Int(exponentText) {
            exponent = parsed
        } else {
            return !exponentText.hasPrefix("-")
        }
        // value = significant × 10^(exponent − fractionCount); integral when every digit that
        // would fall after the decimal point is zero.
        let shift = exponent - fractionDigits.count
        if shift >= 0 { return true }
        let dropped = -shift
        guard dropped <= significant.count else { return false }
        return significant.suffix(dropped).allSatisfy { $0 == zero }
    }
}
