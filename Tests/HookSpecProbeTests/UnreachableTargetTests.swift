import Foundation
import HookSpecReport
import NIOCore
import NIOPosix
import SurefireSchemaValidation
import Testing

@testable import HookSpecProbe

/// A hanging target, a refused port and a TLS failure give ERROR verdicts in bounded time, and the
/// reports are still written and valid (SPEC §9.2, §9.7, §9.8).
@Suite("Probe against unreachable targets", .serialized)
struct UnreachableTargetTests {
    private func probe(url: String, group: any EventLoopGroup, timeout: Double = 1) async throws -> (ProbeRunResult, ProbeReportPaths) {
        let target = try ProbeTarget(url: url)
        let transport = try NIOProbeTransport(
            target: target, configuration: TransportConfiguration(connectTimeoutSeconds: timeout, totalTimeoutSeconds: timeout), group: group)
        let runner = ProbeRunner(transport: transport, keys: .v1(HMACRunKeys(secret: testSecret)))
        let run = await runner.run(ProbeConfiguration(targetDescription: target.description, toolVersion: "test"))
        let paths = temporaryReportPaths("unreachable")
        #expect(paths.write(ProbeReportBuilder(leakDetector: LeakDetector(secret: testSecret)).report(run)).failures.isEmpty)
        return (run, paths)
    }

    private func expectAllErrors(_ run: ProbeRunResult, _ paths: ProbeReportPaths) async throws {
        let graded = run.results.filter { $0.grade.verdict != .skipped }
        #expect(!graded.isEmpty && graded.allSatisfy { $0.grade.verdict == .error }, "\(run.explain(.pass))\(run.explain(.fail))")
        #expect(run.exitCode == 2)
        // The time bound is structural: the runner stops sending after three transport failures,
        // each ended by the transport's own timer, so at most three timeouts are spent. Wall time is
        // not checked: on a starved machine the cooperative pool has resumed a finished run minutes late.
        #expect(run.requestsSent <= 3, "sent \(run.requestsSent) requests to a dead target")
        for path in [paths.junit, paths.json, paths.markdown] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path) missing")
        }
        try await JUnitSchemaCheck.validate(paths.junit)
    }

    @Test func refusedPort() async throws {
        try await withLoopbackGroup { group in
            // A socket bound but never listening holds the port, so connecting to it is refused
            // and no other process on the machine can take the port meanwhile.
            let reserved = try #require(ReservedClosedPort())
            let port = reserved.port
            defer { withExtendedLifetime(reserved) {} }
            let (run, paths) = try await probe(url: "http://127.0.0.1:\(port)/hook", group: group)
            try await expectAllErrors(run, paths)
            // The refusal itself is named, not a generic "connection closed": a failed connect never
            // reaches the exchange handlers' close path.
            #expect(run.results.first?.grade.reason.contains("refused") == true, "\(run.results.first?.grade.reason ?? "")")
        }
    }

    @Test func hangingTarget() async throws {
        try await withLoopbackGroup { group in
            let server = try await LoopbackScriptedServer.start(group: group, behaviour: .hang)
            let (run, paths) = try await probe(url: "http://127.0.0.1:\(server.port)/hook", group: group)
            await server.stop()
            // Three 1 s timeouts, then the remaining cases are ERROR without being sent.
            try await expectAllErrors(run, paths)
            #expect(run.requestsSent == 3)
        }
    }

    @Test(.enabled(if: SelfSignedCertificate.available, "skipped: /usr/bin/openssl is needed to make a test certificate"))
    func tlsFailure() async throws {
        let certificate = try await SelfSignedCertificate.make()
        defer { certificate.remove() }
        try await withLoopbackGroup { group in
            // A self-signed certificate the probe does not trust: verification must fail.
            let server = try await LoopbackScriptedServer.start(
                group: group, behaviour: .answer(Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8), afterBytes: 1),
                tls: try certificate.serverContext())
            let (run, paths) = try await probe(url: "https://127.0.0.1:\(server.port)/hook", group: group)
            await server.stop()
            try await expectAllErrors(run, paths)
            #expect(run.results.first?.grade.reason.contains("TLS") == true, "\(run.results.first?.grade.reason ?? "")")
        }
    }
}

/// Validates a JUnit report file with the shared Surefire validator (SPEC §9.7), one `testsuite` at a time.
enum JUnitSchemaCheck {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func validate(_ path: String) async throws {
        let validator = try SurefireSchemaValidator.make()
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        guard !SurefireSchemaValidator.suiteDocuments(of: xml).isEmpty else {
            throw Invalid(description: "\(path) has no testsuite")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-junit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let problems = try await validator.problems(inJUnit: xml, scratch: scratch)
        guard problems.isEmpty else {
            throw Invalid(description: "\(path) is not Surefire-valid: \(problems.joined(separator: "; ").prefix(2_000))")
        }
    }
}
