/// How `webhook-timestamp` is read and how fresh it must be (SPEC §4).
public struct TimestampPolicy: Sendable, Hashable {
    /// Which text goes into the signed content.
    public enum SignedForm: String, Sendable, Hashable, Codable {
        /// The header's text as received (SPEC §3.1).
        case headerText = "header_text"
        /// The value re-printed as whole seconds, as the Python and JS reference libraries do.
        case normalizedSeconds = "normalized_seconds"
    }

    /// Largest distance from `now`, either direction, for a fresh delivery.
    public var toleranceSeconds: Int64
    /// Non-canonical forms accepted anyway.
    public var leniencies: Set<TimestampFeature>
    /// Which text is signed.
    public var signedForm: SignedForm

    public init(toleranceSeconds: Int64 = 300, leniencies: Set<TimestampFeature> = [], signedForm: SignedForm = .headerText) {
        self.toleranceSeconds = toleranceSeconds
        self.leniencies = leniencies
        self.signedForm = signedForm
    }

    /// Canonical decimal seconds only, ±300 s.
    public static let strict = TimestampPolicy()

    /// What the Python reference library accepts: `float()` of the header, floored and re-printed.
    public static let pythonReference = TimestampPolicy(
        leniencies: Set(TimestampFeature.allCases), signedForm: .normalizedSeconds)

    /// Largest canonical timestamp: ten digits (SPEC §4).
    static let maximumDigits = 10

    /// A parsed timestamp: its value and the text that was signed.
    public struct Parsed: Sendable, Hashable {
        /// Whole seconds since the Unix epoch (floored when a fraction was accepted).
        public let seconds: Int64
        /// Microseconds past `seconds` (0 to 999,999) when a fraction was accepted.
        public let microseconds: Int
        /// The text the signature covers under this policy.
        public let signedText: String

        init(seconds: Int64, microseconds: Int = 0, signedText: String) {
            self.seconds = seconds
            self.microseconds = microseconds
            self.signedText = signedText
        }
    }

    /// Reads the header text; rejects what this policy does not accept.
    public func parse(_ text: String) -> Result<Parsed, Rejection> {
        if let seconds = Self.canonicalSeconds(text) {
            return .success(Parsed(seconds: seconds, signedText: text))
        }
        let reading: Self.LenientReading
        switch Self.readLeniently(text) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let value): reading = value
        }
        for feature in TimestampFeature.allCases where reading.features.contains(feature) && !leniencies.contains(feature) {
            return .failure(.timestampNonCanonical(feature))
        }
        let signed = signedForm == .headerText ? text : String(reading.seconds)
        return .success(Parsed(seconds: reading.seconds, microseconds: reading.microseconds, signedText: signed))
    }

    /// Checks a parsed timestamp's freshness: the instant counts, not its floor, so 300.5 s
    /// ahead is past a 300 s tolerance (Python compares datetimes).
    public func checkFreshness(_ parsed: Parsed, now: Int64) -> Rejection? {
        if let rejection = checkFreshness(parsed.seconds, now: now) { return rejection }
        if parsed.microseconds > 0, parsed.seconds.subtractingReportingOverflow(now) == (toleranceSeconds, false) {
            return .timestampFuture(aheadSeconds: toleranceSeconds < .max ? toleranceSeconds + 1 : .max)
        }
        return nil
    }

    /// Checks freshness against `now`; the clock is always the caller's.
    public func checkFreshness(_ seconds: Int64, now: Int64) -> Rejection? {
        let (difference, overflow) = now.subtractingReportingOverflow(seconds)
        if overflow { return seconds > now ? .timestampFuture(aheadSeconds: .max) : .timestampStale(ageSeconds: .max) }
        if difference > toleranceSeconds { return .timestampStale(ageSeconds: difference) }
        // Int64.min has no negation: a delivery that far ahead is reported as Int64.max seconds ahead.
        if difference < -toleranceSeconds { return .timestampFuture(aheadSeconds: difference == .min ? .max : -difference) }
        return nil
    }

    static func canonicalSeconds(_ text: String) -> Int64? {
        text.withContiguousUTF8 { utf8 in
            guard let first = utf8.first, utf8.count <= maximumDigits else { return nil }
            if first == UInt8(ascii: "0") { return utf8.count == 1 ? 0 : nil }
            var value: Int64 = 0
            for byte in utf8 {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
    }

    struct LenientReading {
        var seconds: Int64
        var microseconds = 0
        var features: Set<TimestampFeature>
    }

    // The grammar of Python's float() for finite decimals: optional whitespace and sign, digits
    // with single underscores between them, optional fraction and exponent. nan and inf parse in
    // Python but fail its datetime conversion, so they are malformed here under every policy.
    static func readLeniently(_ text: String) -> Result<LenientReading, Rejection> {
        var features = Set<TimestampFeature>()
        let bytes = Array(text.utf8.prefix(64))
        guard text.utf8.count <= 64 else { return .failure(.timestampMalformed) }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if start > 0 || end < bytes.count { features.insert(.whitespace) }
        var index = start
        var cleaned = [UInt8]()
        if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            features.insert(.sign)
            cleaned.append(bytes[index])
            index += 1
        }
        // Reads digits with optional single underscores between them; returns the digit count.
        func digitRun() -> Int {
            var count = 0
            while index < end {
                if isDigit(bytes[index]) {
                    cleaned.append(bytes[index]); count += 1; index += 1
                } else if bytes[index] == UInt8(ascii: "_"), count > 0, index + 1 < end, isDigit(bytes[index + 1]) {
                    features.insert(.underscores); index += 1
                } else {
                    break
                }
            }
            return count
        }
        let integerStart = cleaned.count
        let integerDigits = digitRun()
        var fractionDigits = 0
        if index < end, bytes[index] == UInt8(ascii: ".") {
            features.insert(.fraction)
            cleaned.append(bytes[index]); index += 1
            fractionDigits = digitRun()
        }
        guard integerDigits + fractionDigits > 0 else { return .failure(.timestampMalformed) }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            features.insert(.exponent)
            cleaned.append(UInt8(ascii: "e")); index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                cleaned.append(bytes[index]); index += 1
            }
            guard (digitRun()) > 0 else { return .failure(.timestampMalformed) }
        }
        guard index == end else { return .failure(.timestampMalformed) }
        if integerDigits > 1, cleaned[integerStart] == UInt8(ascii: "0") { features.insert(.leadingZeros) }
        let significantInteger = cleaned[integerStart..<(integerStart + integerDigits)].drop { $0 == UInt8(ascii: "0") }
        if significantInteger.count > maximumDigits { features.insert(.overlong) }
        guard let value = Double(String(decoding: cleaned, as: UTF8.self)), value.isFinite,
            abs(value) < 1e15
        else { return .failure(.timestampMalformed) }
        // Python's datetime.fromtimestamp rounds to whole microseconds (half to even) first, so
        // 29.9999999 is 30 s: its seconds are what the library signs and compares.
        let whole = value.rounded(.down)
        var seconds = Int64(whole)
        var microseconds = Int(((value - whole) * 1e6).rounded(.toNearestOrEven))
        if microseconds >= 1_000_000 {
            seconds += 1
            microseconds -= 1_000_000
        }
        return .success(LenientReading(seconds: seconds, microseconds: microseconds, features: features))
    }
}
