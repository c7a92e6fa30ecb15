import HookSpecCore
import Testing

/// One test per fault the libFuzzer targets found (Fuzz/README.md); the input that found it is
/// also kept under Fuzz/regressions/<target>/ and replayed by `Fuzz/run replay`.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// Fuzz/regressions/timestamp/freshness-now-int64-min: `now` = Int64.min, timestamp 0. The
    /// difference is Int64.min, whose negation trapped.
    @Test("freshness at the ends of Int64 reports a distance instead of trapping")
    func freshnessAtInt64Extremes() {
        let policy = TimestampPolicy.strict
        #expect(policy.checkFreshness(0, now: .min) == .timestampFuture(aheadSeconds: .max))
        #expect(policy.checkFreshness(.max, now: .min) == .timestampFuture(aheadSeconds: .max))
        #expect(policy.checkFreshness(.min, now: .max) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(-1, now: .max) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(.min, now: 0) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(1, now: .min + 1) == .timestampFuture(aheadSeconds: .max))
    }

    /// Fuzz/regressions/envelope/type-with-newline: a `type` holding a newline (JSON `\n`) was
    /// printed as is, so the one-line result of a report became two lines.
    @Test("an envelope result stays on one line whatever its type holds")
    func envelopeDescriptionOneLine() throws {
        let validator = EnvelopeValidator(catalog: try EventCatalog.bundled())
        for body in [#"{"type":"batch.e:00:00Z\n","data":{"id":"batches/abc140"}}"#,
                     #"{"type":"batch.succeeded","version":"v1\r\ninjected","data":{"id":"b"}}"#,
                     #"{"type":"\u0000\u001b[31m\u0085","data":{"id":"b"}}"#] {
            let text = validator.validate(body: Array(body.utf8)).description
            #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(text.debugDescription)")
        }
    }
}
