import Foundation
import HookSpecCore
import NIOCore
import NIOPosix
import NIOSSL
import Testing

@testable import HookSpecProbe

/// The probe against targets that misbehave on purpose (issue 10 item 4, SPEC §9.8), each run
/// through `ProbeSession` as the command line starts it.
///
/// Every run must: grade its cases ERROR (FAIL where a rule says so, as for a 3xx), end within the
/// bound the run promises, keep at most the transport's documented amount of each answer, and
/// write its reports. The bound is structural: a target that completes no answer gets at most
/// `consecutiveFailureLimit` (3) requests, each ended by the transport's own total timer, so the
/// run costs at most 3 × `--timeout`; the tests assert the request count and which limit or
/// timer ended each exchange, and use wall time only as a hang guard.
@Suite("Probe against hostile targets", .serialized)
struct HostileTargetTests {
    /// Short for targets that never finish (the timer must fire); long for targets that answer at
    /// once (so a busy machine cannot turn an answer into a timeout).
    static let firingTimeout = TransportConfiguration(connectTimeoutSeconds: 0.75, totalTimeoutSeconds: 1)
    static let answeringTimeout = TransportConfiguration(connectTimeoutSeconds: 30, totalTimeoutSeconds: 60)
    static let hangGuard: Duration = .seconds(300)

    struct Run {
        let outcome: ProbeSessionOutcome
        let result: ProbeRunResult
        let paths: ProbeReportPaths
        let connections: Int

        /// The answer of every request sent, in order.
        var answers: [ProbeAnswer] { result.results.flatMap { $0.exchanges.map(\.answer) } }
        var graded: [CaseResult] { result.results.filter { $0.grade.verdict != .skipped } }
    }

    /// Probes a `HostileServer` with `behaviour`; `https` puts an https URL in front of it (with
    /// `tls` the server speaks TLS, without it it never does).
    func probe(
        _ behaviour: HostileBehaviour, transport: TransportConfiguration, selection: CaseSelection = .init(),
        https: Bool = false, tls: NIOSSLContext? = nil, trust: CertificateTrust = .system
    ) async throws -> Run {
        var run: Run?
        try await withLoopbackGroup { group in
            let server = try await HostileServer.start(group: group, behaviour: behaviour, tls: tls)
            var configuration = transport
            configuration.trust = trust
            let paths = temporaryReportPaths("hostile")
            let options = ProbeSessionOptions(
                url: "\(https ? "https" : "http")://127.0.0.1:\(server.port)/hook", scheme: .fixed(.v1), secret: testSecret,
                selection: selection, transport: configuration, reports: paths, toolVersion: "test")
            let clock = ContinuousClock()
            var outcome: ProbeSessionOutcome?
            let elapsed = await clock.measure {
                outcome = await ProbeSession(options: options, launcher: nil, group: group).run()
            }
            let connections = server.connections
            await server.stop()
            #expect(elapsed < Self.hangGuard, "hang guard: took \(elapsed)")
            let finished = try #require(outcome)
            let result = try #require(finished.result, "\(finished.setupFailure ?? "no result")")
            run = Run(outcome: finished, result: result, paths: paths, connections: connections)
        }
        let finished = try #require(run)
        for path in [finished.paths.junit, finished.paths.json, finished.paths.markdown] {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size > 0, "report \(path) missing or empty")
        }
        #expect(finished.outcome.reportFailures.isEmpty)
        return finished
    }

    /// A target that completes no answer: three requests, each ended by `failure`, the rest ERROR unsent.
    private func expectUnreachable(_ run: Run, failure: TransportFailure) {
        #expect(!run.graded.isEmpty && run.graded.allSatisfy { $0.grade.verdict == .error }, "\(run.result.explain(.pass))")
        #expect(run.result.requestsSent == 3, "a target that never answers gets consecutiveFailureLimit requests")
        #expect(run.answers == Array(repeating: .transportFailure(failure), count: 3), "\(run.answers)")
        #expect(run.outcome.exitCode == 2)
    }

    private var totalTimerFired: TransportFailure { .timedOut(afterSeconds: Self.firingTimeout.totalTimeoutSeconds) }
    private var headLimit: TransportFailure {
        .responseHeadTooLarge(
            maximumBytes: Self.answeringTimeout.maximumResponseHeadBytes, maximumFields: Self.answeringTimeout.maximumResponseHeaderFields)
    }

    @Test func acceptsAndNeverAnswers() async throws {
        expectUnreachable(try await probe(.silent, transport: Self.firingTimeout), failure: totalTimerFired)
    }

    @Test func sendsHeadersThenStalls() async throws {
        expectUnreachable(try await probe(.headThenStall, transport: Self.firingTimeout), failure: totalTimerFired)
    }

    @Test func dripsOneByteASecond() async throws {
        expectUnreachable(try await probe(.drip(interval: .seconds(1)), transport: Self.firingTimeout), failure: totalTimerFired)
    }

    @Test func endlessChunkedBody() async throws {
        let run = try await probe(.endlessChunkedBody(chunkBytes: 16 * 1024, interval: .milliseconds(20)), transport: Self.firingTimeout)
        expectUnreachable(run, failure: totalTimerFired)
    }

    @Test func hundredMegabyteBody() async throws {
        let run = try await probe(
            .hugeBody(bytes: 100 * 1024 * 1024), transport: Self.answeringTimeout, selection: CaseSelection(only: ["baseline/1"]))
        let responses = run.answers.compactMap { answer -> ProbeResponse? in
            if case .response(let response) = answer { return response }
            return nil
        }
        #expect(!responses.isEmpty && responses.count == run.answers.count, "\(run.answers.map(ProbeReportBuilder.answerSummary))")
        for response in responses {
            // The whole body was read (the answer is complete) but only the documented cap was kept.
            #expect(response.status == 200)
            #expect(response.body.count == Self.answeringTimeout.maximumResponseBodyBytes)
            #expect(response.bodyTruncated)
        }
        #expect(run.graded.allSatisfy { $0.grade.verdict != .error }, "a complete 2xx is an answer, graded by its rule")
    }

    @Test func oneMegabyteHeaderLine() async throws {
        let run = try await probe(.longHeaderLine(bytes: 1024 * 1024), transport: Self.answeringTimeout)
        expectUnreachable(run, failure: headLimit)
    }

    @Test func tenThousandHeaders() async throws {
        let run = try await probe(.manyHeaders(count: 10_000), transport: Self.answeringTimeout)
        expectUnreachable(run, failure: headLimit)
    }

    @Test func invalidHTTP() async throws {
        let run = try await probe(.invalidHTTP, transport: Self.answeringTimeout)
        expectMalformed(run)
    }

    @Test func nonHTTPBanner() async throws {
        let run = try await probe(.foreignBanner, transport: Self.answeringTimeout)
        expectMalformed(run)
    }

    private func expectMalformed(_ run: Run) {
        expectFailures(run, named: "a malformed-response failure") { if case .malformedResponse = $0 { true } else { false } }
    }

    /// Every case ERROR, three requests sent, each ended by a failure of the kind `matches` accepts.
    func expectFailures(_ run: Run, named kind: String, where matches: (TransportFailure) -> Bool) {
        #expect(run.graded.allSatisfy { $0.grade.verdict == .error })
        #expect(run.result.requestsSent == 3)
        #expect(run.answers.count == 3)
        for answer in run.answers {
            guard case .transportFailure(let failure) = answer, matches(failure) else {
                Issue.record("expected \(kind), got \(answer)")
                continue
            }
        }
    }

    @Test func resetsMidAnswer() async throws {
        let run = try await probe(.resetMidAnswer, transport: Self.answeringTimeout)
        expectUnreachable(run, failure: .connectionReset)
    }

    @Test func floodsHundredContinue() async throws {
        let run = try await probe(.continueFlood(count: 10_000), transport: Self.answeringTimeout)
        expectUnreachable(run, failure: .tooManyInformationalResponses(limit: Self.answeringTimeout.maximumInformationalResponses))
    }

    @Test func redirectsInALoop() async throws {
        let run = try await probe(
            .redirectLoop(path: "/hook"), transport: Self.answeringTimeout, selection: CaseSelection(only: ["baseline/1", "ts/1", "sig/1"]))
        // Every case is answered (a 302 is an answer) and FAIL by SPEC §6; nothing is followed:
        // the target saw exactly one connection per request the run counted.
        #expect(!run.graded.isEmpty && run.graded.allSatisfy { $0.grade.verdict == .fail }, "\(run.result.explain(.error))")
        #expect(run.connections == run.result.requestsSent)
        #expect(run.answers.allSatisfy { if case .response(let response) = $0 { response.status == 302 } else { false } })
        #expect(run.outcome.exitCode == 1)
    }
}

