import Foundation
import HookSpecCore
import Testing
import TestTools

/// Issue 10 item 6: every command's success and error paths, run as a user runs them with a known
/// key file, print and write no private material and no signature the secret made for something
/// that was not sent in the clear.
@Suite("Secrets in no output")
struct SecretsInNoOutputTests {
    static let body = #"{"type":"batch.succeeded","version":"v1","timestamp":"2026-12-07T00:00:00Z","data":{"id":"batches/leak-check"}}"#

    @Test("the scanner finds every kind of private material where it is")
    func scannerFindsWhatIsThere() async throws {
        let fixture = try await CommandFixture()
        defer { fixture.remove() }
        let keyText = try String(contentsOf: fixture.keyFile, encoding: .utf8)
        let found = Set(fixture.scanner.leaks(in: keyText))
        #expect(found.isSuperset(of: ["secret", "secret base64 body", "ed25519[0]", "ed25519[0] base64 body", "rsa[0] PEM line"]))
        let secretBytes = try #require(Data(base64Encoded: String(try fixture.secret().dropFirst(6))))
        let hex = secretBytes.map { String(format: "%02x", $0) }.joined()
        #expect(fixture.scanner.leaks(in: "key=" + hex.uppercased()) == ["secret HEX"])
        #expect(fixture.scanner.leaks(in: (try? String(contentsOf: fixture.jwksFile, encoding: .utf8)) ?? "").isEmpty, "the public JWKS is not private")
    }

    @Test("keys and sign: success and error paths")
    func keysAndSign() async throws {
        let fixture = try await CommandFixture()
        defer { fixture.remove() }
        let body = try fixture.write("body.json", Self.body)
        // Refusing to overwrite, and a file without a secret, are errors that must not echo the file.
        try await fixture.run(["keys", "new", "--out", fixture.keyFile.path], expecting: 2)
        let noSecret = fixture.path("no-secret.json")
        try await fixture.run(["keys", "new", "--out", noSecret, "--no-secret", "--ed25519", "1", "--rsa", "0"], expecting: 0)
        try await fixture.run(["keys", "secret", noSecret], expecting: 2)
        // `keys secret` exists to print the secret: exactly it, on stdout, and nothing else.
        let printed = try await fixture.hookspec.run(["keys", "secret", fixture.keyFile.path])
        #expect(printed.output == (try fixture.secret()) + "\n")
        #expect(printed.errorOutput.isEmpty)

        for format in ["headers", "curl", "signature"] {
            try await fixture.run(["sign", "--key-file", fixture.keyFile.path, "--body", body, "--format", format], expecting: 0)
            try await fixture.run(["sign", "--scheme", "v1a", "--key-file", fixture.keyFile.path, "--body", body, "--format", format], expecting: 0)
        }
        try await fixture.run(["sign", "--scheme", "jwt", "--key-file", fixture.keyFile.path, "--audience", "leak-check", "--body", body], expecting: 0)
        try await fixture.run(["sign", "--secret", try fixture.secret(), "--body", body], expecting: 0)
        try await fixture.run(["sign", "--body", body], expecting: 0, environment: ["HOOKSPEC_SECRET": try fixture.secret()])
        try await fixture.run(["sign", "--scheme", "v1a", "--body", body, "--format", "signature"], expecting: 0, environment: ["HOOKSPEC_SIGNING_KEY": try Self.signingKey(fixture)])

        // Error paths: a damaged secret or key is named by a short prefix at most.
        let secret = try fixture.secret()
        let damaged = secret + "!"
        var scanner = fixture.scanner
        scanner.addKey(String(damaged.dropLast()), prefix: "whsec_", label: "damaged secret")
        try await fixture.run(["sign", "--secret", damaged, "--body", body], expecting: 2)
        var broken = Array(secret)
        broken[12] = "*"
        try await fixture.run(["sign", "--secret", String(broken), "--body", body], expecting: 2)
        try await fixture.run(["sign", "--signing-key", try Self.signingKey(fixture) + "AA", "--scheme", "v1a", "--body", body], expecting: 2)
        try await fixture.run(["sign", "--scheme", "v1a", "--key-file", fixture.keyFile.path, "--kid", "no-such-kid", "--body", body], expecting: 2)
        try await fixture.run(["sign", "--scheme", "jwt", "--key-file", fixture.keyFile.path, "--kid", try fixture.kid("ed25519"), "--audience", "a", "--body", body], expecting: 2)
        try await fixture.run(["sign", "--key-file", fixture.path("missing.json"), "--body", body], expecting: 2)
        try await fixture.run(["sign", "--key-file", fixture.keyFile.path, "--body", fixture.path("missing-body")], expecting: 2)
        fixture.expectNoFileLeaks(except: ["no-secret.json"])
    }

