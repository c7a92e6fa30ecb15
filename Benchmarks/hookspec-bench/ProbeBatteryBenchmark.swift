import Dispatch
import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import NIOPosix

/// The whole battery of one scheme against the in-process reference receiver on loopback (no
/// rate limit on loopback, SPEC §9.8), started through `ProbeSession` exactly as `hookspec probe`
/// starts it. Goals: the v1 battery under 2 s; the v1a and jwt batteries under 1 s each.
struct ProbeBatteryBenchmark: Benchmark {
    let scheme: ProbeScheme
    let goalSeconds: Double

    var name: String { scheme == .v1 ? "probe" : "probe-\(scheme.rawValue)" }
    var summary: String { "hookspec probe --scheme \(scheme.rawValue): the whole battery against the in-process reference receiver (wall time, requests/s)" }

    /// One battery run's figures.
    struct RoundSummary: Sendable {
        let seconds: Double
        let requests: Int
        let cases: Int
        let problems: [String]
    }

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        // The probe is async (SwiftNIO); the benchmark protocol is not. The main thread waits on a
        // semaphore while the work runs on the cooperative pool and the event loops.
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let rounds = max(1, min(settings.rounds, 7))
        let scheme = self.scheme
        Task {
            box.set(await Self.measure(scheme: scheme, rounds: rounds))
            semaphore.signal()
        }
        semaphore.wait()
        guard let outcome = box.value else { return .failed("no result") }
        switch outcome {
        case .failure(let why):
            return .failed(why.description)
        case .success(let measured):
            if let bad = measured.first(where: { !$0.problems.isEmpty }) {
                return .failed("the reference receiver got FAIL or ERROR verdicts: \(bad.problems.prefix(5).joined(separator: "; "))")
            }
            let times = measured.map(\.seconds).sorted()
            let median = times[times.count / 2]
            let requests = measured[0].requests
            print("  battery: \(measured[0].cases) cases, \(requests) requests per run, \(measured.count) timed runs after 1 warm-up")
            print("  wall time: median \(Measurement.format(median * 1_000, 1)) ms, best \(Measurement.format(times[0] * 1_000, 1)) ms, worst \(Measurement.format(times[times.count - 1] * 1_000, 1)) ms")
            print("  throughput: \(Measurement.format(Double(requests) / median, 0)) requests/s (median run)")
            let met = median < goalSeconds
            print("  goal: whole battery under \(Measurement.format(goalSeconds, 0)) s: \(met ? "met" : "MISSED")")
            return met ? .goalMet : .goalMissed
        }
    }

    private static func measure(scheme: ProbeScheme, rounds: Int) async -> Result<[RoundSummary], BenchmarkFailure> {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { group.shutdownGracefully { _ in } }
        // Keys once: RSA generation is not what is measured.
        let keys: ProbeKeys
        do { keys = try ProbeKeys.generate(scheme) } catch { return .failure(BenchmarkFailure("keys: \(error)")) }
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        let options = ProbeSessionOptions(
            scheme: .fixed(scheme), keys: [scheme: keys],
            reports: ProbeReportPaths(junit: reports + "/probe.xml", json: reports + "/probe.json", markdown: reports + "/probe.md"),
            toolVersion: "bench")
        var measured: [RoundSummary] = []
        for index in 0...rounds {
            let outcome = await ProbeSession(options: options, launcher: ReferenceReceiverLauncher(), group: group).run()
            guard let result = outcome.result else { return .failure(BenchmarkFailure(outcome.setupFailure ?? "no result")) }
            let problems = result.results.filter { $0.grade.verdict == .fail || $0.grade.verdict == .error }
                .map { "\($0.probeCase.id): \($0.grade.reason)" }
            // The battery's own wall time: setup (receiver, JWKS host) and report writing are not in it.
            let round = RoundSummary(
                seconds: result.durationSeconds, requests: result.requestsSent,
                cases: result.results.count { $0.grade.verdict != .skipped }, problems: problems)
            if index > 0 { measured.append(round) }  // the first run warms up
        }
        return .success(measured)
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Hands the async result to the waiting main thread.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<[ProbeBatteryBenchmark.RoundSummary], BenchmarkFailure>?
    var value: Result<[ProbeBatteryBenchmark.RoundSummary], BenchmarkFailure>? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func set(_ value: Result<[ProbeBatteryBenchmark.RoundSummary], BenchmarkFailure>) {
        lock.lock()
        stored = value
        lock.unlock()
    }
}
