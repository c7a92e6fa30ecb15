/// A date-time that follows RFC 3339 §5.6 exactly.
public struct RFC3339DateTime: Sendable, Hashable {
    /// Four-digit year (0000-9999).
    public let year: Int
    /// Month, 1-12.
    public let month: Int
    /// Day of the month, valid for the month and year.
    public let day: Int
    /// Hour, 0-23.
    public let hour: Int
    /// Minute, 0-59.
    public let minute: Int
    /// Second, 0-60 (60 only as a leap second).
    public let second: Int
    /// The digits after the decimal point, as written (empty when there is no fraction).
    public let fractionDigits: String
    /// Offset from UTC in minutes; nil for `-00:00` ("offset unknown", RFC 3339 §4.3).
    public let offsetMinutes: Int?
}

/// Why a text is not an RFC 3339 `date-time`.
public enum RFC3339Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A character other than the grammar allows at this UTF-8 offset (or the text ended early).
    case unexpectedCharacter(offset: Int)
    /// Text continues after the time offset.
    case trailingCharacters(offset: Int)
    /// Month is not 01-12.
    case monthOutOfRange(Int)
    /// The day does not exist in that month and year.
    case dayOutOfRange(day: Int, month: Int, year: Int)
    /// Hour is not 00-23.
    case hourOutOfRange(Int)
    /// Minute is not 00-59.
    case minuteOutOfRange(Int)
    /// Second is not 00-60.
    case secondOutOfRange(Int)
    /// Second 60 anywhere but 23:59:60 in UTC (see `RFC3339Timestamp`).
    case leapSecondMisplaced
    /// The time offset is not -23:59 to +23:59.
    case offsetOutOfRange

    /// The problem in one line.
    public var description: String {
        switch self {
        case .unexpectedCharacter(let offset): "not RFC 3339 date-time syntax at offset \(offset)"
        case .trailingCharacters(let offset): "characters after the time offset at offset \(offset)"
        case .monthOutOfRange(let month): "month \(month) is not 01-12"
        case .dayOutOfRange(let day, let month, let year): "day \(day) does not exist in \(year)-\(month)"
        case .hourOutOfRange(let hour): "hour \(hour) is not 00-23"
        case .minuteOutOfRange(let minute): "minute \(minute) is not 00-59"
        case .secondOutOfRange(let second): "second \(second) is not 00-60"
        case .leapSecondMisplaced: "second 60 is only accepted as 23:59:60 in UTC"
        case .offsetOutOfRange: "time offset is not -23:59 to +23:59"
        }
    }
}

