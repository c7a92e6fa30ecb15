/// One benchmark that `main.swift` can run by name.
protocol Benchmark {
    /// The command-line name (`v1`, `v1a`, `replay`, ...).
    var name: String { get }
    /// One line saying what is compared with what.
    var summary: String { get }
    /// Runs the benchmark, prints its figures, and says whether its goal was met.
    func run(settings: BenchmarkSettings) -> BenchmarkOutcome
}

/// How a benchmark ended.
enum BenchmarkOutcome {
    case goalMet
    case goalMissed
    /// A benchmark with figures but no pass mark (memory).
    case noGoal
    /// The measured operation gave a wrong answer, so its speed means nothing.
    case failed(String)
}

/// How long to measure.
struct BenchmarkSettings {
    /// Timed rounds per side; the median round is reported.
    var rounds = 7
    /// Minimum duration of one round, in seconds.
    var roundSeconds = 0.4
    /// Untimed warm-up per side, in seconds.
    var warmUpSeconds = 0.3
    /// When set, each side runs this many times untimed and nothing is graded: a fixed
    /// workload for `valgrind --tool=callgrind`, whose instruction counts repeat exactly.
    var profileIterations: Int?
}
