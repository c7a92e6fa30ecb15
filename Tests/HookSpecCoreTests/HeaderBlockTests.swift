import Foundation
import HookSpecCore
import TestTools
import Testing

/// Issue 11 item 9: header files as `curl -D` writes them (CRLF, `100 Continue`, several
/// blocks) and as editors write them (LF) parse alike and verify alike.
@Suite struct HeaderBlockTests {
    private static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    private func fields(_ text: String) throws -> HeaderFields {
        try HeaderBlock.parse(Array(text.utf8)).get()
    }

    @Test func crlfAndLFParseAlike() throws {
        let lf = "HTTP/1.1 200 OK\nwebhook-id: msg_1\nwebhook-timestamp:  1700000000 \nX-Empty:\n\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let expected: HeaderFields = ["webhook-id": "msg_1", "webhook-timestamp": "1700000000", "X-Empty": ""]
        #expect(try fields(lf) == expected)
        #expect(try fields(crlf) == expected)
        #expect(try HeaderBlock.parse(crlf).get() == expected, "the String entry point reads bytes too")
    }

    @Test func theLastOfSeveralBlocksCounts() throws {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 307 Temporary Redirect\r\nLocation: /b\r\nwebhook-id: old\r\n\r\n"
            + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nwebhook-id: new\r\n\r\n"
        #expect(try fields(text) == ["webhook-id": "new"])
        #expect(try fields("POST /hook HTTP/1.1\nHost: x\n") == ["Host": "x"])
    }

    @Test func malformedLinesAreNamed() {
        #expect(HeaderBlock.parse(Array("a: 1\r\nno colon\r\n".utf8)) == .failure(.malformedLine(number: 2)))
        #expect(HeaderBlock.parse(Array(": v\n".utf8)) == .failure(.malformedLine(number: 1)))
        #expect(HeaderBlock.parse(Array("bad name: v\n".utf8)) == .failure(.malformedLine(number: 1)))
        #expect(HeaderBlock.parse(Array("bad\rname: v\n".utf8)) == .failure(.malformedLine(number: 1)))
        #expect(HeaderBlock.parse([UInt8](repeating: 0x41, count: HeaderBlock.maximumBytes + 1)) == .failure(.tooLarge(limit: HeaderBlock.maximumBytes)))
        #expect(HeaderBlock.parse(Array(String(repeating: "\n", count: HeaderBlock.maximumLines + 1).utf8)) == .failure(.tooManyLines(limit: HeaderBlock.maximumLines)))
    }

    @Test func curlHeaderFilesVerifyLikeTheirLFCopies() async throws {
        guard let python = ExternalTool.find("python3"), let curl = ExternalTool.find("curl") else {
            Issue.record("python3 and curl are needed (Debian: apt-get install curl; .ci/run's image has both)")
            return
        }
        let secret = try WebhookSecret(parsing: Self.secret)
        let body = Array("{\"type\":\"test.event\",\"data\":{\"n\":1}}".utf8)
        let now: Int64 = 1_700_000_000
        let signature = StandardWebhookSigner.v1Entry(secret: secret, id: "msg_curl", timestamp: String(now), body: body)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-headers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(body).write(to: scratch.appendingPathComponent("body.json"))
        let server = try await HeaderEchoServer(
            python: python, headers: [("webhook-id", "msg_curl"), ("webhook-timestamp", String(now)), ("webhook-signature", signature)], directory: scratch)
        defer { server.stop() }
        let verifier = StandardWebhookVerifier(secrets: [secret])

        for path in ["/hook", "/redirect"] {
            let file = scratch.appendingPathComponent("dump\(path.count).txt")
            let outcome = try await server.dumpHeaders(curl: curl, path: path, body: scratch.appendingPathComponent("body.json"), to: file)
            #expect(outcome.status == 0, "\(outcome.errorOutput)")
            let crlf = try [UInt8](Data(contentsOf: file))
            let text = String(decoding: crlf, as: UTF8.self)
            #expect(text.contains("\r\n"), "curl -D writes CRLF")
            #expect(text.hasPrefix("HTTP/1.1 100 Continue\r\n"), "a 100 Continue block first: \(text)")
            if path == "/redirect" { #expect(text.contains("307")) }
            let lf = Array(text.replacingOccurrences(of: "\r\n", with: "\n").utf8)

            let fromCRLF = try HeaderBlock.parse(crlf).get(), fromLF = try HeaderBlock.parse(lf).get()
            #expect(fromCRLF == fromLF)
            #expect(fromCRLF.values(for: "webhook-signature") == [signature])
            let verdicts = [fromCRLF, fromLF].map { verifier.verify(headers: $0, body: body, now: now) }
            guard case .success(let delivery) = verdicts[0], case .success = verdicts[1] else {
                Issue.record("a curl -D file of a valid delivery was rejected: \(verdicts)")
                continue
            }
            #expect(delivery.id == "msg_curl")
            // A tampered body is rejected the same way from both files.
            let tampered = [fromCRLF, fromLF].map { verifier.verify(headers: $0, body: body + [0x20], now: now) }
            guard case .failure(let first) = tampered[0], case .failure(let second) = tampered[1] else {
                Issue.record("a tampered body was accepted")
                continue
            }
            #expect(first.code == second.code)
        }
    }
}
