import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import NIOCore
import NIOPosix

/// Fixed inputs so every answer is reproducible: a published test secret and a frozen clock.
enum Fixture {
    static let secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let otherSecretText = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    static let now: Int64 = 1_700_000_000
    static let envelope = #"{"type":"batch.succeeded","version":"v1","timestamp":"2023-11-14T22:13:20Z","data":{"id":"batches/1","output_file_uri":"gs://b/o"}}"#

    static var secret: WebhookSecret { try! WebhookSecret(parsing: secretText) }
    static var otherSecret: WebhookSecret { try! WebhookSecret(parsing: otherSecretText) }

    /// The `v1,…` entry for these parts under `secret`.
    static func entry(id: String, timestamp: String, body: String, secret: WebhookSecret = Fixture.secret) -> String {
        StandardWebhookSigner.v1Entry(secret: secret, id: id, timestamp: timestamp, body: Array(body.utf8))
    }

    /// A request with these header fields (names as written) and body.
    static func request(_ headers: [(String, String)], body: String) -> ProbeRequest {
        ProbeRequest(headers: headers.map { (Array($0.0.utf8), Array($0.1.utf8)) }, body: Array(body.utf8))
    }

    /// A correctly signed delivery; every part can be overridden.
    static func delivery(
        id: String = "msg_\(UInt64.random(in: 1...UInt64.max))", timestamp: String = String(now), body: String = envelope,
        signature: String? = nil, names: (String, String, String) = ("webhook-id", "webhook-timestamp", "webhook-signature")
    ) -> ProbeRequest {
        let signature = signature ?? entry(id: id, timestamp: timestamp, body: body)
        return request([(names.0, id), (names.1, timestamp), (names.2, signature)], body: body)
    }
}

/// A running receiver and a transport aimed at it; both torn down by `withReceiver`.
struct ReceiverUnderTest {
    let receiver: WebhookReceiver
    let transport: NIOProbeTransport
    let port: Int
    let group: any EventLoopGroup

    func send(_ request: ProbeRequest) async -> ProbeAnswer {
        await transport.send(request)
    }

    /// The response, or a recorded failure turned into a thrown error.
    func response(_ request: ProbeRequest) async throws -> ProbeResponse {
        switch await transport.send(request) {
        case .response(let response): return response
        case .transportFailure(let failure): throw failure
        }
    }
}

/// Starts a receiver on a free loopback port (frozen clock unless given), runs `body`, stops everything.
func withReceiver(
    mutant: ReceiverMutant? = nil, secrets: [WebhookSecret] = [Fixture.secret], publicKeys: [Ed25519PublicKey] = [],
    path: String = "/hook",
    maximumBodyBytes: Int = 1 << 20, idleTimeoutSeconds: Double = 30,
    headDeadlineSeconds: Double = 10, bodyDeadlineSeconds: Double = 30, maximumConnections: Int = 512, deliveryQueueCapacity: Int = 10_000, slowAnswerSeconds: Double = ReceiverMutant.slowAnswerSeconds, clock: @escaping @Sendable () -> Int64 = { Fixture.now },
    configure: (inout ReceiverConfiguration) -> Void = { _ in },
    _ body: (ReceiverUnderTest) async throws -> Void
) async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    var configuration = ReceiverConfiguration(path: path, secrets: secrets, publicKeys: publicKeys, maximumBodyBytes: maximumBodyBytes,
            idleTimeoutSeconds: idleTimeoutSeconds, headDeadlineSeconds: headDeadlineSeconds, bodyDeadlineSeconds: bodyDeadlineSeconds,
            maximumConnections: maximumConnections, deliveryQueueCapacity: deliveryQueueCapacity, mutant: mutant,
            slowAnswerSeconds: slowAnswerSeconds, clock: clock)
    // The fetch timeout is not what these tests are about: the longest allowed, so a starved
    // machine does not turn a JWKS fetch into an unknown kid.
    configuration.jwksFetchTimeoutSeconds = ReceiverConfiguration.longestJWKSFetchTimeoutSeconds
    configure(&configuration)
    let receiver = try WebhookReceiver(configuration: configuration)
    do {
        let port = try await receiver.start()
        let transport = try NIOProbeTransport(
            target: ProbeTarget(url: "http://127.0.0.1:\(port)\(path)"),
            configuration: TransportConfiguration(connectTimeoutSeconds: 30, totalTimeoutSeconds: 120), group: group)
        try await body(ReceiverUnderTest(receiver: receiver, transport: transport, port: port, group: group))
    } catch {
        await receiver.stop()
        try? await group.shutdownGracefully()
        throw error
    }
    await receiver.stop()
    try await group.shutdownGracefully()
}
