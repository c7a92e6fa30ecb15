#if canImport(Glibc)
import Glibc
#endif
import HookSpecCore
import SeededRandom

/// Issue 2 item 4 and issue 12 item 3: ReplayStore memory per held id and insert throughput.
struct ReplayStoreBenchmark: Benchmark {
    let name = "replay"
    let summary = "ReplayStore: RSS growth per 1,000,000 ids of the form msg_ + 27 base62 characters (goal <= 48 bytes per id); insert rate (goal >= 1 M/s)"

    static let idCount = 1_000_000
    static let goalBytesPerID = 48.0
    static let goalInsertsPerSecond = 1_000_000.0

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        let start: Int64 = 1_763_888_000

        if let count = settings.profileIterations { return Self.profile(count: count, start: start) }
        let bytesPerID: Double
        switch Self.measureMemory(start: start) {
        case .failure(let problem): return .failed(problem.message)
        case .success(let measured): bytesPerID = measured
        }
        let mebibytesPerMillion = bytesPerID * 1_000_000 / (1024 * 1024)
        print("  memory: RSS grew \(Measurement.format(mebibytesPerMillion, 1)) MiB per million ids held (\(Measurement.format(bytesPerID, 1)) bytes per id)")

        // Throughput: ids made beforehand, so only `record` is timed.
        var idGenerator = SplitMix64(seed: 0x1D5_5EED)
        let ids = (0..<Self.idCount).map { _ in Self.makeID(&idGenerator) }
        var rates: [Double] = []
        var steadyRates: [Double] = []
        var duplicateRates: [Double] = []
        let rounds = max(1, min(settings.rounds, 5))
        for _ in 0..<rounds {
            // Filling an empty store: no eviction.
            var filling = ReplayStore(retentionSeconds: 660, capacity: 2 * Self.idCount)
            var began = Measurement.now()
            for id in ids where filling.record(id: id, now: start) != .first { return .failed("an id repeated") }
            rates.append(Double(ids.count) / (Measurement.now() - began))

            // Looking up ids already held: the answer for a retried delivery.
            began = Measurement.now()
            for id in ids where filling.record(id: id, now: start) == .first { return .failed("a held id was not found") }
            duplicateRates.append(Double(ids.count) / (Measurement.now() - began))

            // Steady state: the clock moves 1 s per 1,000 ids, so about 660,000 are held and age eviction runs.
            var steady = ReplayStore(retentionSeconds: 660, capacity: 2 * Self.idCount)
            began = Measurement.now()
            for (index, id) in ids.enumerated() where steady.record(id: id, now: start + Int64(index / 1000)) != .first {
                return .failed("an id repeated")
            }
            steadyRates.append(Double(ids.count) / (Measurement.now() - began))
            guard steady.evictedEarly == 0 else { return .failed("age eviction should have kept the store under capacity") }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        print("  insert into empty store:             \(Measurement.format(median(rates), 0)) ids/s (median of \(rounds))")
        print("  duplicate lookup (held ids):         \(Measurement.format(median(duplicateRates), 0)) ids/s (median of \(rounds))")
        print("  steady state with age eviction:      \(Measurement.format(median(steadyRates), 0)) ids/s (median of \(rounds), ~660k held)")
        let memoryMet = bytesPerID <= Self.goalBytesPerID
        let rateMet = median(rates) >= Self.goalInsertsPerSecond && median(steadyRates) >= Self.goalInsertsPerSecond
        print("  goal: <= \(Measurement.format(Self.goalBytesPerID, 0)) bytes per id: \(memoryMet ? "met" : "MISSED"); >= 1 M inserts/s (empty and steady): \(rateMet ? "met" : "MISSED")")
        return memoryMet && rateMet ? .goalMet : .goalMissed
    }

    /// A fixed workload for callgrind: `count` inserts into an empty store, then `count` into a
    /// store whose clock spans 1,000 s (about two thirds held, age eviction for the rest).
    static func profile(count: Int, start: Int64) -> BenchmarkOutcome {
        var generator = SplitMix64(seed: 0x1D5_5EED)
        let ids = (0..<count).map { _ in makeID(&generator) }
        var filling = ReplayStore(retentionSeconds: 660, capacity: 2 * count)
        var began = Measurement.threadCPUSeconds()
        for id in ids where filling.record(id: id, now: start) != .first { return .failed("an id repeated") }
        print("  profiled insert into empty store: \(count) ids, \(Measurement.format((Measurement.threadCPUSeconds() - began) * 1e9 / Double(count), 1)) ns CPU each")
        var steady = ReplayStore(retentionSeconds: 660, capacity: 2 * count)
        began = Measurement.threadCPUSeconds()
        for (index, id) in ids.enumerated() where steady.record(id: id, now: start + Int64(index * 1000 / count)) != .first {
            return .failed("an id repeated")
        }
        print("  profiled steady state with age eviction: \(count) ids, \(Measurement.format((Measurement.threadCPUSeconds() - began) * 1e9 / Double(count), 1)) ns CPU each")
        return .noGoal
    }

    struct Problem: Error { let message: String }

    /// RSS growth per id while a store holds `idCount` ids. Ids are created one by one inside the
    /// loop, as a receiver creates them from headers, so the only ids alive afterwards are the
    /// store's own; the store is gone when this returns, so it cannot skew later measurements.
    static func measureMemory(start: Int64) -> Result<Double, Problem> {
        var generator = SplitMix64(seed: 0x5EED_1D5)
        returnFreeMemory()
        let before = residentBytes()
        var store = ReplayStore(retentionSeconds: 660, capacity: 2 * idCount)
        for _ in 0..<idCount where store.record(id: makeID(&generator), now: start) != .first {
            return .failure(Problem(message: "a generated id repeated"))
        }
        // Freed blocks (old hash tables, temporary ids) go back to the system first, so the
        // growth counts what the store holds, not what malloc keeps cached.
        returnFreeMemory()
        let after = residentBytes()
        guard store.count == idCount else { return .failure(Problem(message: "store holds \(store.count) ids, expected \(idCount)")) }
        guard before > 0, after > 0 else { return .failure(Problem(message: "/proc/self/statm is unreadable")) }
        return .success(Double(after - before) / Double(idCount))
    }

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `msg_` + 27 base62 characters, the shape of Svix/Standard Webhooks ids.
    static func makeID(_ generator: inout SplitMix64) -> String {
        var bytes = Array("msg_".utf8)
        bytes.reserveCapacity(31)
        for _ in 0..<27 { bytes.append(alphabet[Int(generator.next() % 62)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// glibc's `malloc_trim(0)`, looked up at run time because Swift's Glibc module leaves out
    /// <malloc.h>; a no-op where it does not exist.
    static func returnFreeMemory() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// Resident set size from /proc/self/statm, in bytes (0 where unavailable).
    static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 128)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return 0 }
        let fields = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
