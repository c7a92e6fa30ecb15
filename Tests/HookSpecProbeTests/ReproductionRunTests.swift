import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecReport
import NIOConcurrencyHelpers
import NIOPosix
import TestTools
import Testing

@testable import HookSpecProbe

/// Issue 11 item 3: the reproduction of every case a run sent is a script that runs as printed
/// against the same mutant and gets the answers the probe got, for every scheme (`v1` from
/// `$HOOKSPEC_SECRET`, `v1a` and `jwt` from the key file through `hookspec sign`), and shows no
/// secret, private key or signature made with one.
@Suite("Reproductions run against mutants", .serialized)
struct ReproductionRunTests {
    /// One probe run whose reproductions are run.
    struct Setup: Sendable, CustomTestStringConvertible {
        let scheme: ProbeScheme
        let mutant: ReceiverMutant
        let groups: [String]
        /// Run the reproduction of every sent case, not only the findings.
        let everyCase: Bool

        var testDescription: String { "\(scheme.rawValue) \(mutant.name) \(groups.joined(separator: ","))\(everyCase ? " (every case)" : "")" }
    }

    static let setups: [Setup] = [
        Setup(scheme: .v1, mutant: .truncatedSignatureMatch, groups: ["sig", "rot", "ts", "hdr", "body"], everyCase: true),
        Setup(scheme: .v1, mutant: .conflictOnDuplicate, groups: ["replay"], everyCase: true),
        Setup(scheme: .v1a, mutant: .v1aMalleableSignature, groups: ["v1a", "replay"], everyCase: true),
        Setup(scheme: .v1a, mutant: .v1aPublicKeyAsHMACSecret, groups: ["v1a"], everyCase: false),
        Setup(scheme: .v1a, mutant: .v1aBodyOnlySignature, groups: ["v1a"], everyCase: false),
        Setup(scheme: .v1a, mutant: .v1aFirstKeyOnly, groups: ["v1a"], everyCase: false),
        Setup(scheme: .jwt, mutant: .jwtAlgorithmFromToken, groups: ["jwt", "replay"], everyCase: true),
        Setup(scheme: .jwt, mutant: .jwtHS256WithPublicKey, groups: ["jwt"], everyCase: false),
        Setup(scheme: .jwt, mutant: .jwtKeyIDFallback, groups: ["jwt"], everyCase: false),
        Setup(scheme: .jwt, mutant: .jwtNoAudienceCheck, groups: ["jwt"], everyCase: false),
        Setup(scheme: .jwt, mutant: .jwtExpirationOptional, groups: ["jwt"], everyCase: false),
        Setup(scheme: .jwt, mutant: .jwtNoBodyBinding, groups: ["jwt"], everyCase: false),
    ]

    /// Cases whose reproduction is the probe command, and why: they need the probe's JWKS host.
    static let probeOnly: Set<String> = [
        "jwt/21",  // signed by the 1024-bit key made for the run
        "jwt/35", "jwt/36",  // name the probe's attacker JWKS host
    ]

    /// The test keys of `scheme` as a key file, written under `directory`, and the file's path.
    private func keyFile(_ keys: ProbeKeys, in directory: URL) throws -> String? {
        let file: KeyFile
        switch keys {
        case .v1: return nil
        case .v1a(let v1a):
            file = KeyFile(secret: nil, ed25519Keys: v1a.published.map { KeyFile.Ed25519Key(keyID: $0.keyID, signingKey: $0.key) }, rsaKeys: [])
        case .jwt(let jwt):
            file = KeyFile(secret: nil, ed25519Keys: [], rsaKeys: [jwt.primary, jwt.rotation].map { KeyFile.RSAKey(keyID: $0.keyID, signingKey: $0.key) })
        }
        let path = directory.appendingPathComponent("keys.json").path
        guard FileManager.default.createFile(atPath: path, contents: Data(file.encoded()), attributes: [.posixPermissions: 0o600]) else {
            throw SessionSetupFailure(description: "cannot write \(path)")
        }
        return path
    }

    @Test(arguments: setups)
    func reproductionsGetTheProbesAnswers(_ setup: Setup) async throws {
        guard let bash = ExternalTool.find("bash"), ExternalTool.find("curl") != nil, ExternalTool.find("openssl") != nil else {
            print("SKIPPED: bash, curl or openssl not on PATH (Debian: apt-get install curl openssl); reproductions not run")
            return
        }
        let hookspec = try #require(ExternalTool.builtProduct("hookspec"), "the hookspec executable is built by swift test beside the test bundle")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-repro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let keys: ProbeKeys = setup.scheme == .v1 ? .v1(HMACRunKeys(secret: try WebhookSecret.random())) : testKeys(setup.scheme)
        let secret: WebhookSecret? = if case .v1(let v1) = keys { v1.secret } else { nil }
        let keyFilePath = try keyFile(keys, in: scratch)
        // The receiver trusts the keys' JWKS as first published, as a receiver configured from the
        // key file does once the probe (and its JWKS host) is gone.
        let jwks: JWKSHost? = setup.scheme.usesJWKS ? try await JWKSHost.start(documents: JWKSDocuments(keys: [keys])) : nil
        // The receiver reads the real clock until the scripts run; then it and they share one frozen
        // second, so the ±301 s boundary cases do not depend on how long a busy machine takes.
        let frozen = NIOLockedValueBox<Int64?>(nil)
        let launcher = patientLauncher { configuration in
            configuration.clock = { frozen.withLockedValue { $0 } ?? Int64(Date().timeIntervalSince1970.rounded(.down)) }
        }
        let receiver = try await launcher.launch(EmbeddedReceiverSetup(
            scheme: setup.scheme, secret: secret, jwksURL: jwks?.trustedURL, audience: RSARunKeys.defaultAudience, mutant: setup.mutant.name))
        do {
            try await check(setup, keys: keys, keyFile: keyFilePath, url: receiver.url, frozen: frozen, bash: bash, hookspec: hookspec, scratch: scratch)
        } catch {
            await receiver.stop()
            await jwks?.stop()
            throw error
        }
        await receiver.stop()
        await jwks?.stop()
    }

