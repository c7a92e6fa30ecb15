/// A JSON value as the strict parser read it.
///
/// Numbers keep their source text so that integers of any size survive exactly and so that
/// a validator can tell `1` from `1.0`.
// Not `indirect`: arrays and objects already hold their children on the heap, and boxing every
// value cost one allocation per member on each token parsed.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The object, if this is one.
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// The string, if this is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The array, if this is one.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// The boolean, if this is one.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// The number as an exact integer, if it is written as one (no fraction or exponent) and fits.
    public var int64Value: Int64? {
        guard case .number(let text) = self else { return nil }
        return Int64(text)
    }

    /// The number as a Double, if it is one.
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// JSON type name, for error messages and schema checks.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let text): Int64(text) != nil ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A JSON object with its members in source order and names known to be unique.
public struct JSONObject: Sendable, Hashable {
    /// Members in the order they were written.
    public let members: [(name: String, value: JSONValue)]
    /// Positions by name; empty (no allocation) for small objects, which are searched in order.
    private let index: [String: Int]

    /// Objects up to this many members (JOSE headers, token claims) are searched linearly:
    /// comparing a few short names costs less than building and hashing into a dictionary.
    private static let linearSearchLimit = 8

    /// Builds an object; fails with the first repeated name.
    public init(members: [(name: String, value: JSONValue)]) throws(StrictJSONError) {
        if members.count <= Self.linearSearchLimit {
            for later in members.indices {
                for earlier in 0..<later where Self.sameName(members[earlier].name, members[later].name) {
                    throw .duplicateMember(members[later].name)
                }
            }
            self.members = members
            self.index = [:]
            return
        }
        var index = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() {
            if index.updateValue(position, forKey: member.name) != nil {
                throw .duplicateMember(member.name)
            }
        }
        self.members = members
        self.index = index
    }

    /// The value of member `name`.
    public subscript(name: String) -> JSONValue? {
        if members.count <= Self.linearSearchLimit {
            return members.first(where: { Self.sameName($0.name, name) })?.value
        }
        guard let position = index[name] else { return nil }
        return members[position].value
    }

    /// Name equality, lengths first: `==` between a short (inline) name and a long one such as
    /// `request_body_sha256` takes a slow comparison path even though they cannot be equal.
    @inline(__always)
    private static func sameName(_ left: String, _ right: String) -> Bool {
        left.utf8.count == right.utf8.count && left == right
    }

    /// Member names in source order.
    public var names: [String] { members.map(\.name) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for member in members {
            hasher.combine(member.name)
            hasher.combine(member.value)
        }
    }
}

/// Why strict JSON parsing failed.
public enum StrictJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooLarge(limit: Int)
    case tooDeep(limit: Int)
    case invalidUTF8
    case unexpectedEnd
    case unexpectedByte(offset: Int)
    case invalidNumber(offset: Int)
    case invalidEscape(offset: Int)
    case controlCharacterInString(offset: Int)
    case loneSurrogate(offset: Int)
    case trailingData(offset: Int)
    case duplicateMember(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "JSON is larger than \(limit) bytes"
        case .tooDeep(let limit): "JSON nests deeper than \(limit) levels"
        case .invalidUTF8: "JSON is not valid UTF-8"
        case .unexpectedEnd: "JSON ends early"
        case .unexpectedByte(let offset): "unexpected byte at offset \(offset)"
        case .invalidNumber(let offset): "invalid number at offset \(offset)"
        case .invalidEscape(let offset): "invalid escape at offset \(offset)"
        case .controlCharacterInString(let offset): "unescaped control character at offset \(offset)"
        case .loneSurrogate(let offset): "unpaired UTF-16 surrogate escape at offset \(offset)"
        case .trailingData(let offset): "data after the JSON value at offset \(offset)"
        // The name is the input's: shortened and without control characters, so the message stays one line.
        case .duplicateMember(let name): "member \(CompactJWS.printable(name)) appears twice"
        }
    }
}

/// An RFC 8259 parser that also rejects what RFC 7515 §4 and RFC 8725 want rejected:
/// duplicate member names, invalid UTF-8 and lone surrogates. Bounded in size and depth.
public struct StrictJSONParser: Sendable {
    /// Largest input accepted, in bytes.
    public var maximumSize: Int
    /// Deepest nesting of arrays and objects accepted.
    public var maximumDepth: Int

    public init(maximumSize: Int = 1 << 20, maximumDepth: Int = 64) {
        self.maximumSize = maximumSize
        self.maximumDepth = maximumDepth
    }

