import HTTPTypes
import HookSpecReceiver
import HookSpecServer
import HummingbirdCore
import NIOCore
import NIOPosix
import Testing

/// The document host the probe serves its JWKS from, and the receiver's fetch against it.
@Suite("Document host and JWKS fetch")
struct DocumentHostTests {
    /// The fetcher's timeout where the test expects an answer: a hang guard, never the outcome
    /// (10 s ran out on CI's busy machine before the loopback host was given a turn).
    static let hangGuardSeconds = 120.0

    static func withHost(_ body: (DocumentHost, Int, any EventLoopGroup) async throws -> Void) async throws {
        let host = DocumentHost()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let port = try await host.start()
            try await body(host, port, group)
        } catch {
            await host.stop()
            try? await group.shutdownGracefully()
            throw error
        }
        await host.stop()
        await host.stop()
        try await group.shutdownGracefully()
    }

    static func request(_ method: String, _ path: String, port: Int, group: any EventLoopGroup) async throws -> String {
        // The host closes after answering, so the exchange ends on the answer, never on a client timer.
        let bytes = Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        return String(decoding: try await rawExchange(port: port, bytes: bytes, group: group), as: UTF8.self)
    }

    @Test("published paths answer GET and HEAD; other methods 405, other paths 404; withdraw makes 404; every request logged with its label")
    func publishWithdrawLog() async throws {
        try await Self.withHost { host, port, group in
            let document = #"{"keys":[]}"#
            host.publish(path: "/jwks.json", body: Array(document.utf8))
            host.setLabel("case-1")
            let get = try await Self.request("GET", "/jwks.json", port: port, group: group)
            #expect(get.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(get.lowercased().contains("content-type: application/json\r\n"))
            #expect(get.hasSuffix("\r\n\r\n" + document))
            let head = try await Self.request("HEAD", "/jwks.json?x=1", port: port, group: group)
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.hasSuffix("\r\n\r\n"))
            #expect(head.lowercased().contains("content-length: \(document.utf8.count)\r\n"))
            host.setLabel(nil)
            let post = try await Self.request("POST", "/jwks.json", port: port, group: group)
            #expect(post.hasPrefix("HTTP/1.1 405 "))
            let missing = try await Self.request("GET", "/other.json", port: port, group: group)
            #expect(missing.hasPrefix("HTTP/1.1 404 "))
            host.withdraw(path: "/jwks.json")
            host.setLabel("case-2")
            let withdrawn = try await Self.request("GET", "/jwks.json", port: port, group: group)
            #expect(withdrawn.hasPrefix("HTTP/1.1 404 "))
            #expect(host.fetches() == [
                DocumentFetch(sequence: 1, method: "GET", path: "/jwks.json", label: "case-1", status: 200),
                DocumentFetch(sequence: 2, method: "HEAD", path: "/jwks.json", label: "case-1", status: 200),
                DocumentFetch(sequence: 3, method: "POST", path: "/jwks.json", label: nil, status: 405),
                DocumentFetch(sequence: 4, method: "GET", path: "/other.json", label: nil, status: 404),
                DocumentFetch(sequence: 5, method: "GET", path: "/jwks.json", label: "case-2", status: 404),
            ])
        }
    }

    @Test("the URLSession fetcher returns a published document byte for byte")
    func fetches() async throws {
        try await Self.withHost { host, port, _ in
            let document = Array(#"{"keys":[{"kty":"OKP"}]}"#.utf8)
            host.publish(path: "/jwks.json", body: document)
            let fetched = await URLSessionDocumentFetcher().fetch(url: "http://127.0.0.1:\(port)/jwks.json", timeoutSeconds: Self.hangGuardSeconds, maximumBytes: 1000)
            #expect(fetched == .success(document))
        }
    }

    @Test("the fetcher refuses a non-2xx answer and a document over its bound")
    func refusals() async throws {
        try await Self.withHost { host, port, _ in
            let fetcher = URLSessionDocumentFetcher()
            let missing = await fetcher.fetch(url: "http://127.0.0.1:\(port)/none", timeoutSeconds: Self.hangGuardSeconds, maximumBytes: 1000)
            #expect(missing == .failure(.status(404)))
            host.publish(path: "/big.json", body: [UInt8](repeating: 0x20, count: 70_000))
            let big = await fetcher.fetch(url: "http://127.0.0.1:\(port)/big.json", timeoutSeconds: Self.hangGuardSeconds, maximumBytes: 65_536)
            #expect(big == .failure(.tooLarge(limit: 65_536)))
            let bad = await fetcher.fetch(url: "file:///etc/passwd", timeoutSeconds: Self.hangGuardSeconds, maximumBytes: 1000)
            #expect(bad == .failure(.badURL("file:///etc/passwd")))
        }
    }

    @Test("a server that accepts and never answers ends in timedOut, not a hang")
    func timeout() async throws {
        // Holds every request until the connection closes (the fetcher giving up, or stop()).
        let stall = HTTPServerHost { _, _, channel in try await channel.closeFuture.get() }
        let port = try await stall.start()
        let fetched = await URLSessionDocumentFetcher().fetch(url: "http://127.0.0.1:\(port)/jwks.json", timeoutSeconds: 0.5, maximumBytes: 1000)
        await stall.stop()
        #expect(fetched == .failure(.timedOut(seconds: 0.5)))
    }

    @Test("the log keeps the newest requests, numbered from the first ever received")
    func boundedLog() async throws {
        let host = DocumentHost(host: "127.0.0.1", port: 0, logCapacity: 3)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let port = try await host.start()
        for index in 1...5 {
            _ = try await Self.request("GET", "/\(index)", port: port, group: group)
        }
        await host.stop()
        try await group.shutdownGracefully()
        #expect(host.fetches().map(\.sequence) == [3, 4, 5])
        #expect(host.fetches().map(\.path) == ["/3", "/4", "/5"])
    }

    @Test("a chunked document (no Content-Length) is cut off while it is received, past the bound")
    func boundWhileReceiving() async throws {
        let streaming = HTTPServerHost { _, writer, _ in
            var body = try await writer.writeHead(HTTPResponse(status: .ok))
            for _ in 0..<10 { try await body.write(ByteBuffer(repeating: 0x20, count: 10_000)) }
            try await body.finish(nil)
        }
        let port = try await streaming.start()
        let fetched = await URLSessionDocumentFetcher().fetch(url: "http://127.0.0.1:\(port)/jwks.json", timeoutSeconds: Self.hangGuardSeconds, maximumBytes: 50_000)
        await streaming.stop()
        #expect(fetched == .failure(.tooLarge(limit: 50_000)))
    }
}