    private func check(
        _ setup: Setup, keys: ProbeKeys, keyFile: String?, url: String, frozen: NIOLockedValueBox<Int64?>,
        bash: ExternalTool, hookspec: ExternalTool, scratch: URL
    ) async throws {
        let secret: WebhookSecret? = if case .v1(let v1) = keys { v1.secret } else { nil }
        let options = ProbeSessionOptions(
            url: url, scheme: .fixed(setup.scheme), keys: [setup.scheme: keys], keyFile: keyFile, selection: CaseSelection(only: setup.groups),
            transport: patientTransport, latency: patientLatency, reports: temporaryReportPaths("repro-\(setup.mutant.name)"), toolVersion: "test")
        let outcome = try await runSession(options)
        let result = try #require(outcome.result)
        let report = try #require(outcome.report)
        #expect(!result.ids(.fail).isEmpty, "the mutant \(setup.mutant.name) must be caught")
        let reported = Dictionary(report.suites.flatMap(\.cases).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let findings: Set<ProbeVerdict> = [.fail, .nonStrict, .wrongCode]
        let chosen = result.results.filter { caseResult in
            !caseResult.exchanges.isEmpty && setup.groups.contains(caseResult.probeCase.group.rawValue)
                && (setup.everyCase || findings.contains(caseResult.grade.verdict))
        }
        #expect(!chosen.isEmpty)

        var script = ""
        var expected: [String: [Int]] = [:]
        for caseResult in chosen {
            let id = caseResult.probeCase.id
            let reproduction = try #require(reported[id]?.reproduction)
            let confidential = (caseResult.build?.signings ?? []).filter(\.key.isConfidential).map(\.output)
            for output in confidential {
                #expect(!reproduction.contains(String(Base64Codec.encode(output).prefix(12))), "\(id) shows a MAC or signature")
                #expect(!reproduction.contains(String(Base64Codec.encodeURL(output).prefix(12))), "\(id) shows a signature")
            }
            if let secret { #expect(!reproduction.contains(String(secret.exportedText().dropFirst(6).prefix(12))), "\(id) shows the secret") }
            for form in keys.confidentialForms { #expect(!reproduction.contains(String(decoding: form.prefix(12), as: UTF8.self)), "\(id) shows a key") }

            if Self.probeOnly.contains(id) || caseResult.exchanges.contains(where: { $0.prepared.jwksChange != nil }) {
                #expect(reproduction.contains("No runnable snippet for this case: ") && reproduction.contains("--only \(id)"), "\(id): \(reproduction)")
                continue
            }
            #expect(reproduction.hasPrefix("# \(id): "), "\(id) has no runnable snippet: \(reproduction.suffix(400))")
            if setup.scheme == .v1 { #expect(reproduction.contains("openssl dgst -sha256 -mac HMAC"), "\(id) is not an exact script") }
            for exchange in caseResult.exchanges {
                if case .response(let response) = exchange.answer { expected[id, default: []].append(response.status) }
            }
            script += "printf '\\n@@case \(id)\\n'\n( \(reproduction)\n) || printf '\\n@@failed\\n'\n"
        }
        let file = scratch.appendingPathComponent("reproductions.sh")
        try script.write(to: file, atomically: true, encoding: .utf8)

        let now = Int64(Date().timeIntervalSince1970.rounded(.down))
        frozen.withLockedValue { $0 = now }
        var environment = [
            "HOOKSPEC_NOW": String(now),
            "PATH": hookspec.url.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ]
        if let secret { environment["HOOKSPEC_SECRET"] = secret.exportedText() }
        let run = try await bash.run([file.path], environment: environment, hangGuardSeconds: 600)
        #expect(run.status == 0 && !run.timedOut, "\(run.errorOutput.suffix(2_000))")
        var got: [String: [Int]] = [:]
        var current = ""
        for line in run.output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("@@case ") { current = String(line.dropFirst(7)) }
            if line.hasPrefix("HTTP/"), let status = Int(line.split(separator: " ").dropFirst().first ?? "") { got[current, default: []].append(status) }
        }
        for (id, statuses) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[id] == statuses, "\(id): the probe got \(statuses), the reproduction \(got[id] ?? [])")
        }
        #expect(!run.output.contains("@@failed"), "\(run.errorOutput.suffix(2_000))")
    }
}
