import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import HookSpecServer
import NIOCore
import Testing

/// Hostile clients (issue 10 item 5). Each test decides on structure: who closed the connection and
/// which limit the receiver says it applied; wall time appears only as a hang guard.
@Suite("Reference receiver under hostile clients")
struct ReceiverHardeningTests {
    @Test("a client dripping its head one byte at a time is cut off by the head deadline, not kept alive by the drip")
    func headDeadline() async throws {
        // The idle timeout (30 s) would never fire: a byte arrives every 50 ms. Only a deadline that
        // does not restart on each byte can end this connection; the head never completes by itself.
        try await withReceiver(idleTimeoutSeconds: 30, headDeadlineSeconds: 0.5) { target in
            let start = Array("POST /hook HTTP/1.1\r\nHost: x\r\nX-Drip: ".utf8)
            let drip = Array(repeating: [UInt8(ascii: "a")], count: 1200)
            let outcome = try await rawExchangeOutcome(
                port: target.port, bytes: start, group: target.group, then: drip, gapMilliseconds: 50, giveUpSeconds: 120)
            #expect(outcome.closedByServer)
            #expect(outcome.received.isEmpty)
            #expect(target.receiver.connections.closures(.headDeadline) == 1)
            #expect(target.receiver.connections.closures(.bodyDeadline) == 0)
        }
    }

    @Test("a client dripping its body is cut off by the body deadline")
    func bodyDeadline() async throws {
        try await withReceiver(idleTimeoutSeconds: 30, bodyDeadlineSeconds: 0.5) { target in
            let head = Array("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n".utf8)
            let drip = Array(repeating: [UInt8(ascii: " ")], count: 1200)
            let outcome = try await rawExchangeOutcome(
                port: target.port, bytes: head, group: target.group, then: drip, gapMilliseconds: 50, giveUpSeconds: 120)
            #expect(outcome.closedByServer)
            #expect(target.receiver.connections.closures(.bodyDeadline) == 1)
            #expect(target.receiver.connections.closures(.headDeadline) == 0)
            await target.receiver.ledger.waitUntilIdle()
            #expect(target.receiver.ledger.totalProcessed == 0)
        }
    }

    @Test("past the connection cap a client waits; it is served once a held connection closes")
    func connectionCap() async throws {
        // The head deadline is only a hang guard here: the test itself closes a held connection.
        // (With a 10 s deadline a starved test once opened its second connection after the first
        // had already been closed, and the cap was never full.)
        try await withReceiver(headDeadlineSeconds: 600, maximumConnections: 2) { target in
            let first = try await openSilentConnection(port: target.port, group: target.group)
            let second = try await openSilentConnection(port: target.port, group: target.group)
            try await waitUntil(seconds: 120) { target.receiver.connections.openCount == 2 }
            async let answer = target.response(Fixture.delivery(id: "msg_capped"))
            // Lets the delivery knock while the cap is full; the outcome does not depend on it.
            try await Task.sleep(for: .milliseconds(300))
            #expect(target.receiver.ledger.timesProcessed("msg_capped") == 0, "served past the cap")
            try await first.close()
            let response = try await answer
            #expect(response.status == 200)
            // Never three open at once: the delivery got in only after a held connection closed.
            #expect(target.receiver.connections.peakOpenCount == 2)
            try? await second.close()
        }
    }

    @Test("a full delivery queue processes on the request path: answered 200, processed before the answer")
    func boundedQueue() async throws {
        try await withReceiver(deliveryQueueCapacity: 0) { target in
            let response = try await target.response(Fixture.delivery(id: "msg_inline"))
            #expect(response.status == 200)
            // No waiting for the worker: with no room in the queue it was processed before the answer.
            #expect(target.receiver.ledger.timesProcessed("msg_inline") == 1)
            #expect(target.receiver.ledger.processedInline == 1)
            let again = try await target.response(Fixture.delivery(id: "msg_inline"))
            #expect(again.status == 200)
            #expect(target.receiver.ledger.timesProcessed("msg_inline") == 1)
        }
    }

    @Test("after an early 413 the receiver drops a bounded amount of body, then closes")
    func discardBound() async throws {
        try await withReceiver(maximumBodyBytes: 1000) { target in
            // Declared 100 MB: answered 413 from the head; the server drops 512 KiB of body at most.
            let head = Array("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n".utf8)
            let chunk = [UInt8](repeating: 0x20, count: 64 * 1024)
            let outcome = try await rawExchangeOutcome(
                port: target.port, bytes: head, group: target.group, then: Array(repeating: chunk, count: 32), giveUpSeconds: 60)
            #expect(outcome.closedByServer)
            #expect(target.receiver.connections.closures(.discardLimit) == 1)
        }
    }
}

/// Polls `condition` every 10 ms; fails after `seconds` (a hang guard, not a measurement).
func waitUntil(seconds: Double = 30, _ condition: () -> Bool) async throws {
    var waited = 0.0
    while !condition() {
        guard waited < seconds else {
            Issue.record("condition not reached within \(seconds) s")
            return
        }
        try await Task.sleep(nanoseconds: 10_000_000)
        waited += 0.01
    }
}
