import Foundation
import HookSpecCore
import NIOPosix
import Testing
import TestTools

@testable import HookSpecProbe

/// The probe against the Gemini guide's own dynamic-webhook receiver (PyJWT, fetching the JWKS),
/// run as published but for its port, JWKS URL and audience (ThirdParty/README.md).
///
/// The expected verdicts were first established by hand with curl against the same script, with
/// tokens signed by PyJWT over a JWKS served by Python's http.server:
/// - baseline/1 PASS: a valid token gets 200 ("received").
/// - jwt/5 PASS: alg none gets 400 ("The specified alg value is not allowed": algorithms=["RS256"]).
/// - jwt/11 PASS: HS256 with the PEM as secret gets 400 (same allow-list).
/// - jwt/17 PASS: an unknown kid gets 400 ("Key cert not found").
/// - jwt/29 PASS: a wrong audience gets 400 ("Audience doesn't match").
/// - jwt/3 FAIL: five tokens with five unknown kids made five JWKS fetches (one per request; the
///   sample calls requests.get on every delivery), so twelve make twelve.
/// - jwt/21 FAIL: a token signed by the 1024-bit key the JWKS lists gets 200 (PyJWT only warns).
/// - jwt/25 FAIL: a token without exp gets 200 (PyJWT does not require exp).
/// - jwt/28 FAIL: iat an hour ago with exp ahead gets 200 (iat's age is not checked).
/// - jwt/41 FAIL: the valid token over a swapped body gets 200 (the body is not bound).
/// - jwt/4 INFO: the JWKS is fetched on every valid delivery.
/// - replay/2 PASS: a retry with a fresh token gets 200. A token whose iat is 1 s ahead gets 400
///   ("The token is not yet valid (iat)": PyJWT has no leeway), so the probe never sends one ahead.
@Suite("Probe against the guide's PyJWT dynamic-webhook receiver", .serialized)
struct PyJWTReceiverProbeTests {
    static let expected: [String: ProbeVerdict] = [
        "baseline/1": .pass, "jwt/5": .pass, "jwt/11": .pass, "jwt/17": .pass, "jwt/29": .pass,
        "jwt/3": .fail, "jwt/21": .fail, "jwt/25": .fail, "jwt/28": .fail, "jwt/41": .fail,
        "jwt/4": .info, "replay/2": .pass,
    ]

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("ThirdParty/gemini_pyjwt_receiver.py").path

    @Test func verdictsMatchWhatCurlShowed() async throws {
        let python = try #require(FlaskReceiverProbeTests.findPython(), "python3 not found on PATH: the PyJWT receiver test needs python3 with `pip install flask pyjwt[crypto] requests`")
        let missing = await FlaskReceiverProbeTests.missingModules(python: python, ["flask", "jwt", "requests", "cryptography"])
        try #require(missing.isEmpty, "python3 lacks \(missing): run `pip install flask pyjwt[crypto] requests` (the PyJWT receiver test cannot run without them)")

        // The JWKS host's port is fixed before the receiver starts, since the sample reads its JWKS URL once.
        let jwksPort = try #require(ReservedClosedPort()).port
        let audience = "hookspec-pyjwt-test"
        let receiver = try FlaskProcess.start(python: python, script: Self.script, environment: [
            "JWKS_URI": "http://127.0.0.1:\(jwksPort)/.well-known/jwks.json", "AUDIENCE": audience,
        ])
        defer { receiver.stop() }
        let port = try #require(await receiver.waitForPort(seconds: 120), "the PyJWT receiver did not report its port within 120 s; output:\n\(receiver.output)")

        let keys = testKeys(.jwt)
        guard case .jwt(let rsa) = keys else { preconditionFailure("jwt test keys") }
        let options = ProbeSessionOptions(
            url: "http://127.0.0.1:\(port)/gemini-webhook-dynamic", scheme: .fixed(.jwt),
            keys: [.jwt: .jwt(rsa.with(audience: audience, issuer: nil))], audience: audience, jwksPort: jwksPort,
            selection: CaseSelection(only: Array(Self.expected.keys)), transport: patientTransport, latency: patientLatency,
            reports: temporaryReportPaths("pyjwt"), toolVersion: "test")
        let outcome = try await runSession(options)
        let result = try #require(outcome.result)

        for (id, verdict) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let got = try #require(result.results.first { $0.probeCase.id == id })
            #expect(got.grade.verdict == verdict, "\(id): expected \(verdict.rawValue), got \(got.grade.verdict.rawValue): \(got.grade.reason)")
        }
        let everyDelivery = try #require(result.results.first { $0.probeCase.id == "jwt/4" })
        #expect(everyDelivery.grade.reason.contains("fetched on every delivery"), "\(everyDelivery.grade.reason)")
        #expect(result.jwksFetchLog.allSatisfy { $0.fetch.document == .trusted }, "the sample never fetches a URL named in a token")
        #expect(outcome.exitCode == 1)
    }
}
