import HookSpecCore
import Testing

@testable import HookSpecProbe

@Suite("Grader: every verdict of SPEC §9.2")
struct GraderTests {
    let grader = ProbeGrader(strict: false, leakDetector: LeakDetector(secret: testSecret))
    let strictGrader = ProbeGrader(strict: true, leakDetector: LeakDetector(secret: testSecret))

    func probeCase(_ id: String) -> ProbeCase {
        ProbeCatalog.cases(for: .v1).first { $0.id == id }!
    }

    func exchange(_ status: Int, latency: Double = 0.01, body: String = "", mac: [UInt8] = []) -> ProbeExchange {
        ProbeExchange(
            prepared: PreparedRequest(request: ProbeRequest(headers: [], body: []), webhookID: "msg_1", confidential: [mac]),
            answer: .response(ProbeResponse(status: status, headers: [], body: Array(body.utf8), latencySeconds: latency)))
    }

    func failure(_ failure: TransportFailure) -> ProbeExchange {
        ProbeExchange(prepared: PreparedRequest(request: ProbeRequest(headers: [], body: []), webhookID: "msg_1", confidential: []), answer: .transportFailure(failure))
    }

    @Test func passOnPreferredAnswers() {
        #expect(grader.grade(probeCase("baseline/1"), exchanges: [exchange(200)], baselineHeld: true).verdict == .pass)
        #expect(grader.grade(probeCase("baseline/1"), exchanges: [exchange(204)], baselineHeld: true).verdict == .pass)
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(401)], baselineHeld: true).verdict == .pass)
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(403)], baselineHeld: true).verdict == .pass)
    }

    @Test func failOnWrongAnswers() {
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(200)], baselineHeld: true).verdict == .fail, "forgery accepted")
        #expect(grader.grade(probeCase("ts/9"), exchanges: [exchange(500)], baselineHeld: true).verdict == .fail, "5xx on nan")
        #expect(grader.grade(probeCase("baseline/1"), exchanges: [exchange(401)], baselineHeld: true).verdict == .fail)
        #expect(grader.grade(probeCase("baseline/1"), exchanges: [exchange(308)], baselineHeld: true).verdict == .fail, "redirect")
        #expect(grader.grade(probeCase("rot/9"), exchanges: [exchange(500)], baselineHeld: true).verdict == .fail, "5xx where either answer is fine")
        #expect(grader.grade(probeCase("env/17"), exchanges: [exchange(503)], baselineHeld: true).verdict == .fail, "5xx even on an observed case")
    }

    @Test func nonStrictOnAcceptedButNotPreferredAndFailUnderStrict() {
        let lenient = grader.grade(probeCase("sig/15"), exchanges: [exchange(200)], baselineHeld: true)
        #expect(lenient.verdict == .nonStrict)
        #expect(strictGrader.grade(probeCase("sig/15"), exchanges: [exchange(200)], baselineHeld: true).verdict == .fail)
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(422)], baselineHeld: true).verdict == .wrongCode, "a 4xx other than 400/401/403")
        #expect(grader.grade(probeCase("sig/15"), exchanges: [exchange(400)], baselineHeld: true).verdict == .pass)
    }

    @Test func answerTimeWarnsPastTwoAndFailsPastTenSeconds() {
        #expect(grader.grade(probeCase("resp/1"), exchanges: [exchange(200, latency: 1.9)], baselineHeld: true).verdict == .pass)
        #expect(grader.grade(probeCase("resp/1"), exchanges: [exchange(200, latency: 2.5)], baselineHeld: true).verdict == .nonStrict)
        #expect(strictGrader.grade(probeCase("resp/1"), exchanges: [exchange(200, latency: 2.5)], baselineHeld: true).verdict == .fail)
        #expect(grader.grade(probeCase("resp/1"), exchanges: [exchange(200, latency: 10.5)], baselineHeld: true).verdict == .fail)
    }

    @Test func latencyLimitsAreTheCallersToSet() {
        let patient = ProbeGrader(strict: false, leakDetector: LeakDetector(secret: testSecret), latency: LatencyLimits(warnSeconds: 5, failSeconds: 30))
        #expect(patient.grade(probeCase("resp/1"), exchanges: [exchange(200, latency: 4.9)], baselineHeld: true).verdict == .pass)
        #expect(patient.grade(probeCase("resp/1"), exchanges: [exchange(200, latency: 10.5)], baselineHeld: true).verdict == .nonStrict)
        #expect(patient.grade(probeCase("resp/1"), exchanges: [exchange(200, latency: 30.5)], baselineHeld: true).verdict == .fail)
    }

    @Test func infoOnObservedCases() {
        #expect(grader.grade(probeCase("hdr/16"), exchanges: [exchange(400)], baselineHeld: true).verdict == .info)
        #expect(grader.grade(probeCase("resp/7"), exchanges: [exchange(405)], baselineHeld: true).verdict == .info)
    }

    @Test func inconclusiveWhenTheBaselineFailed() {
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(401)], baselineHeld: false).verdict == .inconclusive)
        #expect(grader.grade(probeCase("hdr/8"), exchanges: [exchange(401)], baselineHeld: false).verdict == .inconclusive)
        // What does not depend on the baseline stays graded: accepting a forgery, a 5xx.
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(200)], baselineHeld: false).verdict == .fail)
        #expect(grader.grade(probeCase("ts/9"), exchanges: [exchange(500)], baselineHeld: false).verdict == .fail)
        #expect(grader.grade(probeCase("baseline/1"), exchanges: [exchange(401)], baselineHeld: false).verdict == .fail)
        // A replay whose first delivery was refused proves nothing.
        #expect(grader.grade(probeCase("replay/1"), exchanges: [exchange(401), exchange(401)], baselineHeld: true).verdict == .inconclusive)
    }

    @Test func errorOnTransportFailures() {
        #expect(grader.grade(probeCase("sig/1"), exchanges: [failure(.connectionRefused)], baselineHeld: true).verdict == .error)
        #expect(grader.grade(probeCase("baseline/1"), exchanges: [failure(.timedOut(afterSeconds: 1))], baselineHeld: true).verdict == .error)
        #expect(grader.grade(probeCase("replay/1"), exchanges: [exchange(200), failure(.connectionReset)], baselineHeld: true).verdict == .error)
        #expect(grader.grade(probeCase("sig/1"), exchanges: [], baselineHeld: true).verdict == .error)
    }

    @Test func replayGradesTheDuplicateAndTheProcessingCount() {
        #expect(grader.grade(probeCase("replay/1"), exchanges: [exchange(200), exchange(200)], baselineHeld: true, observations: CaseObservations(timesProcessed: 1)).verdict == .pass)
        #expect(grader.grade(probeCase("replay/1"), exchanges: [exchange(200), exchange(409)], baselineHeld: true).verdict == .fail)
        #expect(grader.grade(probeCase("replay/1"), exchanges: [exchange(200), exchange(200)], baselineHeld: true, observations: CaseObservations(timesProcessed: 2)).verdict == .fail)
    }

    @Test func leaksFailWhateverTheStatus() {
        let mac = StandardWebhookSigner.mac(secret: testSecret, id: "msg_1", timestamp: "1", body: [])
        let base64 = Base64Codec.encode(Array(mac))
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(401, body: "expected v1,\(base64)", mac: Array(mac))], baselineHeld: true).verdict == .fail)
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(401, body: "hex \(DeliveryCraft.hex(Array(mac)).uppercased())", mac: Array(mac))], baselineHeld: true).verdict == .fail)
        let secretText = testSecret.exportedText()
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(401, body: "bad key \(secretText)")], baselineHeld: true).verdict == .fail)
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(400, body: "Traceback (most recent call last):\n  File \"/app.py\", line 3")], baselineHeld: true).verdict == .fail)
        #expect(grader.grade(probeCase("sig/1"), exchanges: [exchange(401, body: "{\"error\":\"signature_mismatch\"}", mac: Array(mac))], baselineHeld: true).verdict == .pass)
        // Reports never carry the leaked text.
        let redacted = String(decoding: LeakDetector(secret: testSecret).redacted(Array("x \(secretText) v1,\(base64)".utf8), confidential: [Array(mac)]), as: UTF8.self)
        #expect(!redacted.contains(String(secretText.dropFirst(6).prefix(20))) && !redacted.contains(String(base64.prefix(20))))
        #expect(!redacted.contains(String(secretText.suffix(16))) && !redacted.contains(String(base64.suffix(16))), "no tail of a recognised value is left")
    }

    @Test func skippedWhenExcluded() async {
        let runner = ProbeRunner(transport: verifyingTransport(secret: testSecret), keys: .v1(HMACRunKeys(secret: testSecret)))
        let result = await runner.run(ProbeConfiguration(targetDescription: "fake", selection: CaseSelection(only: ["sig/1"]), toolVersion: "test"))
        #expect(result.results.first { $0.probeCase.id == "sig/2" }?.grade.verdict == .skipped)
        #expect(result.results.first { $0.probeCase.id == "body/23" }?.grade.verdict == .skipped)
        #expect(result.results.first { $0.probeCase.id == "sig/1" }?.grade.verdict == .pass)
        #expect(result.results.first { $0.probeCase.id == "baseline/1" }?.grade.verdict == .pass)
    }
}
