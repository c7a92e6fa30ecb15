/// How mainstream parsers read a `webhook-timestamp` text (SPEC §9.4): the official Standard
/// Webhooks libraries parse the header as a number and sign the number they re-print, so a
/// non-canonical spelling is accepted when the MAC covers its reading (malleability).
public enum TimestampReading: String, Sendable, Hashable, CaseIterable {
    /// Python `int()` (sign, leading zeros, underscores between digits), else the integer part of `float()`.
    case integerPart = "integer part"
    /// `math.floor(float(text))`.
    case floatFloor = "float floor"
    /// JavaScript `parseInt(text, 10)`: the leading decimal digits, junk after them ignored.
    case parseIntPrefix = "parseInt prefix"
    /// JavaScript `Number(text)` when integral (hex `0x…` included).
    case jsNumber = "Number()"

    /// Longest text read: a bound on the work, far above any timestamp.
    static let maximumLength = 64

    /// The Unix seconds this parser reads from `text`, or nil when it refuses it or the value is not
    /// a whole number of seconds in 64-bit range.
    public func seconds(_ text: String) -> Int64? {
        guard text.utf8.count <= Self.maximumLength else { return nil }
        let trimmed = Self.trimmingWhitespace(Array(text.utf8))
        switch self {
        case .integerPart:
            if let value = Self.pythonInt(trimmed) { return value }
            return Self.pythonFloat(trimmed).flatMap { Self.whole($0.rounded(.towardZero)) }
        case .floatFloor:
            return Self.pythonFloat(trimmed).flatMap { Self.whole($0.rounded(.down)) }
        case .parseIntPrefix:
            return Self.parseIntPrefix(trimmed)
        case .jsNumber:
            return Self.jsNumber(trimmed)
        }
    }

    /// Every distinct reading of `text`, in `allCases` order.
    public static func readings(of text: String) -> [(reading: TimestampReading, seconds: Int64)] {
        var seen: Set<Int64> = []
        return allCases.compactMap { reading in
            guard let value = reading.seconds(text), seen.insert(value).inserted else { return nil }
            return (reading, value)
        }
    }

    private static func trimmingWhitespace(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func whole(_ value: Double) -> Int64? {
        guard value.isFinite, value >= -9.2e18, value <= 9.2e18 else { return nil }
        return Int64(value)
    }

    /// Splits an optional sign off.
    private static func signed(_ bytes: ArraySlice<UInt8>) -> (negative: Bool, rest: ArraySlice<UInt8>) {
        guard let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return (false, bytes) }
        return (first == UInt8(ascii: "-"), bytes.dropFirst())
    }

    /// Digits with single underscores between them (Python's integer and float digit groups).
    private static func pythonDigits(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        guard let first = bytes.first, let last = bytes.last, isDigit(first), isDigit(last) else { return nil }
        var digits: [UInt8] = []
        var previousUnderscore = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { return nil }
                previousUnderscore = true
            } else if isDigit(byte) {
                digits.append(byte)
                previousUnderscore = false
            } else {
                return nil
            }
        }
        return digits
    }

    private static func pythonInt(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let (negative, rest) = signed(bytes)
        guard let digits = pythonDigits(rest), let magnitude = Int64(String(decoding: digits, as: UTF8.self)) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Python `float()` of decimal text (no `inf`/`nan`: they are no time).
    private static func pythonFloat(_ bytes: ArraySlice<UInt8>) -> Double? {
        let (negative, rest) = signed(bytes)
        var mantissa = rest
        var exponent: ArraySlice<UInt8> = []
        if let e = rest.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = rest[..<e]
            exponent = rest[(e + 1)...]
        }
        var text = ""
        if let dot = mantissa.firstIndex(of: UInt8(ascii: ".")) {
            let whole = mantissa[..<dot], fraction = mantissa[(dot + 1)...]
            guard !(whole.isEmpty && fraction.isEmpty) else { return nil }
            guard let w = whole.isEmpty ? [] : pythonDigits(whole), let f = fraction.isEmpty ? [] : pythonDigits(fraction) else { return nil }
            text = String(decoding: w, as: UTF8.self) + "." + String(decoding: f, as: UTF8.self)
            if w.isEmpty { text = "0" + text }
            if f.isEmpty { text += "0" }
        } else {
            guard let w = pythonDigits(mantissa) else { return nil }
            text = String(decoding: w, as: UTF8.self)
        }
        if rest.endIndex != mantissa.endIndex {
            let (expNegative, expRest) = signed(exponent)
            guard let e = pythonDigits(expRest) else { return nil }
            text += "e" + (expNegative ? "-" : "") + String(decoding: e, as: UTF8.self)
        }
        guard let value = Double(text) else { return nil }
        return negative ? -value : value
    }

    private static func parseIntPrefix(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let (negative, rest) = signed(bytes)
        let digits = rest.prefix(while: isDigit)
        guard !digits.isEmpty, digits.count <= 18, let magnitude = Int64(String(decoding: digits, as: UTF8.self)) else { return nil }
        return negative ? -magnitude : magnitude
    }

    private static func jsNumber(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        if bytes.count > 2, bytes.first == UInt8(ascii: "0"), bytes[bytes.startIndex + 1] | 0x20 == UInt8(ascii: "x") {
            let hex = bytes.dropFirst(2)
            guard hex.count <= 15, let value = Int64(String(decoding: hex, as: UTF8.self), radix: 16) else { return nil }
            return value
        }
        // Number() takes decimal float syntax without underscores.
        guard !bytes.contains(UInt8(ascii: "_")), let value = pythonFloat(bytes), value == value.rounded() else { return nil }
        return whole(value)
    }
}
