import HookSpecCore
import HookSpecReceiver
import NIOPosix
import Testing

@testable import HookSpecProbe

/// SPEC §9.5: `--scheme auto` sends the baseline in every scheme and probes with the one accepted.
@Suite("--scheme auto names the scheme of each embedded receiver", .serialized)
struct SchemeDetectionTests {
    @Test(arguments: ProbeScheme.allCases)
    func autoFindsTheEmbeddedReceiversScheme(_ scheme: ProbeScheme) async throws {
        let options = ProbeSessionOptions(
            scheme: .auto, embeddedScheme: scheme, keys: testRunKeys, selection: CaseSelection(only: ["baseline"]),
            transport: patientTransport, latency: patientLatency, reports: temporaryReportPaths("auto-\(scheme.rawValue)"), toolVersion: "test")
        let outcome = try await runSession(options, launcher: patientLauncher())
        let detection = try #require(outcome.detection)
        #expect(detection.chosen == scheme, "\(detection.conclusion)")
        #expect(detection.attempts.count == 3)
        #expect(outcome.result?.scheme == scheme && outcome.exitCode == 0)
        #expect(outcome.report?.properties.contains { $0.name == "scheme.detection" } == true)
        // Only the documented JWT accepted: the report says that live dynamic deliveries are v1a.
        #expect(detection.conclusion.contains("seen signed as Standard Webhooks v1a") == (scheme == .jwt))
    }

    @Test func noSchemeAcceptedIsSaidWithWhatEachGotBack() {
        let refused = ProbeAnswer.response(ProbeResponse(status: 401, headers: [], body: [], latencySeconds: 0.001))
        let detection = SchemeDetection.conclude([(.v1, refused), (.v1a, refused), (.jwt, .transportFailure(.connectionRefused))])
        #expect(detection.chosen == nil)
        #expect(detection.conclusion.contains("no scheme's valid baseline was accepted"))
        #expect(detection.conclusion.contains("v1 → HTTP 401") && detection.conclusion.contains("jwt → no answer"))
    }
}
