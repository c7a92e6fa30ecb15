import HookSpecCore

/// `webhook-timestamp`: stale, future, boundary and non-canonical values, all validly signed over
/// the header text so that only the timestamp rule can refuse them (SPEC §4).
enum TimestampCases {
    private static let fresh = "A delivery is fresh when |now - timestamp| <= 300 s; anything else is refused, in both directions."
    private static let canonicalRule = "The timestamp is canonical decimal seconds; strict receivers refuse other spellings, lenient ones may read the same value, none answers 5xx."
    private static let malleable = "Strict receivers refuse a non-canonical timestamp; receivers that parse it and sign the number they re-print accept it when the MAC covers that number (malleability: non-strict), never a stale one, never 5xx."
    private static let malformed = "A timestamp that is not a number of seconds is refused with 4xx; a crash (5xx) on it is a critical finding."

    static func signedAt(_ text: String) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        { try $0.valid(timestamp: text) }
    }

    static func signedAt(_ offset: Int64) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        { try $0.valid(timestamp: String($0.now + offset)) }
    }

    /// Under `jwt` the token's `iat` follows the timestamp (CaseContext.signature), so the stale and
    /// future cases apply to tokens too; spellings a token cannot carry, and the 280 s skew ahead
    /// (beyond a token's 60 s `iat` leeway), are Standard Webhooks only.
    static let all: [ProbeCase] = [
        ProbeCase(.ts, 1, "Stale by 301 s, validly signed", rule: fresh, reference: "SPEC §4; \(Reference.verifying)", severity: .high, expect: .reject, draft: signedAt(-301)),
        ProbeCase(.ts, 2, "Stale by one hour, validly signed", rule: fresh, reference: "SPEC §4", severity: .high, expect: .reject, draft: signedAt(-3_600)),
        ProbeCase(.ts, 3, "Stale by two days, validly signed (a captured delivery replayed)", rule: fresh, reference: "SPEC §4", severity: .high, expect: .reject, draft: signedAt(-172_800)),
        // 310, not 301: the receiver reads its clock after the probe signed, so a boundary of one second
        // ahead would be fresh again by the time a busy receiver checks it.
        ProbeCase(.ts, 4, "310 s in the future (10 s past the tolerance), validly signed", rule: fresh, reference: "SPEC §4", severity: .high, expect: .reject, draft: signedAt(310)),
        ProbeCase(.ts, 5, "One hour in the future, validly signed", rule: fresh, reference: "SPEC §4", severity: .high, expect: .reject, draft: signedAt(3_600)),
        ProbeCase(.ts, 6, "280 s old (inside the tolerance, 20 s margin for clock skew)", rule: fresh, reference: "SPEC §4", severity: .medium, expect: .deliver, draft: signedAt(-280)),
        ProbeCase(.ts, 7, "280 s ahead (inside the tolerance, 20 s margin for clock skew)", rule: fresh, reference: "SPEC §4", severity: .medium, expect: .deliver, schemes: .standardWebhooks, draft: signedAt(280)),
        ProbeCase(.ts, 8, "Timestamp 0 (1970), validly signed", rule: fresh, reference: "SPEC §4", severity: .high, expect: .reject, draft: signedAt("0")),
        ProbeCase(.ts, 9, "Timestamp `nan`, signed over that text", rule: malformed, reference: "SPEC §4, §9.4", severity: .critical, expect: .reject, schemes: .standardWebhooks, draft: signedAt("nan")),
        ProbeCase(.ts, 10, "Timestamp `inf`, signed over that text", rule: malformed, reference: "SPEC §4, §9.4", severity: .critical, expect: .reject, schemes: .standardWebhooks, draft: signedAt("inf")),
        ProbeCase(.ts, 11, "Timestamp `-inf`, signed over that text", rule: malformed, reference: "SPEC §4, §9.4", severity: .critical, expect: .reject, schemes: .standardWebhooks, draft: signedAt("-inf")),
        ProbeCase(.ts, 12, "Timestamp `NaN`, signed over that text", rule: malformed, reference: "SPEC §4, §9.4", severity: .critical, expect: .reject, schemes: .standardWebhooks, draft: signedAt("NaN")),
        ProbeCase(.ts, 13, "Timestamp `Infinity`, signed over that text", rule: malformed, reference: "SPEC §4, §9.4", severity: .critical, expect: .reject, schemes: .standardWebhooks, draft: signedAt("Infinity")),
        ProbeCase(.ts, 14, "Current time with a leading zero", rule: canonicalRule, reference: "SPEC §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { try $0.valid(timestamp: "0" + $0.nowText) },
        ProbeCase(.ts, 15, "Current time with a fraction (`.5`)", rule: canonicalRule, reference: "SPEC §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { try $0.valid(timestamp: $0.nowText + ".5") },
        ProbeCase(.ts, 16, "Current time with an exponent (`e0`)", rule: canonicalRule, reference: "SPEC §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { try $0.valid(timestamp: $0.nowText + "e0") },
        ProbeCase(.ts, 17, "Current time with a plus sign", rule: canonicalRule, reference: "SPEC §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { try $0.valid(timestamp: "+" + $0.nowText) },
        ProbeCase(.ts, 18, "Current time with underscores between digits", rule: canonicalRule, reference: "SPEC §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { context in
            let text = context.nowText
            return try context.valid(timestamp: text.prefix(4) + "_" + text.dropFirst(4))
        },
        ProbeCase(.ts, 19, "Current time in hexadecimal (`0x…`), signed over that text", rule: malleable, reference: "SPEC §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { try $0.valid(timestamp: "0x" + String($0.now, radix: 16)) },
        ProbeCase(.ts, 20, "Current time in milliseconds (13 digits)", rule: "Timestamps are seconds; a millisecond value is 50 000 years ahead and refused.", reference: "SPEC §4", severity: .high, expect: .reject, schemes: .standardWebhooks) { try $0.valid(timestamp: String($0.now * 1_000)) },
        ProbeCase(.ts, 21, "Negative timestamp (-1)", rule: malformed, reference: "SPEC §4", severity: .medium, expect: .reject, schemes: .standardWebhooks, draft: signedAt("-1")),
        ProbeCase(.ts, 22, "Eleven digits (99999999999)", rule: "At most 10 digits (SPEC §4); far-future values are refused.", reference: "SPEC §4", severity: .medium, expect: .reject, schemes: .standardWebhooks, draft: signedAt("99999999999")),
        ProbeCase(.ts, 23, "A 400-digit number (overflows 64-bit integers and doubles)", rule: malformed, reference: "SPEC §4", severity: .high, expect: .reject, schemes: .standardWebhooks, draft: signedAt("1" + String(repeating: "0", count: 399))),
        ProbeCase(.ts, 24, "RFC 3339 date text instead of Unix seconds", rule: malformed, reference: "SPEC §4", severity: .medium, expect: .reject, schemes: .standardWebhooks) { try $0.valid(timestamp: $0.eventTime) },
        ProbeCase(.ts, 25, "Non-numeric text (`yesterday`)", rule: malformed, reference: "SPEC §4", severity: .medium, expect: .reject, schemes: .standardWebhooks, draft: signedAt("yesterday")),
    ] + readings

    /// A non-canonical spelling of the current time, made from its canonical text.
    struct Spelling: Sendable {
        let name: String
        let text: @Sendable (String) -> String
    }

    static let trailingJunk = Spelling(name: "`nowabc` (junk after the digits)") { $0 + "abc" }
    static let nineTenths = Spelling(name: "`now.9`") { $0 + ".9" }
    static let leadingZero = Spelling(name: "a leading zero") { "0" + $0 }
    static let half = Spelling(name: "`.5`") { $0 + ".5" }
    static let exponent = Spelling(name: "`e0`") { $0 + "e0" }
    static let plus = Spelling(name: "a plus sign") { "+" + $0 }
    static let underscore = Spelling(name: "an underscore") { $0.prefix(4) + "_" + $0.dropFirst(4) }
    static let hexadecimal = Spelling(name: "hexadecimal (`0x…`)") { text in Int64(text).map { "0x" + String($0, radix: 16) } ?? text }

    /// A case that sends `spelling` of now with the MAC over what `reading` makes of it (or over the
    /// text itself when `reading` is nil) (SPEC §9.4).
    static func reading(_ number: Int, _ spelling: Spelling, signedOver reading: TimestampReading?, expect: AnswerExpectation, severity: ProbeSeverity = .low) -> ProbeCase {
        let over = reading.map { "signed over its \($0.rawValue) reading" } ?? "signed over the text as sent"
        return ProbeCase(.ts, number, "Current time as \(spelling.name), \(over)", rule: malleable, reference: "SPEC §4, §9.4", severity: severity, expect: expect, schemes: .standardWebhooks) { context in
            let text = spelling.text(context.nowText)
            guard let reading else { return try context.valid(timestamp: text) }
            guard let seconds = reading.seconds(text) else { throw CaseBuildError.signingFailed("\(reading.rawValue) does not read \(text)") }
            let draft = try context.valid(timestamp: String(seconds))
            return draft.changing { $0.timestamp = text }
        }
    }

    /// Every non-canonical spelling twice: signed over the text and over each number mainstream parsers read (SPEC §9.4).
    static let readings: [ProbeCase] = [
        reading(26, trailingJunk, signedOver: nil, expect: .rejectPreferred),
        reading(27, nineTenths, signedOver: nil, expect: .rejectPreferred),
        reading(28, leadingZero, signedOver: .integerPart, expect: .rejectPreferred),
        reading(29, half, signedOver: .floatFloor, expect: .rejectPreferred),
        reading(30, exponent, signedOver: .floatFloor, expect: .rejectPreferred),
        reading(31, plus, signedOver: .integerPart, expect: .rejectPreferred),
        reading(32, underscore, signedOver: .integerPart, expect: .rejectPreferred),
        reading(33, underscore, signedOver: .parseIntPrefix, expect: .reject, severity: .high),
        reading(34, hexadecimal, signedOver: .jsNumber, expect: .rejectPreferred),
        reading(35, hexadecimal, signedOver: .parseIntPrefix, expect: .reject, severity: .high),
        reading(36, trailingJunk, signedOver: .parseIntPrefix, expect: .rejectPreferred),
        reading(37, nineTenths, signedOver: .floatFloor, expect: .rejectPreferred),
    ]
}
