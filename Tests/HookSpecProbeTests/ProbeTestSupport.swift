import Foundation
import HookSpecCore
import HookSpecReceiver
import HookSpecReport
import NIOCore
import NIOPosix
import Testing

@testable import HookSpecProbe

/// A transport answered by a closure: no network, for grader and runner tests.
struct ScriptedTransport: ProbeTransport {
    let answer: @Sendable (ProbeRequest) -> ProbeAnswer

    func send(_ request: ProbeRequest) async -> ProbeAnswer { answer(request) }
}

/// A fake receiver in-process: verifies with the core under `secret`, answers 200/401 like a receiver would.
/// Used to drive the runner (and §9.6 diagnostics) without sockets.
func verifyingTransport(secret: WebhookSecret, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) -> ScriptedTransport {
    let verifier = StandardWebhookVerifier(secrets: [secret])
    return ScriptedTransport { request in
        switch verifier.verify(headers: receivedHeaders(request), body: request.body, now: now()) {
        case .success: return .response(ProbeResponse(status: 200, headers: [], body: Array("{\"status\":\"received\"}".utf8), latencySeconds: 0.001))
        case .failure(let rejection): return .response(ProbeResponse(status: 401, headers: [], body: Array("{\"error\":\"\(rejection.code.rawValue)\"}".utf8), latencySeconds: 0.001))
        }
    }
}

/// A fixed test secret (24+ bytes), never a real one.
let testSecret: WebhookSecret = {
    // 32 bytes of 0x2A; a literal, so a failure here is a bug in the test itself.
    (try? WebhookSecret(rawBytes: [UInt8](repeating: 0x2A, count: 32)))!
}()

/// Keys of every scheme for the whole test run. The RSA keys are the committed test keys of
/// `vectors/jose/keys/`: generating them here would block the cooperative pool for seconds on a
/// busy machine and stall every other suite.
let testRunKeys: [ProbeScheme: ProbeKeys] = {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("vectors/jose/keys")
    func pem(_ name: String) -> String {
        guard let text = try? String(contentsOf: directory.appendingPathComponent(name + ".pem"), encoding: .utf8) else {
            preconditionFailure("test key \(name).pem is missing from vectors/jose/keys")
        }
        return text
    }
    do {
        let rsa = RSARunKeys(
            primary: NamedRSAKey(keyID: "hookspec-rsa-1", key: try RS256SigningKey(pemRepresentation: pem("trusted-rs256-2048"))),
            rotation: NamedRSAKey(keyID: "hookspec-rsa-rotated", key: try RS256SigningKey(pemRepresentation: pem("oracle-3072"))),
            attacker: NamedRSAKey(keyID: HostileTokenFactory.attackerKeyID, key: try RS256SigningKey(pemRepresentation: pem("attacker-rs256-2048"))),
            weak: NamedRSAKey(keyID: HostileTokenFactory.weakKeyID, key: try RS256SigningKey(weakPEMRepresentation: pem("weak-rs256-1024"))),
            audience: RSARunKeys.defaultAudience)
        return [.v1: .v1(HMACRunKeys(secret: testSecret)), .v1a: .v1a(Ed25519RunKeys.generate()), .jwt: .jwt(rsa)]
    } catch {
        preconditionFailure("test RSA keys: \(error)")
    }
}()

/// The test keys of `scheme`.
func testKeys(_ scheme: ProbeScheme) -> ProbeKeys {
    guard let keys = testRunKeys[scheme] else { preconditionFailure("no test keys for \(scheme)") }
    return keys
}

/// The fields of `request` as a receiver's HTTP parser hands them over: optional whitespace around
/// values removed (RFC 9110 §5.5).
func receivedHeaders(_ request: ProbeRequest) -> HeaderFields {
    func trimmed(_ text: String) -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(text.drop(while: isOWS).reversed().drop(while: isOWS).reversed())
    }
    return HeaderFields(request.headers.map { (String(decoding: $0.name, as: UTF8.self), trimmed(String(decoding: $0.value, as: UTF8.self))) })
}

/// The verifier of the trusted JWKS after `changes` (`jwt` keys only).
func strictTokenVerifier(_ keys: RSARunKeys, changes: [JWKSChange]) throws -> RS256TokenVerifier {
    var documents = JWKSDocuments(keys: [.jwt(keys)])
    for change in changes { documents.apply(change) }
    return RS256TokenVerifier(keys: try JSONWebKeySet(parsing: documents.trusted), policy: TokenPolicy(audience: keys.audience, issuer: keys.issuer))
}

