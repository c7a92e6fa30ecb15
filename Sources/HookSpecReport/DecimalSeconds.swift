/// Seconds as fixed-point text with millisecond precision, valid as `xs:float` and JSON.
package enum DecimalSeconds {
    /// `1.234`; negative, NaN and infinite values become `0.000` so that no writer emits an invalid number.
    package static func text(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0.000" }
        // Bounded so the integer conversion cannot trap; no test runs for 31 years.
        let milliseconds = Int64((min(seconds, 1e9) * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        return String(milliseconds / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
