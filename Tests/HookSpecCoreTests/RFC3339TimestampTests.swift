import HookSpecCore
import Testing

/// The strict RFC 3339 reader (SPEC §5) and its JSON Schema pattern.
@Suite struct RFC3339TimestampTests {
    static let accepted = [
        "2026-01-22T12:00:00Z", "2026-01-22t12:00:00z", "2026-01-22T12:00:00.5+05:30", "2026-01-22T12:00:00.123456789-08:00",
        "2026-01-22T12:00:00-00:00", "2016-12-31T23:59:60Z", "2016-12-31T23:59:60+00:00", "2016-12-31T23:59:60.25Z",
        "2026-01-22T23:59:60Z", "2000-02-29T00:00:00Z", "2004-02-29T00:00:00Z", "0000-02-29T00:00:00Z",
        "2026-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+23:59", "2026-04-30T00:00:00Z",
    ]

    static let refused: [(String, RFC3339Problem)] = [
        ("2026-01-22 12:00:00Z", .unexpectedCharacter(offset: 10)),
        ("2026-01-22T12:00:00", .unexpectedCharacter(offset: 19)),
        ("2026-01-22T12:00Z", .unexpectedCharacter(offset: 16)),
        ("2026-01-22T12:00:00.Z", .unexpectedCharacter(offset: 20)),
        ("2026-01-22T12:00:00,5Z", .unexpectedCharacter(offset: 19)),
        ("2026-01-22T12:00:00+0100", .unexpectedCharacter(offset: 22)),
        ("2026-01-22T12:00:00Z\n", .trailingCharacters(offset: 20)),
        ("2026-01-22T12:00:00ZZ", .trailingCharacters(offset: 20)),
        (" 2026-01-22T12:00:00Z", .unexpectedCharacter(offset: 0)),
        ("２０２６-01-22T12:00:00Z", .unexpectedCharacter(offset: 0)),
        ("2026-13-01T00:00:00Z", .monthOutOfRange(13)),
        ("2026-00-10T00:00:00Z", .monthOutOfRange(0)),
        ("2026-01-00T00:00:00Z", .dayOutOfRange(day: 0, month: 1, year: 2026)),
        ("2026-02-29T00:00:00Z", .dayOutOfRange(day: 29, month: 2, year: 2026)),
        ("2100-02-29T00:00:00Z", .dayOutOfRange(day: 29, month: 2, year: 2100)),
        ("1900-02-29T00:00:00Z", .dayOutOfRange(day: 29, month: 2, year: 1900)),
        ("2026-04-31T00:00:00Z", .dayOutOfRange(day: 31, month: 4, year: 2026)),
        ("2026-01-22T24:00:00Z", .hourOutOfRange(24)),
        ("2026-01-22T12:60:00Z", .minuteOutOfRange(60)),
        ("2026-01-22T12:00:61Z", .secondOutOfRange(61)),
        ("2026-01-22T12:59:60Z", .leapSecondMisplaced),
        ("2016-12-31T18:59:60-05:00", .leapSecondMisplaced),
        ("2026-01-22T12:00:00+24:00", .offsetOutOfRange),
        ("2026-01-22T12:00:00+23:60", .offsetOutOfRange),
        ("", .unexpectedCharacter(offset: 0)),
    ]

    @Test(arguments: accepted)
    func accepts(_ text: String) {
        #expect(RFC3339Timestamp.isValid(text))
    }

    @Test(arguments: refused)
    func refusesWithTheReason(_ text: String, _ problem: RFC3339Problem) {
        #expect(RFC3339Timestamp.parse(text) == .failure(problem))
    }

    @Test func readsTheFields() throws {
        let parsed = try RFC3339Timestamp.parse("2026-01-22T13:04:05.120+01:30").get()
        #expect([parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second] == [2026, 1, 22, 13, 4, 5])
        #expect(parsed.fractionDigits == "120")
        #expect(parsed.offsetMinutes == 90)
        #expect(try RFC3339Timestamp.parse("2026-01-22T13:04:05-00:00").get().offsetMinutes == nil)
    }

    /// The schema's pattern says what the reader says, on the fixed cases and on mutations of them.
    @Test func patternAgreesWithTheReader() throws {
        let regex = try Regex(RFC3339Timestamp.pattern)
        var samples = Self.accepted + Self.refused.map(\.0)
        // Deterministic mutations: every single-character replacement from a small alphabet at every position.
        let alphabet: [Character] = ["0", "1", "2", "3", "5", "6", "9", "T", "t", "Z", "z", " ", ":", "-", "+", ".", "\n"]
        for base in ["2016-12-31T23:59:60Z", "2000-02-29T10:30:00.5+05:30"] {
            let characters = Array(base)
            for position in characters.indices {
                for replacement in alphabet {
                    var mutated = characters
                    mutated[position] = replacement
                    samples.append(String(mutated))
                }
            }
        }
        #expect(samples.count > 500)
        for sample in samples {
            let matches = (try? regex.firstMatch(in: sample)) != nil
            #expect(matches == RFC3339Timestamp.isValid(sample), "\(sample.debugDescription): pattern \(matches), reader \(RFC3339Timestamp.isValid(sample))")
        }
    }
}