/// The strict core's verdict on `request` as a receiver holding `keys` (and the JWKS after `changes`) sees it.
func strictCoreAccepts(_ request: ProbeRequest, keys: ProbeKeys, changes: [JWKSChange], now: Int64) -> Result<Void, Rejection> {
    let headers = receivedHeaders(request)
    switch keys {
    case .v1(let v1):
        return StandardWebhookVerifier(secrets: [v1.secret]).verify(headers: headers, body: request.body, now: now).map { _ in }
    case .jwt(let jwt):
        do {
            return try strictTokenVerifier(jwt, changes: changes).verify(headers: headers, body: request.body, now: now).map { _ in }
        } catch let rejection as Rejection {
            return .failure(rejection)
        } catch {
            preconditionFailure("JWKS parsing throws only rejections: \(error)")
        }
    case .v1a:
        var documents = JWKSDocuments(keys: [keys])
        for change in changes { documents.apply(change) }
        let set: JSONWebKeySet
        do { set = try JSONWebKeySet(parsing: documents.trusted) } catch { return .failure(error) }
        return StandardWebhookVerifier(publicKeys: set.ed25519Keys).verify(headers: headers, body: request.body, now: now).map { _ in }
    }
}

/// A unique report directory under the system temporary directory.
func temporaryReportPaths(_ label: String) -> ProbeReportPaths {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-probe-\(label)-\(UUID().uuidString)").path
    return ProbeReportPaths(
        junit: directory + "/probe.xml", json: directory + "/probe.json", markdown: directory + "/probe.md",
        sarif: directory + "/probe.sarif", html: directory + "/probe.html")
}

/// Why a test's probe session did not run.
struct SessionSetupFailure: Error, CustomStringConvertible {
    let description: String
}

/// For tests that are not about answer time: on a busy CI machine a receiver's latency says nothing
/// about it, so only a test of the latency rule uses SPEC §6's figures.
let patientLatency = LatencyLimits(warnSeconds: 60, failSeconds: 100)

/// Timeouts for tests that are not about timeouts: a hang guard, longer than any busy machine's stall.
let patientTransport = TransportConfiguration(connectTimeoutSeconds: 30, totalTimeoutSeconds: 120)

/// The embedded reference receiver with the longest JWKS fetch timeout it allows: the fetch's
/// timing is not what probe tests are about, and a starved machine must not turn it into an unknown kid.
func patientLauncher(adjust: @escaping @Sendable (inout ReceiverConfiguration) -> Void = { _ in }) -> ReferenceReceiverLauncher {
    ReferenceReceiverLauncher { configuration in
        configuration.jwksFetchTimeoutSeconds = ReceiverConfiguration.longestJWKSFetchTimeoutSeconds
        adjust(&configuration)
    }
}

/// Runs one probe session on an event loop group of its own; its outcome, which must hold a result.
func runSession(_ options: ProbeSessionOptions, launcher: (any EmbeddedReceiverLauncher)? = nil) async throws -> ProbeSessionOutcome {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let outcome = await ProbeSession(options: options, launcher: launcher, group: group).run()
    try await group.shutdownGracefully()
    guard outcome.result != nil else { throw SessionSetupFailure(description: outcome.setupFailure ?? "no result") }
    return outcome
}

/// Starts the reference receiver (or `mutant`) of `scheme` on a free loopback port through the same
/// `ProbeSession` the command line uses, probes it, stops it. Keys are the test run's (RSA made once).
func probeEmbeddedReceiver(
    scheme: ProbeScheme = .v1, mutant: ReceiverMutant? = nil, selection: CaseSelection = .init(), strict: Bool = false,
    transport: TransportConfiguration = patientTransport, latency: LatencyLimits = patientLatency, secret: WebhookSecret? = nil,
    adjust: @escaping @Sendable (inout ReceiverConfiguration) -> Void = { _ in }
) async throws -> ProbeRunResult {
    let keys: ProbeKeys = scheme == .v1 ? .v1(HMACRunKeys(secret: try secret ?? WebhookSecret.random())) : testKeys(scheme)
    let options = ProbeSessionOptions(
        scheme: .fixed(scheme), mutant: mutant?.name, keys: [scheme: keys], selection: selection, strict: strict,
        transport: transport, latency: latency,
        reports: temporaryReportPaths("\(scheme.rawValue)-\(mutant?.name ?? "reference")"), toolVersion: "test")
    guard let result = try await runSession(options, launcher: patientLauncher(adjust: adjust)).result else {
        preconditionFailure("runSession returns outcomes with a result")
    }
    return result
}

extension ProbeRunResult {
    /// IDs of cases with `verdict`.
    func ids(_ verdict: ProbeVerdict) -> [String] {
        results.filter { $0.grade.verdict == verdict }.map(\.probeCase.id)
    }

    /// `id: reason` lines of cases with `verdict`, for failure messages.
    func explain(_ verdict: ProbeVerdict) -> String {
        results.filter { $0.grade.verdict == verdict }.map { "\($0.probeCase.id): \($0.grade.reason)" }.joined(separator: "\n")
    }
}
