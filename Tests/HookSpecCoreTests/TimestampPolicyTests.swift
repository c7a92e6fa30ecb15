@testable import HookSpecCore  // for the memberwise inits of Parsed and VerifiedDelivery
import Testing

/// TimestampPolicy: canonical syntax, every named leniency, the signed form, freshness (SPEC §4).
@Suite("TimestampPolicy")
struct TimestampPolicyTests {
    @Test("Canonical values parse under strict and sign their own text", arguments: [
        ("0", Int64(0)), ("1", 1), ("9", 9), ("10", 10), ("1614265330", 1_614_265_330), ("9999999999", 9_999_999_999),
    ])
    func canonical(_ text: String, _ seconds: Int64) {
        #expect(TimestampPolicy.strict.parse(text) == .success(.init(seconds: seconds, signedText: text)))
        #expect(TimestampPolicy.pythonReference.parse(text) == .success(.init(seconds: seconds, signedText: text)))
    }

    /// Each non-canonical form, the feature strict names for it, and Python's `float()` reading, floored.
    static let nonCanonical: [(text: String, feature: TimestampFeature, seconds: Int64)] = [
        ("01614265330", .leadingZeros, 1_614_265_330),
        ("00", .leadingZeros, 0),
        ("+1614265330", .sign, 1_614_265_330),
        ("-1", .sign, -1),
        ("-0", .sign, 0),
        (" 1614265330", .whitespace, 1_614_265_330),
        ("1614265330 ", .whitespace, 1_614_265_330),
        ("\t1614265330\r\n", .whitespace, 1_614_265_330),
        ("1614265330.5", .fraction, 1_614_265_330),
        ("1614265330.", .fraction, 1_614_265_330),
        (".5", .fraction, 0),
        ("-1.5", .sign, -2),                       // floor, as Python's math.floor
        ("1614265330.9999999", .fraction, 1_614_265_331),   // nearest double is ...331.0, as in Python
        ("1e9", .exponent, 1_000_000_000),
        ("1E9", .exponent, 1_000_000_000),
        ("16142653300e-1", .exponent, 1_614_265_330),
        ("1_614_265_330", .underscores, 1_614_265_330),
        ("10000000000", .overlong, 10_000_000_000),
        ("99999999999999", .overlong, 99_999_999_999_999),
    ]

    @Test("Strict names the first non-canonical feature; the matching leniency accepts it")
    func nonCanonicalForms() {
        for (text, feature, seconds) in Self.nonCanonical {
            #expect(TimestampPolicy.strict.parse(text) == .failure(.timestampNonCanonical(feature)), "\(text.debugDescription)")
            let python = TimestampPolicy.pythonReference.parse(text)
            #expect(python.map(\.seconds) == .success(seconds), "\(text.debugDescription)")
            #expect(python.map(\.signedText) == .success(String(seconds)), "\(text.debugDescription)")
            // With every leniency but the signed form kept as the header text, the text itself is signed.
            let lenientHeaderText = TimestampPolicy(leniencies: Set(TimestampFeature.allCases))
            #expect(lenientHeaderText.parse(text).map(\.signedText) == .success(text), "\(text.debugDescription)")
            #expect(lenientHeaderText.parse(text).map(\.seconds) == .success(seconds), "\(text.debugDescription)")
        }
    }

    @Test("A single leniency accepts only its own feature")
    func singleLeniency() {
        let zeros = TimestampPolicy(leniencies: [.leadingZeros])
        #expect(zeros.parse("0017") == .success(.init(seconds: 17, signedText: "0017")))
        #expect(zeros.parse("+17") == .failure(.timestampNonCanonical(.sign)))
        #expect(zeros.parse("017.5") == .failure(.timestampNonCanonical(.fraction)))
        // Two features need two leniencies.
        let sign = TimestampPolicy(leniencies: [.sign])
        #expect(sign.parse("+017") == .failure(.timestampNonCanonical(.leadingZeros)))
        let both = TimestampPolicy(leniencies: [.sign, .leadingZeros])
        #expect(both.parse("+017") == .success(.init(seconds: 17, signedText: "+017")))
        let normalized = TimestampPolicy(leniencies: [.sign, .leadingZeros], signedForm: .normalizedSeconds)
        #expect(normalized.parse("+017") == .success(.init(seconds: 17, signedText: "17")))
    }

    @Test("Values no policy reads are malformed", arguments: [
        "", " ", "abc", "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1__0", "_1", "1_", "1_.5", "1e", "1e+", "e5",
        "1.5.5", "--1", "+-1", "1 0", "1,0", "١٢٣", "1e15", "1000000000000000", "9".padding(65),
    ])
    func malformed(_ text: String) {
        #expect(TimestampPolicy.strict.parse(text) == .failure(.timestampMalformed), "\(text.debugDescription)")
        #expect(TimestampPolicy.pythonReference.parse(text) == .failure(.timestampMalformed), "\(text.debugDescription)")
    }

