#if canImport(Glibc)
import Glibc
#endif

/// Times operations in rounds and compares two sides measured in the same run.
enum Measurement {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU seconds this thread has run: time spent descheduled on a loaded machine is not counted.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// One side of a comparison: something that runs a timed round and reports its own rate.
    struct Contender {
        let label: String
        /// One untimed run; a side whose answer is wrong has no meaningful speed.
        let check: () -> Result<Void, BenchmarkFailure>
        /// Warms up for `seconds`, untimed.
        let warmUp: (_ seconds: Double) -> Void
        /// One timed round of at least `seconds`: ops/s, or a failure (a wrong answer while timed).
        let round: (_ seconds: Double) -> Result<Double, BenchmarkFailure>
        /// Runs the operation `count` times untimed (for callgrind); nil for out-of-process sides.
        let profile: ((_ count: Int) -> Void)?

        /// An in-process operation returning whether it gave the expected answer.
        static func local(_ label: String, _ operation: @escaping () -> Bool) -> Contender {
            let batch = BatchSize()
            return Contender(
                label: label,
                check: { operation() ? .success(()) : .failure(BenchmarkFailure("\(label) rejected the benchmark input")) },
                warmUp: { seconds in _ = Measurement.rate(seconds: seconds, batch: batch.value(for: operation), operation) },
                round: { seconds in
                    guard let rate = Measurement.rate(seconds: seconds, batch: batch.value(for: operation), operation) else {
                        return .failure(BenchmarkFailure("\(label) returned false while timed"))
                    }
                    return .success(rate)
                },
                profile: { count in for _ in 0..<count { _ = operation() } })
        }
    }

    /// A batch size measured once per side, on first use.
    final class BatchSize {
        private var measured: Int?
        func value(for operation: () -> Bool) -> Int {
            if let measured { return measured }
            let size = Measurement.batchSize(operation)
            measured = size
            return size
        }
    }

    /// Rates of every round of one side.
    struct Side {
        let label: String
        var roundRates: [Double] = []
        var median: Double {
            let sorted = roundRates.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    /// Runs `operation` in batches for at least `seconds`; returns ops/s, or nil if any call returned false.
    static func rate(seconds: Double, batch: Int, _ operation: () -> Bool) -> Double? {
        var operations = 0
        var allTrue = true
        let start = now()
        var elapsed = 0.0
        repeat {
            for _ in 0..<batch { allTrue = operation() && allTrue }
            operations += batch
            elapsed = now() - start
        } while elapsed < seconds
        return allTrue ? Double(operations) / elapsed : nil
    }

    /// A batch size that takes about a millisecond, so clock reads cost nothing measurable.
    static func batchSize(_ operation: () -> Bool) -> Int {
        var batch = 1
        while batch < 1 << 24 {
            let start = now()
            for _ in 0..<batch { _ = operation() }
            if now() - start > 0.001 { break }
            batch *= 2
        }
        return batch
    }

    /// Measures every contender in alternating rounds (round r of each side runs before round
    /// r + 1 of any, so load drift hits all alike) and prints each side's median rate.
    /// Returns the sides in the order given; in profile mode, runs each local side a fixed
    /// number of times instead and returns nil.
    static func measure(_ contenders: [Contender], settings: BenchmarkSettings) -> Result<[Side]?, BenchmarkFailure> {
        for contender in contenders {
            if case .failure(let failure) = contender.check() { return .failure(failure) }
        }
        if let iterations = settings.profileIterations {
            for contender in contenders {
                guard let profile = contender.profile else { continue }
                let began = threadCPUSeconds()
                profile(iterations)
                let microseconds = (threadCPUSeconds() - began) * 1e6 / Double(iterations)
                print("  profiled \(contender.label): \(iterations) untimed runs, \(format(microseconds, 3)) µs CPU each")
            }
            return .success(nil)
        }
        for contender in contenders { contender.warmUp(settings.warmUpSeconds) }
        var sides = contenders.map { Side(label: $0.label) }
        for _ in 0..<settings.rounds {
            for (index, contender) in contenders.enumerated() {
                switch contender.round(settings.roundSeconds) {
                case .failure(let failure): return .failure(failure)
                case .success(let rate): sides[index].roundRates.append(rate)
                }
            }
        }
        for side in sides {
            let sorted = side.roundRates.sorted()
            print("  \(pad(side.label, 50)) \(pad(format(side.median, 0), 10, right: true)) ops/s  (median of \(side.roundRates.count) rounds, min \(format(sorted.first ?? 0, 0)), max \(format(sorted.last ?? 0, 0)))")
        }
        return .success(sides)
    }

    /// Times `first` and `second` one call at a time, alternating, `calls` times each, and
    /// returns each side's median call in seconds, or nil if a call returned false. A call that
    /// was preempted or lost time to the hypervisor lands in the tail, not at the median, so
    /// this holds still where round rates drift; it suits calls of microseconds, not the
    /// sub-microsecond ones a clock read would distort.
    static func callByCallMedians(_ first: () -> Bool, _ second: () -> Bool, calls: Int) -> (first: Double, second: Double)? {
        precondition(calls > 0, "a median needs at least one call")
        var firstTimes: [Double] = [], secondTimes: [Double] = []
        firstTimes.reserveCapacity(calls)
        secondTimes.reserveCapacity(calls)
        for _ in 0..<calls {
            let start = now()
            let firstAnswer = first()
            let middle = now()
            let secondAnswer = second()
            let end = now()
            guard firstAnswer, secondAnswer else { return nil }
            firstTimes.append(middle - start)
            secondTimes.append(end - middle)
        }
        firstTimes.sort()
        secondTimes.sort()
        return (firstTimes[calls / 2], secondTimes[calls / 2])
    }

    /// Prints `ratio NAME: FIGURE` (the form scripts read) and whether it meets `goal`.
    @discardableResult
    static func grade(_ name: String, _ numerator: Side, over denominator: Side, goal: Double?) -> Bool {
        let ratio = numerator.median / denominator.median
        guard let goal else {
            print("  ratio \(name): \(format(ratio, 3))   (not graded)")
            return true
        }
        let met = ratio >= goal
        print("  ratio \(name): \(format(ratio, 3))   goal >= \(format(goal, 2)): \(met ? "met" : "MISSED")")
        return met
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if decimals == 0 { return String(Int64(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < decimals { text += String(repeating: "0", count: decimals - have) }
        }
        return text
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}

/// Prints what the figures depend on: machine, build and settings.
enum BenchmarkEnvironment {
    static func describe(_ settings: BenchmarkSettings) -> String {
        var lines: [String] = []
        #if DEBUG
        lines.append("WARNING: debug build; figures are meaningless. Use swift build -c release --product hookspec-bench.")
        #endif
        lines.append("hookspec-bench  cpus: \(sysconf(Int32(_SC_NPROCESSORS_ONLN)))  model: \(cpuModel())")
        lines.append("settings: \(settings.rounds) rounds of >= \(settings.roundSeconds) s per side, \(settings.warmUpSeconds) s warm-up, sides alternate each round")
        return lines.joined(separator: "\n")
    }

    private static func cpuModel() -> String {
        guard let file = fopen("/proc/cpuinfo", "r") else { return "unknown" }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        // /proc/cpuinfo has a few hundred lines per CPU; stop at the first model name.
        for _ in 0..<200 {
            guard fgets(&buffer, Int32(buffer.count), file) != nil else { break }
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if line.hasPrefix("model name"), let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingSpaces()
            }
        }
        return "unknown"
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed())
    }
}
