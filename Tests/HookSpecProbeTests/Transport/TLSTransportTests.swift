import Foundation
import HookSpecProbe
import NIOCore
import NIOSSL
import Testing
import TestTools

/// A self-signed certificate for 127.0.0.1, made at test time with the `openssl` command (simpler than
/// building X.509 by hand; swift-certificates is not a dependency of this package).
struct SelfSignedCertificate {
    let directory: URL
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.appendingPathComponent("key.pem").path }

    static let opensslPath = "/usr/bin/openssl"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: opensslPath) }

    /// Makes one with `openssl req` (suspending while it runs, never blocking a cooperative thread).
    static func make() async throws -> SelfSignedCertificate {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let made = SelfSignedCertificate(directory: directory)
        try await openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", made.keyPath, "-out", made.certificatePath, "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
        return made
    }

    /// Runs `/usr/bin/openssl`; throws when it fails.
    static func openssl(_ arguments: [String]) async throws {
        let outcome = try await ExternalTool(url: URL(fileURLWithPath: opensslPath)).run(arguments)
        guard outcome.status == 0 else { throw CertificateError.opensslFailed(outcome.status) }
    }

    func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    enum CertificateError: Error { case opensslFailed(Int32) }
}

@Suite("HTTPS transport", .enabled(if: SelfSignedCertificate.available, "skipped: /usr/bin/openssl is needed to make a test certificate"))
struct TLSTransportTests {
    static let okAnswer = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8)

    private func exchange(trust: CertificateTrust, certificate: SelfSignedCertificate, tlsServer: Bool = true) async throws -> ProbeAnswer {
        var answer = ProbeAnswer.transportFailure(.other("not run"))
        try await withLoopbackGroup { group in
            let server = try await LoopbackScriptedServer.start(
                group: group, behaviour: .answer(Self.okAnswer, afterBytes: 1),
                tls: tlsServer ? try certificate.serverContext() : nil)
            let transport = try NIOProbeTransport(
                target: ProbeTarget(url: "https://127.0.0.1:\(server.port)/hook"),
                configuration: .init(connectTimeoutSeconds: 30, totalTimeoutSeconds: 120, trust: trust),
                group: group)
            answer = await transport.send(ProbeRequest(headers: [], body: Array("{}".utf8)))
        }
        return answer
    }

    @Test("an untrusted self-signed certificate is a TLS failure with verification on")
    func untrustedIsFailure() async throws {
        let certificate = try await SelfSignedCertificate.make()
        defer { certificate.remove() }
        let answer = try await exchange(trust: .system, certificate: certificate)
        guard case .transportFailure(.tlsFailure) = answer else {
            Issue.record("expected tlsFailure, got \(answer)")
            return
        }
    }

    @Test("the same certificate given with --cacert is trusted")
    func caFileTrusts() async throws {
        let certificate = try await SelfSignedCertificate.make()
        defer { certificate.remove() }
        let answer = try await exchange(trust: .systemAnd(caFile: certificate.certificatePath), certificate: certificate)
        guard case .response(let response) = answer else {
            Issue.record("expected a response, got \(answer)")
            return
        }
        #expect(response.status == 200 && response.body == Array("ok".utf8))
    }

    @Test("insecure mode accepts any certificate")
    func insecureAccepts() async throws {
        let certificate = try await SelfSignedCertificate.make()
        defer { certificate.remove() }
        let answer = try await exchange(trust: .insecure, certificate: certificate)
        guard case .response(let response) = answer else {
            Issue.record("expected a response, got \(answer)")
            return
        }
        #expect(response.status == 200)
    }

    @Test("https to a plain-HTTP server is a TLS failure")
    func plainServer() async throws {
        let certificate = try await SelfSignedCertificate.make()
        defer { certificate.remove() }
        let answer = try await exchange(trust: .insecure, certificate: certificate, tlsServer: false)
        guard case .transportFailure(.tlsFailure) = answer else {
            Issue.record("expected tlsFailure, got \(answer)")
            return
        }
    }

    @Test("an unreadable CA file fails at setup, before any request")
    func badCAFile() throws {
        #expect(throws: TransportSetupError.self) {
            try NIOProbeTransport(
                target: ProbeTarget(url: "https://127.0.0.1:1/"),
                configuration: .init(trust: .systemAnd(caFile: "/nonexistent/ca.pem")),
                group: NIOSingletons.posixEventLoopGroup)
        }
    }
}