/// HTTPS targets whose certificate must not be trusted, and one that never finishes its handshake.
@Suite("Probe against hostile HTTPS targets", .serialized, .enabled(if: SelfSignedCertificate.available, "skipped: /usr/bin/openssl is needed to make test certificates"))
struct HostileTLSTargetTests {
    private let suite = HostileTargetTests()

    private func probe(
        _ leaf: TestCertificateAuthority.Leaf?, authority: TestCertificateAuthority, selection: CaseSelection = .init()
    ) async throws -> HostileTargetTests.Run {
        let context: NIOSSLContext
        if let leaf {
            context = try authority.serverContext(leaf)
        } else {
            let selfSigned = try await SelfSignedCertificate.make()
            defer { selfSigned.remove() }
            context = try selfSigned.serverContext()
        }
        return try await suite.probe(
            .accept, transport: HostileTargetTests.answeringTimeout, selection: selection, https: true, tls: context,
            trust: .systemAnd(caFile: authority.certificatePath))
    }

    private func expectTLSFailures(_ run: HostileTargetTests.Run) {
        suite.expectFailures(run, named: "a TLS failure") { if case .tlsFailure = $0 { true } else { false } }
    }

    @Test func certificateVariants() async throws {
        let authority = try await TestCertificateAuthority.make()
        defer { authority.remove() }
        // The control: the same CA's certificate for 127.0.0.1, in date, is accepted, so each
        // failure below comes from the one thing that differs.
        let control = try await probe(.valid, authority: authority, selection: CaseSelection(only: ["baseline/1"]))
        #expect(control.answers.allSatisfy { if case .response = $0 { true } else { false } }, "\(control.answers)")
        expectTLSFailures(try await probe(nil, authority: authority))
        expectTLSFailures(try await probe(.expired, authority: authority))
        expectTLSFailures(try await probe(.wrongHost, authority: authority))
    }

    @Test func stalledHandshake() async throws {
        let authority = try await TestCertificateAuthority.make()
        defer { authority.remove() }
        // The server accepts TCP and never answers the ClientHello: the total timer ends each exchange.
        let run = try await suite.probe(
            .silent, transport: HostileTargetTests.firingTimeout, https: true, trust: .systemAnd(caFile: authority.certificatePath))
        #expect(run.result.requestsSent == 3)
        #expect(run.answers == Array(repeating: .transportFailure(.timedOut(afterSeconds: 1)), count: 3))
    }
}