/// A strict reader of RFC 3339 `date-time` (SPEC §5: the envelope `timestamp`).
///
/// Follows the ABNF of RFC 3339 §5.6 with the calendar rules of §5.7:
/// `YYYY-MM-DD`, `T`, `hh:mm:ss`, an optional `.` and one or more digits, then `Z` or `±hh:mm`.
/// `T` and `Z` may be lower case (RFC 3339 §5.6 note). Refused: a space for `T` (allowed only
/// "for readability" by the note, not by the grammar), missing seconds or offset, `+0000`,
/// non-ASCII digits, days that do not exist (leap years follow the Gregorian rule).
/// Decision where the RFC defers to tables nobody can predict: second 60 is accepted only as
/// `23:59:60` with offset `Z` or `±00:00`, since leap seconds are inserted at the end of a UTC day.
/// The generated JSON Schema carries the same rules as a pattern (`RFC3339Timestamp.pattern`).
public enum RFC3339Timestamp {
    /// Parses `text`, or says precisely why it is not an RFC 3339 `date-time`.
    public static func parse(_ text: String) -> Result<RFC3339DateTime, RFC3339Problem> {
        var reader = Reader(bytes: Array(text.utf8))
        do throws(RFC3339Problem) {
            let year = try reader.digits(4)
            try reader.expect(UInt8(ascii: "-"))
            let month = try reader.digits(2)
            try reader.expect(UInt8(ascii: "-"))
            let day = try reader.digits(2)
            try reader.expect(UInt8(ascii: "T"), or: UInt8(ascii: "t"))
            let hour = try reader.digits(2)
            try reader.expect(UInt8(ascii: ":"))
            let minute = try reader.digits(2)
            try reader.expect(UInt8(ascii: ":"))
            let second = try reader.digits(2)
            var fraction = ""
            if reader.next == UInt8(ascii: ".") {
                reader.offset += 1
                let start = reader.offset
                while let byte = reader.next, isDigit(byte) { reader.offset += 1 }
                guard reader.offset > start else { throw .unexpectedCharacter(offset: reader.offset) }
                fraction = String(decoding: reader.bytes[start..<reader.offset], as: UTF8.self)
            }
            let offsetMinutes: Int?
            let utc: Bool
            switch reader.next {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                reader.offset += 1
                offsetMinutes = 0
                utc = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let negative = reader.next == UInt8(ascii: "-")
                reader.offset += 1
                let offsetHour = try reader.digits(2)
                try reader.expect(UInt8(ascii: ":"))
                let offsetMinute = try reader.digits(2)
                guard offsetHour <= 23, offsetMinute <= 59 else { throw .offsetOutOfRange }
                let minutes = offsetHour * 60 + offsetMinute
                utc = minutes == 0
                offsetMinutes = negative ? (minutes == 0 ? nil : -minutes) : minutes
            default:
                throw .unexpectedCharacter(offset: reader.offset)
            }
            guard reader.next == nil else { throw .trailingCharacters(offset: reader.offset) }

            guard (1...12).contains(month) else { throw .monthOutOfRange(month) }
            guard day >= 1, day <= daysIn(month: month, year: year) else {
                throw .dayOutOfRange(day: day, month: month, year: year)
            }
            guard hour <= 23 else { throw .hourOutOfRange(hour) }
            guard minute <= 59 else { throw .minuteOutOfRange(minute) }
            guard second <= 60 else { throw .secondOutOfRange(second) }
            if second == 60, !(hour == 23 && minute == 59 && utc) { throw .leapSecondMisplaced }
            return .success(RFC3339DateTime(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                fractionDigits: fraction, offsetMinutes: offsetMinutes))
        } catch {
            return .failure(error)
        }
    }

    /// Whether `text` is an RFC 3339 `date-time`.
    public static func isValid(_ text: String) -> Bool {
        if case .success = parse(text) { true } else { false }
    }

    /// The same rules as an ECMA-262 regular expression, for the generated JSON Schemas.
    ///
    /// Written with `[0-9]` (Python's `\d` also matches non-ASCII digits) and ended with
    /// `(?![\s\S])` because Python's `re.search`, which `jsonschema` uses, lets `$` match
    /// before a final newline.
    public static let pattern: String = {
        let anyYear = "[0-9]{4}"
        let leapYear = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
        let date = "(?:" + [
            anyYear + "-(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
            anyYear + "-(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
            anyYear + "-02-(?:0[1-9]|1[0-9]|2[0-8])",
            leapYear + "-02-29",
        ].joined(separator: "|") + ")"
        let fraction = "(?:\\.[0-9]+)?"
        let offset = "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
        let ordinary = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]" + fraction + offset
        let leap = "23:59:60" + fraction + "(?:[Zz]|[+-]00:00)"
        return "^" + date + "[Tt](?:" + ordinary + "|" + leap + ")$(?![\\s\\S])"
    }()

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var next: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func digits(_ count: Int) throws(RFC3339Problem) -> Int {
            var value = 0
            for _ in 0..<count {
                guard let byte = next, RFC3339Timestamp.isDigit(byte) else { throw .unexpectedCharacter(offset: offset) }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                offset += 1
            }
            return value
        }

        mutating func expect(_ byte: UInt8, or alternative: UInt8? = nil) throws(RFC3339Problem) {
            guard let found = next, found == byte || found == alternative else { throw .unexpectedCharacter(offset: offset) }
            offset += 1
        }
    }
}