    @Test("verify: a rejected delivery never shows the signature the secret would have made")
    func verify() async throws {
        let fixture = try await CommandFixture()
        defer { fixture.remove() }
        let body = try fixture.write("body.json", Self.body)
        let signed = try await fixture.run(["sign", "--key-file", fixture.keyFile.path, "--body", body, "--id", "msg_leak", "--timestamp", "1796600000"], expecting: 0)
        let headers = try fixture.write("headers.txt", signed.output)
        try await fixture.run(["verify", "--secret", try fixture.secret(), "--headers", headers, "--body", body, "--now", "1796600000"], expecting: 0)

        // The same headers over another body: the MAC the secret makes for that body was never sent.
        let tamperedText = Self.body.replacingOccurrences(of: "leak-check", with: "leak-check-2")
        let tampered = try fixture.write("tampered.json", tamperedText)
        var scanned = fixture
        scanned.scanner.add("MAC of the tampered body", try Self.mac(secret: try fixture.secret(), id: "msg_leak", timestamp: 1_796_600_000, body: tamperedText))
        try await scanned.run(["verify", "--secret", try fixture.secret(), "--headers", headers, "--body", tampered, "--now", "1796600000"], expecting: 1)
        try await scanned.run(["verify", "--secret", try fixture.secret(), "--headers", headers, "--body", tampered, "--now", "1796600000", "--policy", "python-reference"], expecting: 1)
        // A stale delivery and a wrong secret.
        try await scanned.run(["verify", "--secret", try fixture.secret(), "--headers", headers, "--body", body, "--now", "1796700000"], expecting: 1)
        try await scanned.run(["verify", "--secret", "whsec_" + Data(repeating: 7, count: 32).base64EncodedString(), "--headers", headers, "--body", body, "--now", "1796600000"], expecting: 1)
        try await scanned.run(["verify", "--secret", try fixture.secret() + "!", "--headers", headers, "--body", body], expecting: 2)

        // v1a and jwt, verified with the public JWKS the key file came with.
        let v1a = try await fixture.run(["sign", "--scheme", "v1a", "--key-file", fixture.keyFile.path, "--body", body], expecting: 0)
        try await fixture.run(["verify", "--jwks", fixture.jwksFile.path, "--headers", try fixture.write("v1a.txt", v1a.output), "--body", body], expecting: 0)
        try await fixture.run(["verify", "--jwks", fixture.jwksFile.path, "--headers", try fixture.write("v1a.txt", v1a.output), "--body", tampered], expecting: 1)
        let jwt = try await fixture.run(["sign", "--scheme", "jwt", "--key-file", fixture.keyFile.path, "--audience", "leak-check", "--body", body], expecting: 0)
        let jwtHeaders = try fixture.write("jwt.txt", jwt.output)
        try await fixture.run(["verify", "--scheme", "jwt", "--jwks", fixture.jwksFile.path, "--audience", "leak-check", "--headers", jwtHeaders, "--body", body], expecting: 0)
        try await fixture.run(["verify", "--scheme", "jwt", "--jwks", fixture.jwksFile.path, "--audience", "other", "--headers", jwtHeaders, "--body", body], expecting: 1)
        try await fixture.run(["verify", "--scheme", "jwt", "--jwks", fixture.keyFile.path, "--audience", "leak-check", "--headers", jwtHeaders, "--body", body], expecting: 2)
        scanned.expectNoFileLeaks()
    }

