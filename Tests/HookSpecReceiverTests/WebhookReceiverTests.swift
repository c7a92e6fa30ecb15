import SeededRandom
import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import Testing

@Suite("Reference receiver (SPEC §6)")
struct WebhookReceiverTests {
    @Test("a valid delivery gets 200 and is processed exactly once, after the answer")
    func acceptsValid() async throws {
        try await withReceiver { target in
            let response = try await target.response(Fixture.delivery(id: "msg_valid"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"status":"accepted"}"#)
            await target.receiver.ledger.waitUntilIdle()
            #expect(target.receiver.ledger.timesProcessed("msg_valid") == 1)
            #expect(target.receiver.ledger.totalProcessed == 1)
        }
    }

    @Test("an exact replay gets 200 and is not processed again")
    func dedupes() async throws {
        try await withReceiver { target in
            let delivery = Fixture.delivery(id: "msg_dup")
            let status1 = try await target.response(delivery).status
            #expect(status1 == 200)
            let second = try await target.response(delivery)
            #expect(second.status == 200)
            #expect(String(decoding: second.body, as: UTF8.self) == #"{"status":"duplicate"}"#)
            await target.receiver.ledger.waitUntilIdle()
            #expect(target.receiver.ledger.timesProcessed("msg_dup") == 1)
        }
    }

    @Test("twenty concurrent copies of one delivery: all 2xx, processed exactly once")
    func concurrentDuplicates() async throws {
        try await withReceiver { target in
            let delivery = Fixture.delivery(id: "msg_race")
            let statuses = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        if case .response(let response) = await target.send(delivery) { return response.status }
                        return -1
                    }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 20 && statuses.allSatisfy { $0 == 200 })
            await target.receiver.ledger.waitUntilIdle()
            #expect(target.receiver.ledger.timesProcessed("msg_race") == 1)
            #expect(target.receiver.ledger.totalProcessed == 1)
        }
    }

    @Test("the processed stream reports each delivery once")
    func processedStream() async throws {
        try await withReceiver { target in
            for index in 0..<3 {
                _ = try await target.response(Fixture.delivery(id: "msg_s\(index)"))
            }
            _ = try await target.response(Fixture.delivery(id: "msg_s0"))
            await target.receiver.ledger.waitUntilIdle()
            // The replayed msg_s0 must not be a fourth processing. Checked before reading the stream:
            // reading stops at three, so it would never see a fourth, and with fewer it would wait forever.
            try #require(target.receiver.ledger.totalProcessed == 3)
            var seen: [String] = []
            for await delivery in target.receiver.processed {
                seen.append(delivery.id ?? "?")
                #expect(delivery.timesProcessed == 1 && delivery.eventType == "batch.succeeded")
                if seen.count == 3 { break }
            }
            #expect(Set(seen) == ["msg_s0", "msg_s1", "msg_s2"])
        }
    }

    @Test("rotation: a delivery signed by any configured secret is accepted")
    func rotation() async throws {
        try await withReceiver(secrets: [Fixture.otherSecret, Fixture.secret]) { target in
            let status2 = try await target.response(Fixture.delivery()).status
            #expect(status2 == 200)
        }
    }

    @Test("v1a: an Ed25519 entry verifies against a configured public key; another key's does not")
    func ed25519() async throws {
        let key = Ed25519SigningKey()
        let stranger = Ed25519SigningKey()
        try await withReceiver(publicKeys: [key.publicKey], configure: { $0.scheme = .v1a }) { target in
            let ts = String(Fixture.now)
            let good = StandardWebhookSigner.v1aEntry(key: key, id: "msg_a", timestamp: ts, body: Array(Fixture.envelope.utf8))
            let bad = StandardWebhookSigner.v1aEntry(key: stranger, id: "msg_b", timestamp: ts, body: Array(Fixture.envelope.utf8))
            let accepted = try await target.response(Fixture.delivery(id: "msg_a", signature: good)).status
            let rejected = try await target.response(Fixture.delivery(id: "msg_b", signature: bad)).status
            #expect(accepted == 200)
            #expect(rejected == 401)
        }
    }

    @Test("spaces and tabs around header values are not part of them (RFC 9110 §5.5)")
    func optionalWhitespace() async throws {
        try await withReceiver { target in
            let id = "msg_ows", ts = String(Fixture.now)
            let entry = Fixture.entry(id: id, timestamp: ts, body: Fixture.envelope)
            let request = Fixture.request(
                [("webhook-id", " \t\(id) "), ("webhook-timestamp", "  \(ts)\t"), ("webhook-signature", " \(entry)  ")],
                body: Fixture.envelope)
            let status = try await target.response(request).status
            #expect(status == 200)
        }
    }

    @Test("an unknown event type with a valid signature is accepted")
    func unknownType() async throws {
        try await withReceiver { target in
            let body = #"{"type":"something.new","version":"v1","timestamp":"2023-11-14T22:13:20Z","data":{"id":"x"}}"#
            let status3 = try await target.response(Fixture.delivery(body: body)).status
            #expect(status3 == 200)
        }
    }

    @Test("Expect: 100-continue gets an interim 100 before the final answer")
    func expectContinue() async throws {
        try await withReceiver { target in
            let delivery = Fixture.delivery(id: "msg_continue")
            var request = delivery
            request.headers.append((Array("Expect".utf8), Array("100-continue".utf8)))
            let wire = ProbeRequestWire.bytes(for: request, target: try ProbeTarget(url: "http://127.0.0.1:\(target.port)/hook"))
            let text = String(decoding: try await rawExchange(port: target.port, bytes: wire, group: target.group), as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"))
        }
    }

    /// One invalid delivery, the status the mapping gives it, and the code in its body.
    struct InvalidCase: Sendable, CustomTestStringConvertible {
        let name: String
        let request: @Sendable () -> ProbeRequest
        let status: Int
        let code: String
        var testDescription: String { name }
    }

    static let invalidCases: [InvalidCase] = {
        let id = "msg_bad"
        let ts = String(Fixture.now)
        let good = Fixture.entry(id: id, timestamp: ts, body: Fixture.envelope)
        let goodBase64 = String(good.dropFirst(3))
        func headers(_ extra: [(String, String)], body: String = Fixture.envelope) -> @Sendable () -> ProbeRequest {
            { Fixture.request(extra, body: body) }
        }
        return [
            InvalidCase(name: "no webhook-id", request: headers([("webhook-timestamp", ts), ("webhook-signature", good)]), status: 400, code: "header_missing"),
            InvalidCase(name: "no webhook-timestamp", request: headers([("webhook-id", id), ("webhook-signature", good)]), status: 400, code: "header_missing"),
            InvalidCase(name: "no webhook-signature", request: headers([("webhook-id", id), ("webhook-timestamp", ts)]), status: 400, code: "header_missing"),
            InvalidCase(name: "empty signature", request: { Fixture.delivery(id: id, signature: "") }, status: 400, code: "header_empty"),
            InvalidCase(name: "two webhook-id fields", request: headers([("webhook-id", id), ("Webhook-Id", id), ("webhook-timestamp", ts), ("webhook-signature", good)]), status: 400, code: "header_duplicate"),
            InvalidCase(name: "wrong secret", request: { Fixture.delivery(id: id, signature: Fixture.entry(id: id, timestamp: ts, body: Fixture.envelope, secret: Fixture.otherSecret)) }, status: 401, code: "signature_mismatch"),
            InvalidCase(name: "tampered body", request: { Fixture.delivery(id: id, body: Fixture.envelope + " ", signature: good) }, status: 401, code: "signature_mismatch"),
            InvalidCase(name: "tampered id", request: { Fixture.delivery(id: "msg_other", signature: good) }, status: 401, code: "signature_mismatch"),
            InvalidCase(name: "stale by 301 s", request: { Fixture.delivery(id: id, timestamp: String(Fixture.now - 301)) }, status: 401, code: "timestamp_stale"),
            InvalidCase(name: "future by 301 s", request: { Fixture.delivery(id: id, timestamp: String(Fixture.now + 301)) }, status: 401, code: "timestamp_future"),
            InvalidCase(name: "nan timestamp", request: { Fixture.delivery(id: id, timestamp: "nan") }, status: 400, code: "timestamp_malformed"),
            InvalidCase(name: "inf timestamp", request: { Fixture.delivery(id: id, timestamp: "inf") }, status: 400, code: "timestamp_malformed"),
            InvalidCase(name: "leading zero timestamp", request: { Fixture.delivery(id: id, timestamp: "0" + ts) }, status: 400, code: "timestamp_noncanonical"),
            InvalidCase(name: "entry without comma", request: { Fixture.delivery(id: id, signature: "v1" + goodBase64) }, status: 400, code: "entry_malformed"),
            InvalidCase(name: "entry with two commas", request: { Fixture.delivery(id: id, signature: "v1,," + goodBase64) }, status: 400, code: "entry_malformed"),
            InvalidCase(name: "double space", request: { Fixture.delivery(id: id, signature: "v1,AAAA  " + good) }, status: 400, code: "entry_malformed"),
            InvalidCase(name: "truncated signature", request: { Fixture.delivery(id: id, signature: String(good.prefix(20))) }, status: 400, code: "entry_malformed"),
            InvalidCase(name: "unknown version only", request: { Fixture.delivery(id: id, signature: "v2," + goodBase64) }, status: 401, code: "signature_unsupported_version"),
            InvalidCase(name: "signed body that is not JSON", request: { Fixture.delivery(id: id, body: "not json") }, status: 400, code: "envelope_invalid"),
            InvalidCase(name: "signed empty body", request: { Fixture.delivery(id: id, body: "") }, status: 400, code: "envelope_invalid"),
            InvalidCase(name: "signed JSON without type", request: { Fixture.delivery(id: id, body: #"{"data":{}}"#) }, status: 400, code: "envelope_invalid"),
            InvalidCase(name: "signed JSON with a duplicate member", request: { Fixture.delivery(id: id, body: #"{"type":"a","type":"b"}"#) }, status: 400, code: "envelope_invalid"),
            InvalidCase(name: "GET", request: { var r = Fixture.delivery(id: id); r.method = "GET"; return r }, status: 405, code: "method_not_allowed"),
        ]
    }()

    @Test("invalid deliveries get the mapped 4xx and a body with the code only", arguments: invalidCases)
    func rejects(_ invalid: InvalidCase) async throws {
        try await withReceiver { target in
            let response = try await target.response(invalid.request())
            #expect(response.status == invalid.status)
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(text == #"{"error":"\#(invalid.code)"}"#)
            #expect(!text.contains("whsec_") && !text.contains("MfKQ"))
            await target.receiver.ledger.waitUntilIdle()
            #expect(target.receiver.ledger.totalProcessed == 0)
        }
    }

    @Test("a rejected id is not remembered: the valid delivery with that id is still processed")
    func rejectionDoesNotBurnID() async throws {
        try await withReceiver { target in
            let status4 = try await target.response(Fixture.delivery(id: "msg_r", signature: "v1,AAAA")).status
            #expect(status4 == 400)
            let status5 = try await target.response(Fixture.delivery(id: "msg_r")).status
            #expect(status5 == 200)
            await target.receiver.ledger.waitUntilIdle()
            #expect(target.receiver.ledger.timesProcessed("msg_r") == 1)
        }
    }

    @Test("wrong path is 404, an oversized body 413 by Content-Length and by bytes read")
    func pathAndSize() async throws {
        try await withReceiver(maximumBodyBytes: 1000) { target in
            let wrongPath = try NIOProbeTransport(
                target: ProbeTarget(url: "http://127.0.0.1:\(target.port)/other"), group: target.group)
            guard case .response(let notFound) = await wrongPath.send(Fixture.delivery()) else {
                Issue.record("no answer on a wrong path")
                return
            }
            #expect(notFound.status == 404)
            let big = String(repeating: "x", count: 5000)
            let status6 = try await target.response(Fixture.delivery(body: big)).status
            #expect(status6 == 413)
            // Chunked: no Content-Length, so the limit is enforced while reading.
            let chunk = String(repeating: "y", count: 1500)
            let chunked = Fixture.request(
                [("webhook-id", "m"), ("Transfer-Encoding", "chunked")],
                body: String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n0\r\n\r\n")
            let status7 = try await target.response(chunked).status
            #expect(status7 == 413)
        }
    }

    @Test("a client that stops mid-request is disconnected after the idle timeout")
    func idleClient() async throws {
        try await withReceiver(idleTimeoutSeconds: 0.3) { target in
            let partial = Array("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{".utf8)
            // The server may close before the client's write lands; the exchange treats that as an outcome.
            let outcome = try await rawExchangeOutcome(port: target.port, bytes: partial, group: target.group, giveUpSeconds: 60)
            #expect(outcome.received.isEmpty)
            // The client gives up by itself only after 60 s; a close before that (seen on the event loop) is the receiver's.
            #expect(outcome.closedByServer)
            // The idle timer did it, not a deadline (both are far longer here).
            #expect(target.receiver.connections.closures(.headDeadline) == 0)
            #expect(target.receiver.connections.closures(.bodyDeadline) == 0)
        }
    }

    @Test("malformed input never gets a 5xx or a 3xx", arguments: 0..<4)
    func neverServerError(seed: Int) async throws {
        try await withReceiver { target in
            var generator = SplitMix64(seed: UInt64(seed))
            let pieces = ["v1,", "v1a,", ",", " ", "  ", "=", "==", "nan", "inf", "-1", "1e9", "0x10", "\u{00e9}", "\\", "\"", "A", "/", "+", "v1,AAAA"]
            for _ in 0..<25 {
                func junk() -> String {
                    (0..<Int(generator.next() % 6)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
                }
                let id = "msg_" + junk()
                let request = Fixture.request(
                    [("webhook-id", id), ("webhook-timestamp", generator.next() % 2 == 0 ? junk() : String(Fixture.now)),
                     ("webhook-signature", junk() + (generator.next() % 2 == 0 ? Fixture.entry(id: id, timestamp: String(Fixture.now), body: Fixture.envelope) : ""))],
                    body: generator.next() % 3 == 0 ? junk() : Fixture.envelope)
                let response = try await target.response(request)
                #expect((200..<300).contains(response.status) || (400..<500).contains(response.status), "status \(response.status)")
            }
            // Not HTTP at all: NIO's protocol error handler answers 400.
            let answer = try await rawExchange(port: target.port, bytes: Array("BR EW /hook HTTP/1.1\r\n\u{1}\r\n\r\n".utf8), group: target.group)
            #expect(String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 400 "))
        }
    }
}
