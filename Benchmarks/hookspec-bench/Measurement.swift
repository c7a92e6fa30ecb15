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

    /// Operations per second of each round of one side.
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

    /// Measures `core` and `baseline` in alternating rounds (so load drift hits both alike),
    /// prints ops/s of each and the ratio core/baseline, and grades it against `goal`.
    static func compare(
        core: (label: String, operation: () -> Bool),
        baseline: (label: String, operation: () -> Bool),
        goal: Double,
        settings: BenchmarkSettings,
        alsoMeasured references: [(label: String, operation: () -> Bool)] = []
    ) -> BenchmarkOutcome {
        guard core.operation() else { return .failed("\(core.label) rejected the benchmark input") }
        guard baseline.operation() else { return .failed("\(baseline.label) rejected the benchmark input") }
        for reference in references where !reference.operation() {
            return .failed("\(reference.label) rejected the benchmark input")
        }
        _ = rate(seconds: settings.warmUpSeconds, batch: batchSize(core.operation), core.operation)
        _ = rate(seconds: settings.warmUpSeconds, batch: batchSize(baseline.operation), baseline.operation)
        let coreBatch = batchSize(core.operation), baselineBatch = batchSize(baseline.operation)
        var coreSide = Side(label: core.label), baselineSide = Side(label: baseline.label)
        for _ in 0..<settings.rounds {
            guard let c = rate(seconds: settings.roundSeconds, batch: coreBatch, core.operation) else {
                return .failed("\(core.label) returned false while timed")
            }
            guard let b = rate(seconds: settings.roundSeconds, batch: baselineBatch, baseline.operation) else {
                return .failed("\(baseline.label) returned false while timed")
            }
            coreSide.roundRates.append(c)
            baselineSide.roundRates.append(b)
        }
        let ratio = coreSide.median / baselineSide.median
        for side in [coreSide, baselineSide] {
            let sorted = side.roundRates.sorted()
            print("  \(pad(side.label, 44)) \(pad(format(side.median, 0), 10, right: true)) ops/s  (median of \(side.roundRates.count) rounds, min \(format(sorted.first ?? 0, 0)), max \(format(sorted.last ?? 0, 0)))")
        }
        let met = ratio >= goal
        print("  ratio core/OpenSSL: \(format(ratio, 3))   goal >= \(format(goal, 2)): \(met ? "met" : "MISSED")")
        // Other ways of doing the baseline's work, measured after the graded pair; not graded.
        for reference in references {
            var side = Side(label: reference.label)
            let batch = batchSize(reference.operation)
            _ = rate(seconds: settings.warmUpSeconds, batch: batch, reference.operation)
            for _ in 0..<settings.rounds {
                guard let r = rate(seconds: settings.roundSeconds, batch: batch, reference.operation) else {
                    return .failed("\(reference.label) returned false while timed")
                }
                side.roundRates.append(r)
            }
            print("  (not graded) \(pad(side.label, 44)) \(pad(format(side.median, 0), 10, right: true)) ops/s; core/this: \(format(coreSide.median / side.median, 3))")
        }
        return met ? .goalMet : .goalMissed
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