    @Test("probe, every scheme, every report, against a receiver that accepts everything", arguments: ["v1", "v1a", "jwt"])
    func probe(_ scheme: String) async throws {
        let fixture = try await CommandFixture(ed25519: 2, rsa: 2)
        defer { fixture.remove() }
        let target = try await CaptureServer(in: fixture.directory)
        defer { target.process.stop() }
        let reports = fixture.directory.appendingPathComponent("reports")
        let summary = fixture.path("step-summary.md")
        _ = try fixture.write("step-summary.md", "")
        let outcome = try await fixture.run(
            ["probe", target.url, "--scheme", scheme, "--key-file", fixture.keyFile.path, "--github",
             "--junit", reports.appendingPathComponent("probe.xml").path, "--json", reports.appendingPathComponent("probe.json").path,
             "--markdown", reports.appendingPathComponent("probe.md").path, "--sarif", reports.appendingPathComponent("probe.sarif").path,
             "--html", reports.appendingPathComponent("probe.html").path],
            environment: ["GITHUB_STEP_SUMMARY": summary])
        // Accepting forgeries is a finding: exit 1, and findings mean reproductions were written.
        #expect(outcome.status == 1, "probe exit \(outcome.status): \(outcome.errorOutput.prefix(400))")
        let reportText = ((try? FileManager.default.contentsOfDirectory(at: reports, includingPropertiesForKeys: nil)) ?? [])
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        #expect(reportText.count == 5)
        fixture.expectNoFileLeaks()

        // Every signature shown anywhere went over the wire in the clear.
        let shown = ([outcome.output, outcome.errorOutput, (try? String(contentsOfFile: summary, encoding: .utf8)) ?? ""] + reportText).joined(separator: "\n")
        let sent = target.received()
        #expect(!sent.isEmpty)
        let unsent = Set(Self.signatures(in: shown)).filter { !sent.contains($0) }
        #expect(unsent.isEmpty, "\(unsent.count) signature(s) shown but never sent, e.g. \(unsent.prefix(3).map { String($0.prefix(8)) + "…" })")
    }

    @Test("serve, probed and stopped; probe and serve error paths")
    func serve() async throws {
        let fixture = try await CommandFixture()
        defer { fixture.remove() }
        let secret = try fixture.secret()
        let server = try BackgroundCommand(fixture.hookspec, ["serve", "--secret", secret, "--port", "0"])
        let url = try #require(await server.announcedURL(), "serve did not start")
        try await fixture.run(["probe", url + "/hook", "--only", "sig,ts,replay", "--junit", fixture.path("p.xml"), "--json", fixture.path("p.json"),
                               "--markdown", fixture.path("p.md"), "--html", fixture.path("p.html")], expecting: 0, environment: ["HOOKSPEC_SECRET": secret])
        // The wrong secret: everything INCONCLUSIVE or failing, nothing printed of either secret.
        let wrong = "whsec_" + Data(repeating: 9, count: 32).base64EncodedString()
        var scanned = fixture
        scanned.scanner.addKey(wrong, prefix: "whsec_", label: "wrong secret")
        try await scanned.run(["probe", url + "/hook", "--secret", wrong, "--only", "sig", "--junit", fixture.path("w.xml"), "--json", fixture.path("w.json"),
                               "--markdown", fixture.path("w.md"), "--html", fixture.path("w.html")])
        scanned.expectClean(await server.interrupt(), "serve")
        try await scanned.run(["serve", "--secret", secret + "!", "--port", "0"], expecting: 2)
        // A refused port is one fact; the secret is not part of it.
        try await scanned.run(["probe", "http://127.0.0.1:1/hook", "--secret", secret, "--junit", fixture.path("r.xml"), "--json", fixture.path("r.json"),
                               "--markdown", fixture.path("r.md"), "--html", fixture.path("r.html")])
        try await scanned.run(["probe", url + "/hook", "--secret", secret + "!"], expecting: 2)
        scanned.expectNoFileLeaks()
    }

    @Test("listen grades a valid and a forged delivery; its reports and recordings carry no secret")
    func listen() async throws {
        let fixture = try await CommandFixture()
        defer { fixture.remove() }
        let curl = try #require(ExternalTool.find("curl"), "curl is needed (installed by .ci/run)")
        let secret = try fixture.secret()
        let listener = try BackgroundCommand(fixture.hookspec, [
            "listen", "--count", "2", "--seconds", "120", "--record", fixture.path("recorded"), "--junit", fixture.path("l.xml"),
            "--json", fixture.path("l.json"), "--markdown", fixture.path("l.md"),
        ], environment: ["HOOKSPEC_SECRET": secret])
        let url = try #require(await listener.announcedURL(), "listen did not start")
        let body = try fixture.write("body.json", Self.body)
        let headersOutcome = try await fixture.run(["sign", "--key-file", fixture.keyFile.path, "--body", body, "--id", "msg_listen"], expecting: 0)
        var arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", url + "/hook", "--data-binary", "@" + body]
        let headerLines = headersOutcome.output.split(separator: "\n").map(String.init).filter { $0.contains(":") }
        for line in headerLines { arguments += ["-H", line] }
        #expect(try await curl.run(arguments).output == "200")
        // The same headers over another body: listen must not print the MAC it expected.
        let tamperedText = Self.body.replacingOccurrences(of: "leak-check", with: "leak-check-3")
        let tampered = try fixture.write("tampered.json", tamperedText)
        let timestamp = try #require(headerLines.first { $0.lowercased().hasPrefix("webhook-timestamp:") }.flatMap { Int64($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) })
        var scanned = fixture
        scanned.scanner.add("MAC of the tampered body", try Self.mac(secret: secret, id: "msg_listen", timestamp: timestamp, body: tamperedText))
        var forged = arguments
        forged[forged.firstIndex(of: "@" + body)!] = "@" + tampered
        #expect(try await curl.run(forged).output == "200")
        let outcome = await listener.finish()
        #expect(outcome.status == 1, "listen exit \(outcome.status): \(outcome.errorOutput.prefix(300))")
        scanned.expectClean(outcome, "listen")
        scanned.expectNoFileLeaks()
    }

