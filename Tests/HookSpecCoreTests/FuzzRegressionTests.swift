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
}
