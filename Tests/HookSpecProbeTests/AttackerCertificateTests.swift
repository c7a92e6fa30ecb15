import Foundation
import HookSpecCore
import TestTools
import Testing

@testable import HookSpecProbe

/// jwt/37's `x5c` carries a real self-signed certificate of the attacker's key: OpenSSL, an
/// independent parser, reads it and verifies its signature.
@Suite("Self-signed certificate for x5c")
struct AttackerCertificateTests {
    @Test func openSSLParsesAndVerifiesTheCertificateJwt37Sends() async throws {
        let openssl = try #require(ExternalTool.find("openssl"), "openssl not found on PATH: install it (apt-get install -y openssl)")
        guard case .jwt(let keys) = testKeys(.jwt) else { preconditionFailure("jwt test keys") }
        let der = try AttackerCertificate.der(key: keys.attacker.key, commonName: "hookspec attacker", notBefore: 1_800_000_000 - 3_600, notAfter: 1_800_000_000 + 86_400)

        // The certificate jwt/37 sends is this one: its x5c decodes to a certificate of the same shape.
        let probeCase = try #require(ProbeCatalog.all.first { $0.id == "jwt/37" })
        let request = try #require(try probeCase.build(CaseContext(keys: .jwt(keys), now: 1_800_000_000, runToken: "x5c", caseID: "jwt/37")).last?.request)
        let token = try #require(request.headers.first { String(decoding: $0.name, as: UTF8.self) == "webhook-signature" }.map { String(decoding: $0.value, as: UTF8.self) })
        let header = try #require(token.split(separator: ".").first)
        let headerJSON = try #require(try? Base64Codec.decode(String(header), mode: .strictURL).get())
        let chain = try #require(try StrictJSONParser().parse(headerJSON).objectValue?["x5c"]?.arrayValue?.first?.stringValue)
        #expect(try Base64Codec.decode(chain, mode: .strict).get() == der)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-x5c-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let derPath = directory.appendingPathComponent("cert.der").path
        let pemPath = directory.appendingPathComponent("cert.pem").path
        try Data(der).write(to: URL(fileURLWithPath: derPath))
        let converted = try await openssl.run(["x509", "-inform", "DER", "-in", derPath, "-noout", "-subject", "-issuer"])
        #expect(converted.status == 0, "\(converted.errorOutput)")
        #expect(converted.output.contains("CN = hookspec attacker"), "\(converted.output)")
        _ = try await openssl.run(["x509", "-inform", "DER", "-in", derPath, "-out", pemPath])
        // Self-signed: it verifies against itself, at a time inside its validity.
        let verified = try await openssl.run(["verify", "-attime", "1800000000", "-CAfile", pemPath, pemPath])
        #expect(verified.status == 0 && verified.output.contains("OK"), "\(verified.output) \(verified.errorOutput)")
    }
}