    @Test("emulate hands the secret to its client once and prints it nowhere")
    func emulate() async throws {
        let fixture = try await CommandFixture()
        defer { fixture.remove() }
        let curl = try #require(ExternalTool.find("curl"), "curl is needed (installed by .ci/run)")
        let emulator = try BackgroundCommand(fixture.hookspec, ["emulate", "--port", "0", "--time-factor", "0.0001"])
        let base = try #require(await emulator.announcedURL(), "emulate did not start")
        let created = try await curl.run(["-s", "-X", "POST", base + "/v1beta/webhooks", "-H", "content-type: application/json",
                                          "--data", #"{"uri":"http://127.0.0.1:1/","subscribed_events":["batch.succeeded"]}"#])
        let object = try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as? [String: Any]
        let id = try #require(object?["id"] as? String)
        let secret = try #require(object?["new_signing_secret"] as? String)
        var scanned = fixture
        scanned.scanner.addKey(secret, prefix: "whsec_", label: "emulator secret")
        try await scanned.run(["emulate", "trigger", "batch.succeeded", "--webhook", id, "--url", base], expecting: 0)
        try await scanned.run(["emulate", "trigger", "batch.succeeded", "--webhook", "nope", "--url", base], expecting: 1)
        _ = try await curl.run(["-s", "-X", "POST", base + "/v1beta/webhooks/\(id):rotateSigningSecret", "-H", "content-type: application/json", "--data", "{}"])
        scanned.expectClean(await emulator.interrupt(), "emulate")
    }

    @Test("vectors and catalog, with their reports and an error path each")
    func vectorsAndCatalog() async throws {
        let fixture = try await CommandFixture()
        defer { fixture.remove() }
        try await fixture.run(["vectors", "--vectors-dir", ExternalTool.packageRoot.appendingPathComponent("vectors").path, "--junit", fixture.path("v.xml"),
                               "--json", fixture.path("v.json"), "--markdown", fixture.path("v.md")], expecting: 0)
        try await fixture.run(["vectors", "--vectors-dir", fixture.path("nowhere")], expecting: 2)
        try await fixture.run(["catalog"], expecting: 0)
        try await fixture.run(["catalog", "--catalog", fixture.keyFile.path], expecting: 2)
        fixture.expectNoFileLeaks()
    }

    // MARK: - Helpers

    static func signingKey(_ fixture: CommandFixture) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.keyFile)) as? [String: Any]
        return try #require((object?["ed25519"] as? [[String: Any]])?.first?["signingKey"] as? String)
    }

    /// The base64 MAC the core makes with `secret` over `id.timestamp.body`.
    static func mac(secret: String, id: String, timestamp: Int64, body: String) throws -> String {
        String(StandardWebhookSigner.v1Entry(secret: try WebhookSecret(parsing: secret), id: id, timestamp: String(timestamp), body: Array(body.utf8)).dropFirst(3))
    }

    /// v1 and v1a signatures (the base64 after the label) and JWS signatures in `text`.
    static func signatures(in text: String) -> [String] {
        let patterns = [#"v1,([A-Za-z0-9+/]{43}=)"#, #"v1a,([A-Za-z0-9+/]{86}==)"#, #"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.([A-Za-z0-9_-]{40,})"#]
        var found: [String] = []
        for pattern in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in expression.matches(in: text, range: range) {
                if let captured = Range(match.range(at: 1), in: text) { found.append(String(text[captured])) }
            }
        }
        return found
    }
}