    /// Parses one JSON text.
    public func parse(_ bytes: [UInt8]) throws(StrictJSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(StrictJSONError) in try parse(buffer: buffer) }
    }

    /// Parses one JSON text read in place (a token segment decoded into a scratch buffer).
    func parse(buffer bytes: UnsafeBufferPointer<UInt8>) throws(StrictJSONError) -> JSONValue {
        guard bytes.count <= maximumSize else { throw .tooLarge(limit: maximumSize) }
        // ASCII is valid UTF-8; only other text pays for building a validated String.
        if !Self.isASCII(bytes) {
            guard String(validating: bytes, as: UTF8.self) != nil else { throw .invalidUTF8 }
        }
        var cursor = JSONCursor(bytes: bytes, maximumDepth: maximumDepth)
        cursor.skipWhitespace()
        let value = try cursor.parseValue(depth: 0)
        cursor.skipWhitespace()
        guard cursor.atEnd else { throw .trailingData(offset: cursor.offset) }
        return value
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var high: UInt64 = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            high |= UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            offset += 8
        }
        while offset < bytes.count {
            high |= UInt64(base[offset])
            offset += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Parses one JSON text from a string.
    public func parse(_ text: String) throws(StrictJSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// Reads the bytes in place; it lives only inside a call that owns their lifetime
/// (`StrictJSONParser.parse(buffer:)`, `TokenClaimsScan`).
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    var atEnd: Bool { offset >= bytes.count }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    func peek() throws(StrictJSONError) -> UInt8 {
        guard offset < bytes.count else { throw .unexpectedEnd }
        return bytes[offset]
    }

    mutating func expect(_ literal: StaticString) throws(StrictJSONError) {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw .unexpectedEnd }
        let start = literal.utf8Start
        for index in 0..<count where bytes[offset + index] != start[index] {
            throw .unexpectedByte(offset: offset + index)
        }
        offset += count
    }

    mutating func parseValue(depth: Int) throws(StrictJSONError) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw .unexpectedByte(offset: offset)
        }
    }

    mutating func parseObject(depth: Int) throws(StrictJSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw .tooDeep(limit: maximumDepth) }
        offset += 1
        var members: [(name: String, value: JSONValue)] = []
        // JOSE headers and claims sets have a handful of members: one allocation instead of
        // growing 1, 2, 4, 8.
        members.reserveCapacity(8)
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            offset += 1
            return .object(try JSONObject(members: []))
        }
        while true {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw .unexpectedByte(offset: offset) }
            let name = try parseString()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw .unexpectedByte(offset: offset) }
            offset += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((name, value))
            skipWhitespace()
            let next = try peek()
            offset += 1
            if next == UInt8(ascii: "}") { break }
            guard next == UInt8(ascii: ",") else { throw .unexpectedByte(offset: offset - 1) }
        }
        return .object(try JSONObject(members: members))
    }

    mutating func parseArray(depth: Int) throws(StrictJSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw .tooDeep(limit: maximumDepth) }
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            offset += 1
            return .array([])
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            let next = try peek()
            offset += 1
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { throw .unexpectedByte(offset: offset - 1) }
        }
        return .array(elements)
    }

    mutating func parseNumber() throws(StrictJSONError) -> String {
        text(try skipNumber())
    }

    /// Checks the number at the cursor against RFC 8259's grammar and moves past it; returns its bytes.
    mutating func skipNumber() throws(StrictJSONError) -> Range<Int> {
        let start = offset
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw .invalidNumber(offset: start) }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw .invalidNumber(offset: start) }
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw .invalidNumber(offset: start) }
            while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        }
        return start..<offset
    }

    /// The bytes in `range` as a String (already known to be valid UTF-8).
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    mutating func parseHex4() throws(StrictJSONError) -> UInt16 {
        guard offset + 4 <= bytes.count else { throw .unexpectedEnd }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: throw .invalidEscape(offset: offset)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    /// The closing quote of the string whose text starts at `start`, if the text has no escape
    /// and no control character: most strings do, and their bytes are their value.
    func plainStringEnd(from start: Int) -> Int? {
        var index = start
        // Eight bytes per step while none of them is a quote, a backslash or a control character
        // (a zero byte in `word ^ quotes` marks a quote; the test may also fire on a byte next to
        // one, and the byte loop then decides).
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let quotes = word ^ 0x2222_2222_2222_2222, backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = (quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | (word &- 0x2020_2020_2020_2020) & ~word
                if special & highs != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return index }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    mutating func parseString() throws(StrictJSONError) -> String {
        offset += 1
        let start = offset
        // Anything but a plain string goes through the loop below, which names the exact error.
        if let plainEnd = plainStringEnd(from: start) {
            offset = plainEnd + 1
            return text(start..<plainEnd)
        }
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        func flush(_ cursor: JSONCursor, upTo end: Int, into view: inout String.UnicodeScalarView) {
            if end > runStart {
                view.append(contentsOf: cursor.text(runStart..<end).unicodeScalars)
            }
        }
        while true {
            guard offset < bytes.count else { throw .unexpectedEnd }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                // Most strings have no escape: decode the run once instead of scalar by scalar.
                if scalars.isEmpty && runStart == start {
                    let plain = text(runStart..<offset)
                    offset += 1
                    return plain
                }
                flush(self, upTo: offset, into: &scalars)
                offset += 1
                return String(scalars)
            }
            if byte < 0x20 { throw .controlCharacterInString(offset: offset) }
            if byte != UInt8(ascii: "\\") {
                offset += 1
                continue
            }
            flush(self, upTo: offset, into: &scalars)
            let escapeStart = offset
            offset += 1
            guard offset < bytes.count else { throw .unexpectedEnd }
            let escaped = bytes[offset]
            offset += 1
            switch escaped {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let unit = try parseHex4()
                if (0xD800...0xDBFF).contains(unit) {
                    guard offset + 6 <= bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                        bytes[offset + 1] == UInt8(ascii: "u")
                    else { throw .loneSurrogate(offset: escapeStart) }
                    offset += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw .loneSurrogate(offset: escapeStart) }
                    let value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                    guard let scalar = Unicode.Scalar(value) else { throw .loneSurrogate(offset: escapeStart) }
                    scalars.append(scalar)
                } else {
                    guard let scalar = Unicode.Scalar(UInt32(unit)) else { throw .loneSurrogate(offset: escapeStart) }
                    scalars.append(scalar)
                }
            default:
                throw .invalidEscape(offset: escapeStart)
            }
            runStart = offset
        }
    }
}
