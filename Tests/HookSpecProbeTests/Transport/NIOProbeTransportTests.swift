import HookSpecProbe
import NIOCore
import NIOPosix
import Testing

/// Runs `body` with a one-thread group and shuts the group (and every server on it) down afterwards.
func withLoopbackGroup(_ body: (any EventLoopGroup) async throws -> Void) async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    do {
        try await body(group)
    } catch {
        try? await group.shutdownGracefully()
        throw error
    }
    try await group.shutdownGracefully()
}

@Suite("NIO probe transport on loopback")
struct NIOProbeTransportTests {
    static let okAnswer = Array("HTTP/1.1 204 No Content\r\nX-Seen: yes\r\n\r\n".utf8)

    private func transport(port: Int, group: any EventLoopGroup, total: Double = 2, limit: Int = 64 * 1024) throws -> NIOProbeTransport {
        let target = try ProbeTarget(url: "http://127.0.0.1:\(port)/hook?x=1")
        return try NIOProbeTransport(
            target: target,
            configuration: .init(connectTimeoutSeconds: 1, totalTimeoutSeconds: total, maximumResponseBodyBytes: limit),
            group: group)
    }

    private func send(_ behaviour: ScriptedBehaviour, _ request: ProbeRequest = ProbeRequest(headers: [], body: []), total: Double = 2, limit: Int = 64 * 1024) async throws -> ProbeAnswer {
        var answer = ProbeAnswer.transportFailure(.other("not run"))
        try await withLoopbackGroup { group in
            let server = try await LoopbackScriptedServer.start(group: group, behaviour: behaviour)
            answer = try await transport(port: server.port, group: group, total: total, limit: limit).send(request)
        }
        return answer
    }

    @Test("writes duplicate, re-cased, odd and non-ASCII headers byte for byte and reads the answer")
    func byteExactRequest() async throws {
        let request = ProbeRequest(
            headers: [
                (Array("WEBHOOK-ID".utf8), Array("msg_1".utf8)),
                (Array("webhook-id".utf8), Array("msg_2".utf8)),
                (Array("webhook-timestamp".utf8), Array("  1700000000\t".utf8)),
                (Array("X-Bytes".utf8), [0xC3, 0xA9, 0xFF]),
            ],
            body: Array("{\"a\":1}\n".utf8))
        try await withLoopbackGroup { group in
            let probeTarget = try ProbeTarget(url: "http://127.0.0.1:1/hook?x=1")
            let expected = ProbeRequestWire.bytes(for: request, target: probeTarget)
            let server = try await LoopbackScriptedServer.start(group: group, behaviour: .answer(Self.okAnswer, afterBytes: expected.count))
            let answer = try await transport(port: server.port, group: group).send(request)

            guard case .response(let response) = answer else {
                Issue.record("expected a response, got \(answer)")
                return
            }
            #expect(response.status == 204)
            #expect(response.headers.contains { $0.name == "X-Seen" && $0.value == "yes" })
            #expect(response.latencySeconds >= 0)
            #expect(!response.bodyTruncated)
            // The Host header names the real port; everything else is the case's bytes as given.
            let wire = server.receivedBytes
            let text = String(decoding: wire, as: UTF8.self)
            #expect(text.hasPrefix("POST /hook?x=1 HTTP/1.1\r\nWEBHOOK-ID: msg_1\r\nwebhook-id: msg_2\r\nwebhook-timestamp:   1700000000\t\r\n"))
            #expect(wire.firstRange(of: Array("X-Bytes: ".utf8) + [0xC3, 0xA9, 0xFF, 0x0D, 0x0A]) != nil)
            #expect(text.contains("Host: 127.0.0.1:\(server.port)\r\n"))
            #expect(text.contains("Content-Length: 8\r\n"))
            #expect(text.contains("Connection: close\r\n"))
            #expect(text.hasSuffix("\r\n\r\n{\"a\":1}\n"))
        }
    }

    @Test("raw framing adds nothing to the case's headers")
    func rawFraming() throws {
        let request = ProbeRequest(headers: [(Array("Content-Length".utf8), Array("3".utf8))], body: Array("abc".utf8), rawFraming: true)
        let target = try ProbeTarget(url: "http://127.0.0.1:8080/")
        let text = String(decoding: ProbeRequestWire.bytes(for: request, target: target), as: UTF8.self)
        #expect(text == "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
    }

    @Test("a redirect is an answer, never followed")
    func redirectNotFollowed() async throws {
        let answer = Array("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n".utf8)
        let result = try await send(.answer(answer, afterBytes: 1))
        guard case .response(let response) = result else {
            Issue.record("expected the 302 itself, got \(result)")
            return
        }
        #expect(response.status == 302)
    }

    @Test("a long body is truncated at the limit and flagged; an EOF-framed body is read to the end")
    func truncation() async throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
        let answer = Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8) + body
        let result = try await send(.answer(answer, afterBytes: 1), limit: 1000)
        guard case .response(let response) = result else {
            Issue.record("expected a response, got \(result)")
            return
        }
        #expect(response.status == 400)
        #expect(response.body.count == 1000)
        #expect(response.bodyTruncated)
    }

    @Test("a target that never answers times out within the total timeout")
    func hangingTarget() async throws {
        let result = try await send(.hang, total: 0.5)
        // Only the transport's own 0.5 s timer produces this failure, so equality proves the timeout
        // fired. Wall time is not checked: a starved cooperative pool resumes this task minutes late.
        #expect(result == .transportFailure(.timedOut(afterSeconds: 0.5)))
    }

    @Test("a reset connection is connectionReset")
    func resetTarget() async throws {
        let result = try await send(.reset, ProbeRequest(headers: [], body: Array("{}".utf8)))
        #expect(result == .transportFailure(.connectionReset))
    }

    @Test("garbage instead of HTTP is malformedResponse", arguments: [
        "NOT HTTP AT ALL\r\n\r\n",
        "HTTP/1.1 abc Nope\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        "",
    ])
    func garbageTarget(answer: String) async throws {
        let result = try await send(.answer(Array(answer.utf8), afterBytes: 1))
        guard case .transportFailure(.malformedResponse) = result else {
            Issue.record("expected malformedResponse, got \(result)")
            return
        }
    }

    @Test("a closed port is connectionRefused")
    func refusedPort() async throws {
        try await withLoopbackGroup { group in
            let reserved = try #require(ReservedClosedPort())
            let result = try await transport(port: reserved.port, group: group).send(ProbeRequest(headers: [], body: []))
            #expect(result == .transportFailure(.connectionRefused))
            withExtendedLifetime(reserved) {}
        }
    }

    @Test("a spent budget sends nothing")
    func budget() async throws {
        try await withLoopbackGroup { group in
            let server = try await LoopbackScriptedServer.start(group: group, behaviour: .answer(Self.okAnswer, afterBytes: 1))
            let budget = RequestBudget(limit: 1)
            let transport = try NIOProbeTransport(
                target: ProbeTarget(url: "http://127.0.0.1:\(server.port)/"), group: group, budget: budget)
            guard case .response = await transport.send(ProbeRequest(headers: [], body: [])) else {
                Issue.record("the first request should be sent")
                return
            }
            #expect(await transport.send(ProbeRequest(headers: [], body: [])) == .transportFailure(.budgetExhausted(limit: 1)))
            #expect(await budget.remaining == 0)
        }
    }
}
