/// How long a receiver may take to answer a delivery before the probe calls it slow (SPEC §6):
/// past `warnSeconds` NON-STRICT, past `failSeconds` FAIL.
public struct LatencyLimits: Sendable, Equatable {
    /// Past this, a 2xx is NON-STRICT.
    public let warnSeconds: Double
    /// Past this, a 2xx is FAIL.
    public let failSeconds: Double

    /// SPEC §6's figures: a warning after 2 s, a failure after 10 s.
    public static let specified = LatencyLimits(warnSeconds: 2, failSeconds: 10)

    /// Limits; `precondition`: 0 < warn ≤ fail, both finite (the command line validates them first).
    public init(warnSeconds: Double, failSeconds: Double) {
        precondition(warnSeconds.isFinite && failSeconds.isFinite && warnSeconds > 0 && warnSeconds <= failSeconds, "latency limits must satisfy 0 < warn <= fail")
        self.warnSeconds = warnSeconds
        self.failSeconds = failSeconds
    }
}
