import Dispatch
import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import HookSpecServer
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SeededRandom

/// The reference receiver (`v1`) under hostile load (issue 10, item 5): 10,000 requests, half the
/// probe's own v1 case requests and half random mutations of them, from 8 concurrent clients,
/// while slowloris clients hold connections open (dripping one header byte every 2 s, dripping
/// the body, or sending nothing). Pass marks: no 5xx, every slow connection ended by the
/// receiver's head or body deadline, resident memory growth under 10 MB.
struct ReceiverLoadBenchmark: Benchmark {
    var name: String { "receiver-load" }
    var summary: String { "10,000 hostile requests from 8 clients at the reference receiver with slowloris connections open (requests/s, 5xx, deadline closures, RSS)" }

    static let requestCount = 10_000
    static let clients = 8
    static let dripInterval: TimeAmount = .seconds(2)
    /// Shorter than the receiver's defaults (10 s head, 30 s body) so every slow connection is
    /// cut at least once in a run of a few seconds; the mechanism is the same.
    static let headDeadlineSeconds = 5.0
    static let bodyDeadlineSeconds = 5.0
    static let slowClients: [(SlowClient.Kind, Int)] = [(.headDrip, 12), (.bodyDrip, 6), (.silent, 6)]
    static let rssGoalBytes = 10 << 20

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        let box = NIOLockedValueBox<Result<LoadFigures, BenchmarkFailure>?>(nil)
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            let result = await Self.measure()
            box.withLockedValue { $0 = result }
            semaphore.signal()
        }
        semaphore.wait()
        switch box.withLockedValue({ $0 }) {
        case nil: return .failed("no result")
        case .failure(let why): return .failed(why.description)
        case .success(let figures): return figures.print()
        }
    }

    /// What one run measured.
    struct LoadFigures {
        var seconds = 0.0
        var statusClasses: [Int: Int] = [:]
        var failures: [String: Int] = [:]
        var slow: [SlowClient.Kind: SlowTally] = [:]
        var headDeadlineClosures = 0
        var bodyDeadlineClosures = 0
        var discardClosures = 0
        var peakOpen = 0
        var openAfter = 0
        var rssBefore = 0
        var rssAfter = 0
        var poolSize = 0

        func print() -> BenchmarkOutcome {
            let sent = statusClasses.values.reduce(0, +) + failures.values.reduce(0, +)
            Swift.print("  requests: \(sent) (\(poolSize) distinct v1 case requests, the rest mutated), \(ReceiverLoadBenchmark.clients) clients, \(Measurement.format(seconds, 2)) s")
            Swift.print("  throughput: \(Measurement.format(Double(sent) / seconds, 0)) requests/s")
            let classes = statusClasses.keys.sorted().map { "\($0)xx \(statusClasses[$0] ?? 0)" }.joined(separator: ", ")
            Swift.print("  answers: \(classes); 5xx: \(statusClasses[5] ?? 0)")
            let failed = failures.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            Swift.print("  no answer: \(failures.values.reduce(0, +))\(failed.isEmpty ? "" : " (\(failed))")")
            for (kind, _) in ReceiverLoadBenchmark.slowClients {
                let tally = slow[kind] ?? SlowTally()
                Swift.print("  slow \(kind.rawValue): \(tally.connections) connections, \(tally.closedByReceiver) closed by the receiver, longest \(Measurement.format(tally.longestSeconds, 1)) s, \(tally.bytesSent) bytes dripped")
            }
            Swift.print("  receiver closures: head deadline \(headDeadlineClosures), body deadline \(bodyDeadlineClosures), discard limit \(discardClosures) (deadlines \(Measurement.format(ReceiverLoadBenchmark.headDeadlineSeconds, 0)) s head, \(Measurement.format(ReceiverLoadBenchmark.bodyDeadlineSeconds, 0)) s body)")
            Swift.print("  connections: peak open \(peakOpen), open after the run \(openAfter)")
            let growth = rssAfter - rssBefore
            Swift.print("  RSS: before \(Measurement.format(Double(rssBefore) / 1_048_576, 1)) MiB, after \(Measurement.format(Double(rssAfter) / 1_048_576, 1)) MiB, growth \(Measurement.format(Double(growth) / 1_048_576, 1)) MiB")

            var problems: [String] = []
            if (statusClasses[5] ?? 0) > 0 { problems.append("\(statusClasses[5] ?? 0) answers were 5xx") }
            let slowTotal = slow.values.reduce(0) { $0 + $1.connections }
            let slowClosed = slow.values.reduce(0) { $0 + $1.closedByReceiver }
            let slowOpenAtEnd = slow.values.reduce(0) { $0 + $1.openAtEnd }
            if slowClosed == 0 || slowClosed < slowTotal - slowOpenAtEnd {
                problems.append("slow connections were not all ended by the receiver")
            }
            if headDeadlineClosures == 0 || bodyDeadlineClosures == 0 { problems.append("a deadline never fired") }
            if !problems.isEmpty { return .failed(problems.joined(separator: "; ")) }
            let met = growth < ReceiverLoadBenchmark.rssGoalBytes
            Swift.print("  goal: no 5xx, slow connections cut by the deadlines, RSS growth under 10 MB: \(met ? "met" : "MISSED")")
            return met ? .goalMet : .goalMissed
        }
    }

    /// One kind of slow client's connections.
    struct SlowTally: Sendable {
        var connections = 0
        var closedByReceiver = 0
        var openAtEnd = 0
        var longestSeconds = 0.0
        var bytesSent = 0
    }

    private static func measure() async -> Result<LoadFigures, BenchmarkFailure> {
        let secret: WebhookSecret
        do { secret = try WebhookSecret.random() } catch { return .failure(BenchmarkFailure("secret: \(error)")) }
        let receiver: WebhookReceiver
        let port: Int
        do {
            receiver = try WebhookReceiver(configuration: ReceiverConfiguration(
                secrets: [secret], headDeadlineSeconds: headDeadlineSeconds, bodyDeadlineSeconds: bodyDeadlineSeconds))
            port = try await receiver.start()
        } catch {
            return .failure(BenchmarkFailure("receiver: \(error)"))
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { group.shutdownGracefully { _ in } }
        let transport: NIOProbeTransport
        do {
            transport = try NIOProbeTransport(
                target: try ProbeTarget(url: "http://127.0.0.1:\(port)/hook"),
                configuration: TransportConfiguration(connectTimeoutSeconds: 10, totalTimeoutSeconds: 30), group: group)
        } catch {
            await receiver.stop()
            return .failure(BenchmarkFailure("transport: \(error)"))
        }
        let pool = casePool(secret: secret)
        guard !pool.isEmpty else { return .failure(BenchmarkFailure("no v1 case request could be built")) }

        var figures = LoadFigures()
        figures.poolSize = pool.count
        // Warm up (allocator pools, the receiver's first connections), then take the baseline RSS.
        for request in pool.prefix(200) { _ = await transport.send(request) }
        figures.rssBefore = residentBytes()

        let slowRun = SlowClientRun(group: group, port: port)
        slowRun.start(slowClients)
        let start = ContinuousClock.now
        let tallies = await withTaskGroup(of: ClientTally.self) { tasks in
            for client in 0..<clients {
                tasks.addTask {
                    var tally = ClientTally()
                    var generator = SplitMix64(seed: 0xB0_57 &+ UInt64(client))
                    for index in stride(from: client, to: requestCount, by: clients) {
                        let base = pool[index / 2 % pool.count]
                        let request = index % 2 == 0 ? base : RequestMutator.mutate(base, using: &generator)
                        tally.record(await transport.send(request))
                    }
                    return tally
                }
            }
            var all: [ClientTally] = []
            for await tally in tasks { all.append(tally) }
            return all
        }
        figures.seconds = seconds(since: start)
        for tally in tallies {
            figures.statusClasses.merge(tally.statusClasses, uniquingKeysWith: +)
            figures.failures.merge(tally.failures, uniquingKeysWith: +)
        }
        // Keep the slow clients on until each kind was cut at least once by its deadline.
        let minimumSlowSeconds = 2 * max(headDeadlineSeconds, bodyDeadlineSeconds) + 2
        let remaining = minimumSlowSeconds - seconds(since: start)
        if remaining > 0 { try? await Task.sleep(for: .seconds(remaining)) }
        figures.slow = await slowRun.stop()

        let connections = receiver.connections
        figures.headDeadlineClosures = connections.closures(.headDeadline)
        figures.bodyDeadlineClosures = connections.closures(.bodyDeadline)
        figures.discardClosures = connections.closures(.discardLimit)
        figures.peakOpen = connections.peakOpenCount
        try? await Task.sleep(for: .milliseconds(500))
        figures.openAfter = connections.openCount
        figures.rssAfter = residentBytes()
        await receiver.stop()
        return .success(figures)
    }

    /// Every v1 case's requests as the probe would send them (large bodies left out, as by default).
    private static func casePool(secret: WebhookSecret) -> [ProbeRequest] {
        let keys = ProbeKeys.v1(HMACRunKeys(secret: secret))
        let now = Int64(Date().timeIntervalSince1970.rounded(.down))
        let selection = CaseSelection()
        var pool: [ProbeRequest] = []
        for probeCase in ProbeCatalog.all where probeCase.schemes.contains(.v1) && selection.exclusionReason(for: probeCase) == nil {
            let context = CaseContext(keys: keys, now: now, runToken: "load", caseID: probeCase.id)
            guard let requests = try? probeCase.build(context) else { continue }
            pool.append(contentsOf: requests.map(\.request))
        }
        return pool
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// VmRSS of this process in bytes, 0 where /proc is missing.
    private static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(whereSeparator: \.isNewline) where line.hasPrefix("VmRSS:") {
            let kibibytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kibibytes * 1024
        }
        return 0
    }
}

/// One load client's counts.
private struct ClientTally: Sendable {
    var statusClasses: [Int: Int] = [:]
    var failures: [String: Int] = [:]

    mutating func record(_ answer: ProbeAnswer) {
        switch answer {
        case .response(let response):
            statusClasses[response.status / 100, default: 0] += 1
        case .transportFailure(let failure):
            failures[Self.kind(failure), default: 0] += 1
        }
    }

    private static func kind(_ failure: TransportFailure) -> String {
        switch failure {
        case .connectionRefused: "refused"
        case .timedOut: "timed out"
        case .connectionReset: "reset"
        case .tlsFailure: "TLS"
        case .malformedResponse: "closed or malformed"
        case .nameResolution: "name resolution"
        case .other: "other"
        case .budgetExhausted: "budget"
        case .responseHeadTooLarge: "head too large"
        case .tooManyInformationalResponses: "1xx flood"
        }
    }
}
