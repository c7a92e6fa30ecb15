import Foundation
import HookSpecCore
import HookSpecProbe
import HookSpecSender
import NIOPosix

/// A listener on 127.0.0.1:0 and a way to post to it, for the listen tests.
struct ListenFixture {
    let listener: SenderListener
    let port: Int

    init(secrets: [WebhookSecret] = [], publicKeys: [Ed25519PublicKey] = [], answers: AnswerScript = AnswerScript()) async throws {
        try await self.init(configuration: ListenConfiguration(
            secrets: secrets, publicKeys: publicKeys, answers: answers, clock: { Date().timeIntervalSince1970 }))
    }

    init(configuration: ListenConfiguration) async throws {
        listener = try SenderListener(configuration: configuration, catalog: try EventCatalog.bundled())
        port = try await listener.start()
    }

    /// Posts `body` with `headers` (a content-type is added unless given); returns the status answered.
    func post(_ headers: [(String, String)], body: String) async throws -> Int {
        let target = try ProbeTarget(url: "http://127.0.0.1:\(port)/hook")
        // A hang guard, not a test subject: a starved CI machine can take seconds to answer.
        let transport = try NIOProbeTransport(
            target: target, configuration: TransportConfiguration(connectTimeoutSeconds: 30, totalTimeoutSeconds: 120), group: MultiThreadedEventLoopGroup.singleton)
        var fields = headers
        if !fields.contains(where: { $0.0.lowercased() == "content-type" }) { fields.append(("content-type", "application/json")) }
        let request = ProbeRequest(headers: fields.map { (Array($0.0.utf8), Array($0.1.utf8)) }, body: Array(body.utf8))
        switch await transport.send(request) {
        case .response(let response): return response.status
        case let other: throw FixtureError.noAnswer(String(describing: other))
        }
    }

    enum FixtureError: Error { case noAnswer(String) }

    static func secret(_ byte: UInt8) throws -> WebhookSecret {
        try WebhookSecret(rawBytes: Array(repeating: byte, count: 32))
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// Standard Webhooks headers signed by the core with every secret.
    static func signed(id: String, timestamp: Int64, body: String, secrets: [WebhookSecret]) -> [(String, String)] {
        StandardWebhookSigner.headers(id: id, timestamp: timestamp, body: Array(body.utf8), secrets: secrets).fields.map { ($0.name, $0.value) }
    }

    static func envelope(_ batch: String) -> String {
        #"{"type":"batch.cancelled","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/\#(batch)"}}"#
    }
}

extension InspectedDelivery {
    /// The rules that failed, by name.
    var failedRules: Set<String> { Set(results.filter { $0.verdict == .failed }.map(\.rule.rawValue)) }
}
