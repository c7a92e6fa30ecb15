import HookSpecCore
import NIOConcurrencyHelpers
import Testing

@testable import HookSpecProbe

/// SPEC §9.3: the baseline is sent again after the battery; a receiver that refuses it changed
/// during the run, and its refusals after the change are INCONCLUSIVE.
@Suite("Closing baseline")
struct ClosingBaselineTests {
    /// A correct receiver that locks the sender out (401 to everything) after `limit` requests.
    static func lockingOut(after limit: Int) -> ScriptedTransport {
        let honest = verifyingTransport(secret: testSecret)
        let count = NIOLockedValueBox(0)
        return ScriptedTransport { request in
            let seen = count.withLockedValue { value -> Int in
                value += 1
                return value
            }
            if seen > limit { return .response(ProbeResponse(status: 401, headers: [], body: [], latencySeconds: 0.001)) }
            return honest.answer(request)
        }
    }

    @Test func aSteadyReceiverHoldsTheClosingBaseline() async {
        let runner = ProbeRunner(transport: verifyingTransport(secret: testSecret), keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "fake", selection: CaseSelection(only: ["sig", "ts"]), toolVersion: "test"))
        #expect(result.closingBaseline?.held == true && result.closingBaseline?.reassessed == 0)
    }

    @Test func aReceiverThatLocksOutMidRunMakesLaterRefusalsInconclusive() async throws {
        // 3 baseline deliveries, then sig/1..sig/25 (refusals), then ts/1..: lock out after 20 requests.
        let runner = ProbeRunner(transport: Self.lockingOut(after: 20), keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "fake", selection: CaseSelection(only: ["sig", "ts"]), toolVersion: "test"))
        #expect(result.baselineHeld)
        let closing = try #require(result.closingBaseline)
        #expect(!closing.held)
        // The last valid delivery accepted before the lockout is the last baseline case.
        #expect(closing.lastAcceptedCase == "baseline/3")
        // Refusals before that point stand; those after it prove nothing.
        #expect(result.results.first { $0.probeCase.id == "baseline/1" }?.grade.verdict == .pass)
        #expect(result.results.first { $0.probeCase.id == "sig/1" }?.grade.verdict == .inconclusive)
        #expect(result.results.first { $0.probeCase.id == "ts/1" }?.grade.verdict == .inconclusive)
        // A valid delivery refused after the lockout is no finding either.
        #expect(result.results.first { $0.probeCase.id == "ts/6" }?.grade.verdict == .inconclusive)
        #expect(closing.reassessed == result.count(.inconclusive))
        #expect(closing.summary.contains("changed during the run"))
        let report = ProbeReportBuilder(keys: .v1(HMACRunKeys(secret: testSecret))).report(result)
        #expect(report.properties.contains { $0.name == "baseline.closing" && $0.value.contains("changed during the run") })
    }
}
