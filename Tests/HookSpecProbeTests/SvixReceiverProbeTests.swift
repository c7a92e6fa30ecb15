import Foundation
import HookSpecCore
import NIOPosix
import Testing
import TestTools

@testable import HookSpecProbe

/// The probe against a receiver built on the `svix` Python library (2.9.1) the way Svix documents
/// it (ThirdParty/README.md): `Webhook(secret).verify(payload, headers)`, 400 on
/// `WebhookVerificationError`, 204 otherwise. svix 2.9.1 verifies through `standardwebhooks`.
///
/// The expected verdicts were first established by hand with curl against the same script
/// (signatures computed with Python's hmac), one or more per case family:
/// - baseline/1 PASS: a valid delivery gets 204.
/// - ts/1 PASS: stale by 301 s gets 400.
/// - ts/14 PASS: `0<now>` signed over that text gets 400 (the library signs the number it re-prints).
/// - ts/28 NON-STRICT: `0<now>` signed over `<now>` gets 204 (timestamp malleability).
/// - ts/32 NON-STRICT: `<now>` with an underscore, signed over `<now>`, gets 204 (Python's float() reads it).
/// - ts/33 PASS: the same spelling signed over its parseInt prefix (four digits, stale) gets 400.
/// - rot/17 FAIL: a bare `v1` entry alone raises ValueError in the library's `split(",")`: 500.
/// - rot/18 FAIL: a bare `v1` before the valid entry: the same 500.
/// - rot/19 NON-STRICT: a bare `v1` after the valid entry gets 204 (the loop stops at the first match).
/// - sig/12 NON-STRICT: the valid MAC followed by `AAAA` gets 204 (`b64decode` stops at the padding).
/// - hdr/16 INFO: svix-* names alone get 204 (svix reads them first).
/// - body/15 NON-STRICT: a validly signed empty body gets 204 (svix verifies with json_parse=False).
@Suite("Probe against a svix (2.9.1) receiver", .serialized)
struct SvixReceiverProbeTests {
    static let expected: [String: ProbeVerdict] = [
        "baseline/1": .pass, "ts/1": .pass, "ts/14": .pass, "ts/28": .nonStrict, "ts/32": .nonStrict, "ts/33": .pass,
        "rot/17": .fail, "rot/18": .fail, "rot/19": .nonStrict, "sig/12": .nonStrict, "hdr/16": .info, "body/15": .nonStrict,
    ]

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("ThirdParty/svix_flask_receiver.py").path

    @Test func verdictsMatchWhatCurlShowed() async throws {
        let python = try #require(FlaskReceiverProbeTests.findPython(), "python3 not found on PATH: the svix receiver test needs python3 with `pip install flask svix==2.9.1`")
        let missing = await FlaskReceiverProbeTests.missingModules(python: python, ["flask", "svix"])
        try #require(missing.isEmpty, "python3 lacks \(missing): run `pip install flask svix==2.9.1` (the svix receiver test cannot run without them)")

        let secret = try WebhookSecret.random()
        let receiver = try FlaskProcess.start(python: python, script: Self.script, environment: ["WEBHOOK_SECRET": secret.exportedText()])
        defer { receiver.stop() }
        let port = try #require(await receiver.waitForPort(seconds: 120), "the svix receiver did not report its port within 120 s; output:\n\(receiver.output)")

        let options = ProbeSessionOptions(
            url: "http://127.0.0.1:\(port)/webhook/", scheme: .fixed(.v1), secret: secret,
            selection: CaseSelection(only: Array(Self.expected.keys)), transport: patientTransport, latency: patientLatency,
            reports: temporaryReportPaths("svix"), toolVersion: "test")
        let outcome = try await runSession(options)
        let result = try #require(outcome.result)

        for (id, verdict) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let got = try #require(result.results.first { $0.probeCase.id == id })
            #expect(got.grade.verdict == verdict, "\(id): expected \(verdict.rawValue), got \(got.grade.verdict.rawValue): \(got.grade.reason)")
        }
        #expect(outcome.exitCode == 1, "the library's 500s on bare labels are FAILs")
    }
}