    @Test("Freshness: ±300 s inclusive in both directions; 301 is stale or future")
    func boundaries() {
        let policy = TimestampPolicy.strict
        let now: Int64 = 1_700_000_000
        #expect(policy.checkFreshness(now, now: now) == nil)
        #expect(policy.checkFreshness(now - 300, now: now) == nil)
        #expect(policy.checkFreshness(now + 300, now: now) == nil)
        #expect(policy.checkFreshness(now - 301, now: now) == .timestampStale(ageSeconds: 301))
        #expect(policy.checkFreshness(now + 301, now: now) == .timestampFuture(aheadSeconds: 301))
        #expect(policy.checkFreshness(0, now: now) == .timestampStale(ageSeconds: now))
        let wide = TimestampPolicy(toleranceSeconds: 3600)
        #expect(wide.checkFreshness(now - 3600, now: now) == nil)
        #expect(wide.checkFreshness(now - 3601, now: now) == .timestampStale(ageSeconds: 3601))
    }

    @Test("Freshness never overflows, whatever the clock and the timestamp")
    func overflow() {
        let policy = TimestampPolicy.strict
        #expect(policy.checkFreshness(-1, now: .max) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(1, now: .min) == .timestampFuture(aheadSeconds: .max))
        #expect(policy.checkFreshness(.max, now: .min) == .timestampFuture(aheadSeconds: .max))
        #expect(policy.checkFreshness(.min, now: .max) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(.max, now: .max) == nil)
        // Largest lenient value (just under 1e15) against a clock at zero.
        let python = TimestampPolicy.pythonReference
        guard case .success(let parsed) = python.parse("-999999999999999") else {
            Issue.record("-999999999999999 should parse under the Python policy")
            return
        }
        #expect(policy.checkFreshness(parsed.seconds, now: .max) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(parsed.seconds, now: 0) == .timestampStale(ageSeconds: 999_999_999_999_999))
    }

    @Test("Seeded random text never crashes; canonical success means the text is the decimal of the value")
    func randomText() {
        let seed = TestSeed.base(0x7135)
        var random = SeededGenerator(seed: seed)
        let alphabet = Array("0123456789+-._eE \t\nxinaf".utf8) + [0xC2, 0xA0]
        for iteration in 0..<5_000 {
            let text = String(decoding: (0..<random.int(in: 0...20)).map { _ in random.pick(alphabet) }, as: UTF8.self)
            if case .success(let parsed) = TimestampPolicy.strict.parse(text) {
                #expect(String(parsed.seconds) == text && parsed.signedText == text, "seed \(seed) iteration \(iteration)")
            }
            if case .success(let parsed) = TimestampPolicy.pythonReference.parse(text) {
                #expect(parsed.signedText == String(parsed.seconds), "seed \(seed) iteration \(iteration)")
            }
        }
    }
}

extension String {
    /// This string repeated until it is `count` characters long (a long header value).
    func padding(_ count: Int) -> String { String(repeating: self, count: count) }
}

/// Where the Python policy and CPython's `float()` still differ (found while writing these tests).
@Suite("TimestampPolicy: known divergences from CPython")
struct TimestampPythonDivergenceTests {
    /// CPython 3.11: float("\xa01614265330") == float("1614265330\x85") == 1614265330.0. A Python
    /// receiver decodes header bytes as Latin-1 (WSGI), so bytes 0xA0 and 0x85 next to the digits
    /// reach float() as NBSP and NEL, which it strips. The core strips ASCII whitespace only.
    @Test("NBSP and NEL around the value are whitespace to Python's float()")
    func unicodeWhitespace() {
        withKnownIssue("core strips only ASCII whitespace; CPython also strips U+00A0 and U+0085") {
            for text in ["\u{A0}1614265330", "1614265330\u{85}"] {
                #expect(TimestampPolicy.pythonReference.parse(text).map(\.seconds) == .success(1_614_265_330), "\(text.debugDescription)")
            }
        }
        // Strict is unaffected either way: these are never canonical.
        #expect(TimestampPolicy.strict.parse("\u{A0}1614265330") == .failure(.timestampMalformed))
    }

    /// Found by the diff-python fuzz target, the same class as above: CPython's float() also
    /// strips every other Unicode White_Space character (U+2000, U+3000...) and reads any Unicode
    /// decimal digit (float("١٦١٤٢٦٥٣٣٠") == 1614265330.0). A WSGI receiver sees Latin-1 text,
    /// where none of these can occur, so the core keeps to ASCII; Fuzz/README.md lists the class.
    @Test("Unicode whitespace and decimal digits are read by Python's float()")
    func unicodeDigitsAndSpaces() {
        withKnownIssue("core reads ASCII digits and ASCII whitespace only") {
            for text in ["\u{2000}1614265330", "1614265330\u{3000}", "١٦١٤٢٦٥٣٣٠", "１６１４２６５３３０"] {
                #expect(TimestampPolicy.pythonReference.parse(text).map(\.seconds) == .success(1_614_265_330), "\(text.debugDescription)")
            }
        }
    }
}
