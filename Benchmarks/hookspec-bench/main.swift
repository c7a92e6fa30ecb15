// hookspec-bench: speed of the core against system OpenSSL, measured in one run (issue 2, item 12).
// Build and run with: swift build -c release --product hookspec-bench && .build/release/hookspec-bench [name ...]
#if canImport(Glibc)
import Glibc
#endif

// A peer subprocess that exits early must not kill the benchmark through a write to its pipe.
signal(SIGPIPE, SIG_IGN)

/// Every benchmark, in the order `all` runs them. A new benchmark is one line here.
let benchmarks: [any Benchmark] = [
    V1Benchmark(),
    V1aBenchmark(),
    ReplayStoreBenchmark(),
    RS256Benchmark(),
    ProbeBatteryBenchmark(scheme: .v1, goalSeconds: 2),
    ProbeBatteryBenchmark(scheme: .v1a, goalSeconds: 1),
    ProbeBatteryBenchmark(scheme: .jwt, goalSeconds: 1),
    ReceiverLoadBenchmark(),
]

switch BenchmarkCommandLine.parse(Array(CommandLine.arguments.dropFirst()), known: benchmarks.map(\.name)) {
case .failure(let problem):
    print(problem.message)
    print(BenchmarkCommandLine.usage(benchmarks))
    exit(2)
case .success(let request):
    if request.showHelp {
        print(BenchmarkCommandLine.usage(benchmarks))
        exit(0)
    }
    print(BenchmarkEnvironment.describe(request.settings))
    var missed: [String] = []
    for benchmark in benchmarks where request.selected.contains(benchmark.name) {
        print("")
        print("== \(benchmark.name): \(benchmark.summary)")
        switch benchmark.run(settings: request.settings) {
        case .goalMet, .noGoal: break
        case .goalMissed: missed.append(benchmark.name)
        case .failed(let why):
            print("FAILED: \(why)")
            missed.append(benchmark.name)
        }
    }
    print("")
    print(missed.isEmpty ? "all goals met" : "goals missed or failed: \(missed.joined(separator: ", "))")
    exit(missed.isEmpty ? 0 : 1)
}
