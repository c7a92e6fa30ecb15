import Foundation
import HookSpecCore
import NIOConcurrencyHelpers
import Testing

@testable import HookSpecProbe

/// SPEC §10: an observation hook turns "answered 2xx" into "processed once"; without one, replay
/// verdicts say that only the answers were seen.
@Suite("Observation hook")
struct ObservationHookTests {
    /// A verifying fake receiver that processes every accepted delivery, duplicates included (no
    /// replay protection), and writes each processed id to `log` before it answers.
    static func processingWithoutReplayProtection(log: URL) -> ScriptedTransport {
        let honest = verifyingTransport(secret: testSecret)
        let lock = NIOLock()
        return ScriptedTransport { request in
            let answer = honest.answer(request)
            if case .response(let response) = answer, response.status == 200,
                let id = receivedHeaders(request).fields.first(where: { $0.name.lowercased() == "webhook-id" })?.value {
                lock.withLock {
                    if let handle = try? FileHandle(forWritingTo: log) {
                        handle.seekToEndOfFile()
                        handle.write(Data((id + "\n").utf8))
                        try? handle.close()
                    }
                }
            }
            return answer
        }
    }

    static func temporaryLog() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-processed-\(UUID().uuidString).log")
        try Data().write(to: url)
        return url
    }

    @Test func theCommandHookCatchesAReceiverThatProcessesADuplicateAgain() async throws {
        let log = try Self.temporaryLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let observer = CommandDeliveryObserver(command: "cat '\(log.path)'", settleSeconds: 0)
        let runner = ProbeRunner(transport: Self.processingWithoutReplayProtection(log: log), keys: .v1(HMACRunKeys(secret: testSecret)), observer: observer)
        let result = await runner.run(ProbeConfiguration(targetDescription: "fake", selection: CaseSelection(only: ["replay"]), toolVersion: "test"))
        #expect(result.processingObserved)
        let exact = try #require(result.results.first { $0.probeCase.id == "replay/1" })
        #expect(exact.grade.verdict == .fail && exact.grade.reason.contains("processed 2 times"), "\(exact.grade.reason)")
        #expect(result.results.first { $0.probeCase.id == "replay/3" }?.grade.reason.contains("processed 3 times") == true)
    }

    @Test func withoutAHookReplayVerdictsSayOnlyTheAnswersWereSeen() async throws {
        let log = try Self.temporaryLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let runner = ProbeRunner(transport: Self.processingWithoutReplayProtection(log: log), keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "fake", selection: CaseSelection(only: ["replay"]), toolVersion: "test"))
        #expect(!result.processingObserved)
        for replay in result.results where replay.probeCase.requiresSingleProcessing && replay.grade.verdict == .pass {
            #expect(replay.grade.reason.contains("processing was not observed"), "\(replay.probeCase.id): \(replay.grade.reason)")
        }
        let report = ProbeReportBuilder(keys: .v1(HMACRunKeys(secret: testSecret))).report(result)
        #expect(report.properties.contains { $0.name == "replay.processing" && $0.value.contains("not observed") })
    }

    @Test func theCommandIsBoundedAndItsFailuresAreNamed() async throws {
        #expect(ProcessedIDList.count(of: "msg_1", in: Array("msg_1\r\n msg_2\nmsg_1 \nmsg_10\n".utf8)) == 2)
        await #expect(throws: ObservationHookError.failed(status: 3)) { try await CommandDeliveryObserver(command: "exit 3").run() }
        await #expect(throws: ObservationHookError.timedOut(seconds: 0.2)) {
            // Far longer than any stall of the polling task: a command that ended by itself first would pass.
            try await CommandDeliveryObserver(command: "sleep 900", timeoutSeconds: 0.2).run()
        }
        // A hook that gives no answer leaves the count unknown rather than guessing.
        #expect(await CommandDeliveryObserver(command: "exit 1", settleSeconds: 0).timesProcessed(webhookID: "msg_1") == nil)
    }
}
