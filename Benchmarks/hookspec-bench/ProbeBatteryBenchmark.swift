import Dispatch
import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import NIOPosix

/// Issue 5 item 8: the whole default v1 battery against the in-process reference receiver on
/// loopback (no rate limit on loopback, SPEC §9.8). Goal: under 2 s for the battery.
struct ProbeBatteryBenchmark: Benchmark {
    let name = "probe"
    let summary = "hookspec probe: the whole v1 battery against the in-process reference receiver (wall time, requests/s)"

    static let goalSeconds = 2.0

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
        Task {
            box.set(await Self.measure(rounds: rounds))
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
            let met = median < Self.goalSeconds
            print("  goal: whole battery under \(Measurement.format(Self.goalSeconds, 0)) s: \(met ? "met" : "MISSED")")
            return met ? .goalMet : .goalMissed
        }
    }

    private static func measure(rounds: Int) async -> Result<[RoundSummary], BenchmarkFailure> {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { group.shutdownGracefully { _ in } }
        let secret: WebhookSecret
        let receiver: WebhookReceiver
        let port: Int
        do {
            secret = try WebhookSecret.random()
            receiver = try WebhookReceiver(configuration: ReceiverConfiguration(secrets: [secret]))
            port = try await receiver.start()
        } catch {
            return .failure(BenchmarkFailure("cannot start the reference receiver: \(error)"))
        }
        var measured: [RoundSummary] = []
        do {
            let target = try ProbeTarget(url: "http://127.0.0.1:\(port)/hook")
            let transport = try NIOProbeTransport(target: target, group: group)
            let runner = ProbeRunner(transport: transport, keys: .v1(HMACRunKeys(secret: secret)))
            let configuration = ProbeConfiguration(targetDescription: target.description, toolVersion: "bench")
            for index in 0...rounds {
                let result = await runner.run(configuration)
                let problems = result.results.filter { $0.grade.verdict == .fail || $0.grade.verdict == .error }
                    .map { "\($0.probeCase.id): \($0.grade.reason)" }
                let round = RoundSummary(
                    seconds: result.durationSeconds, requests: result.requestsSent,
                    cases: result.results.count { $0.grade.verdict != .skipped }, problems: problems)
                if index > 0 { measured.append(round) }  // the first run warms up
            }
        } catch {
            await receiver.stop()
            return .failure(BenchmarkFailure("cannot set up the probe: \(error)"))
        }
        await receiver.stop()
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
