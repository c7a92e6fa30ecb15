import HookSpecCore
import Testing

@testable import HookSpecProbe

@Suite("Reproductions: curl lines without signatures or secrets")
struct ReproductionTests {
    @Test func signatureEntriesKeepTheirShapeButNotTheirValue() {
        let value = Array("v1,AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKK= v2,xyz  nocomma v1,".utf8)
        #expect(Reproduction.redactedSignature(value) == "v1,<44 chars, not shown> v2,<3 chars, not shown>  <7 chars, not shown> v1,")
    }

    @Test func curlQuotesAnyBytesForBash() {
        let request = ProbeRequest(
            headers: [(Array("webhook-id".utf8), Array("it's".utf8)), (Array("Webhook-Signature".utf8), Array("v1,secretmac".utf8))],
            body: [0x7B, 0xFF, 0x5C, 0x0A, 0x7D])
        let line = Reproduction.curl(request, url: "http://127.0.0.1:1/hook")
        #expect(line.contains("-H $'webhook-id: it\\'s'"))
        #expect(line.contains("--data-binary $'{\\xff\\\\\\n}'"))
        #expect(!line.contains("secretmac") && line.contains("Webhook-Signature: v1,<9 chars, not shown>"))
        #expect(line.contains("not printed"))
    }

    @Test func largeBodiesAreDescribedNotInlined() {
        let request = ProbeRequest(headers: [], body: [UInt8](repeating: 0x78, count: 10_000))
        let line = Reproduction.curl(request, url: "http://h/")
        #expect(line.contains("@body.bin") && line.contains("10000-byte body") && line.count < 600)
        #expect(Reproduction.describeBody(request.body).hasSuffix("(10000 bytes in all)"))
    }

    /// A `v1a` run against an answering fake: every case's reproduction, with and without a key file.
    private func v1aReproductions(keyFile: String?) async -> [String: String] {
        let transport = ScriptedTransport { _ in .response(ProbeResponse(status: 401, headers: [], body: [], latencySeconds: 0.001)) }
        let runner = ProbeRunner(transport: transport, keys: testKeys(.v1a))
        let result = await runner.run(ProbeConfiguration(targetDescription: "http://127.0.0.1:1/hook", selection: CaseSelection(only: ["v1a"]), toolVersion: "test"))
        let report = ProbeReportBuilder(keys: testKeys(.v1a), keyFile: keyFile).report(result)
        return Dictionary(report.suites.flatMap(\.cases).compactMap { reportCase in reportCase.reproduction.map { (reportCase.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    @Test func keyFileRunsGetScriptsAndOthersSayWhyNot() async throws {
        let withFile = await v1aReproductions(keyFile: "/keys/hookspec-keys.json")
        let script = try #require(withFile["v1a/1"])
        #expect(script.hasPrefix("# v1a/1: ") && script.contains("sign_key v1a ") && script.contains(": \"${HOOKSPEC_KEY_FILE:=$'/keys/hookspec-keys.json'}\""))
        // Damage is rebuilt on the fresh signature: a bit flipped in S, S + L.
        #expect(try #require(withFile["v1a/10"]).contains("$(flipbit \"${m1}\" 40 1)"))
        #expect(try #require(withFile["v1a/12"]).contains("$(malleable \"${m1}\")"))
        // A foreign key is the script's own; no script needs the key file to show a key.
        #expect(try #require(withFile["v1a/4"]).contains("openssl genpkey -algorithm ed25519"))
        // Rotation needs the probe's JWKS host.
        let rotation = try #require(withFile["v1a/30"])
        #expect(rotation.contains("No runnable snippet for this case: it changes the JWKS") && rotation.contains("--only v1a/30"))

        let withoutFile = await v1aReproductions(keyFile: nil)
        let fallback = try #require(withoutFile["v1a/1"])
        #expect(fallback.contains("probe with --key-file") && fallback.contains("--only v1a/1") && fallback.contains("<88 chars, not shown>"))
        // Nothing the trusted keys made reaches the script: the foreign-key case still runs without a file.
        #expect(try #require(withoutFile["v1a/4"]).hasPrefix("# v1a/4: "))
    }
}
