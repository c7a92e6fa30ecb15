import HookSpecCore
import HookSpecReceiver
import NIOPosix
import Testing

@testable import HookSpecProbe

/// SPEC §10 end to end: the reference receiver probed by URL, its processing log read by a real
/// command (`curl` on its processing-log path, which answers once processing is idle).
@Suite("Replay cases observed through a command", .serialized)
struct ObservedReplayProbeTests {
    static func probe(mutant: ReceiverMutant?, observe: Bool) async throws -> ProbeRunResult {
        let secret = try WebhookSecret.random()
        let receiver = try WebhookReceiver(configuration: ReceiverConfiguration(processingLogPath: "/processed", secrets: [secret], mutant: mutant))
        let port = try await receiver.start()
        let observer: (any DeliveryObserver)? = observe
            ? CommandDeliveryObserver(command: "curl -sS --max-time 100 http://127.0.0.1:\(port)/processed", settleSeconds: 0, timeoutSeconds: 120) : nil
        let options = ProbeSessionOptions(
            url: "http://127.0.0.1:\(port)/hook", scheme: .fixed(.v1), secret: secret, selection: CaseSelection(only: ["replay"]),
            transport: patientTransport, latency: patientLatency, observer: observer, reports: temporaryReportPaths("observed-replay"), toolVersion: "test")
        let outcome: ProbeSessionOutcome
        do {
            outcome = try await runSession(options)
        } catch {
            await receiver.stop()
            throw error
        }
        await receiver.stop()
        return try #require(outcome.result)
    }

    @Test func theNoReplayMutantFailsAReplayCaseWhenProcessingIsObserved() async throws {
        let result = try await Self.probe(mutant: .noReplayProtection, observe: true)
        #expect(result.processingObserved)
        let failed = Set(result.ids(.fail))
        #expect(!failed.isDisjoint(with: ["replay/1", "replay/2", "replay/3"]), "FAILs: \(failed.sorted())")
        #expect(result.results.first { $0.probeCase.id == "replay/1" }?.grade.reason.contains("processed 2 times") == true)
    }

    @Test func theReferenceIsObservedProcessingOnce() async throws {
        let result = try await Self.probe(mutant: nil, observe: true)
        #expect(result.ids(.fail).isEmpty, "\(result.explain(.fail))")
        #expect(result.results.first { $0.probeCase.id == "replay/1" }?.grade.reason.contains("processed 1 time (observed)") == true)
    }

    @Test func withoutTheHookTheNoReplayMutantIsNotCalledReplayProtected() async throws {
        let result = try await Self.probe(mutant: .noReplayProtection, observe: false)
        #expect(!result.processingObserved)
        for id in ["replay/1", "replay/2", "replay/3"] {
            let reason = result.results.first { $0.probeCase.id == id }?.grade.reason ?? ""
            #expect(reason.contains("processing was not observed"), "\(id): \(reason)")
        }
    }
}
