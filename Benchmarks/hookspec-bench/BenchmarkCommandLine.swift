/// The benchmark's small command line: names to run, and measurement settings.
enum BenchmarkCommandLine {
    struct Request {
        var selected: Set<String>
        var settings: BenchmarkSettings
        var showHelp = false
    }

    struct Problem: Error {
        let message: String
    }

    static func usage(_ benchmarks: [any Benchmark]) -> String {
        var lines = ["usage: hookspec-bench [all | NAME ...] [--rounds N] [--round-seconds S] [--warm-up-seconds S] [--profile N]", "benchmarks:"]
        for benchmark in benchmarks { lines.append("  \(benchmark.name): \(benchmark.summary)") }
        lines.append("exit status: 0 all goals met, 1 a goal missed or a benchmark failed, 2 usage")
        return lines.joined(separator: "\n")
    }

    static func parse(_ arguments: [String], known: [String]) -> Result<Request, Problem> {
        var request = Request(selected: [], settings: BenchmarkSettings())
        var index = 0
        func number(after flag: String, range: ClosedRange<Double>) -> Result<Double, Problem> {
            index += 1
            guard index < arguments.count, let value = Double(arguments[index]), range.contains(value) else {
                return .failure(Problem(message: "\(flag) needs a number in \(range)"))
            }
            return .success(value)
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                request.showHelp = true
            case "all":
                request.selected.formUnion(known)
            case "--rounds":
                switch number(after: argument, range: 1...101) {
                case .failure(let problem): return .failure(problem)
                case .success(let value): request.settings.rounds = Int(value)
                }
            case "--round-seconds":
                switch number(after: argument, range: 0.01...60) {
                case .failure(let problem): return .failure(problem)
                case .success(let value): request.settings.roundSeconds = value
                }
            case "--warm-up-seconds":
                switch number(after: argument, range: 0...60) {
                case .failure(let problem): return .failure(problem)
                case .success(let value): request.settings.warmUpSeconds = value
                }
            case "--profile":
                switch number(after: argument, range: 1...100_000_000) {
                case .failure(let problem): return .failure(problem)
                case .success(let value): request.settings.profileIterations = Int(value)
                }
            default:
                guard known.contains(argument) else { return .failure(Problem(message: "unknown benchmark or option: \(argument)")) }
                request.selected.insert(argument)
            }
            index += 1
        }
        if request.selected.isEmpty { request.selected = Set(known) }
        return .success(request)
    }
}
