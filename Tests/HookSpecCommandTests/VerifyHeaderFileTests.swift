import Foundation
import TestTools
import Testing

/// Issue 11 item 9 at the command line: `hookspec verify --headers` gives the same verdict for a
/// header file as `curl -D` writes it (CRLF, HTTP/1.1, a `100 Continue` block, several blocks)
/// and for its LF-only copy, for `v1` and `jwt` deliveries signed by `hookspec sign`.
@Suite struct VerifyHeaderFileTests {
    private static let now = "1700000000"
    private static let audience = "https://receiver.example/hook"

    /// `Name: value` lines as `hookspec sign --format headers` prints them.
    private func fields(_ output: String) -> [(name: String, value: String)] {
        output.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
        }
    }

    @Test func curlHeaderFilesAndTheirLFCopiesGetTheSameVerdict() async throws {
        guard let python = ExternalTool.find("python3"), let curl = ExternalTool.find("curl") else {
            Issue.record("python3 and curl are needed (Debian: apt-get install curl; .ci/run's image has both)")
            return
        }
        let fixture = try await CommandFixture(ed25519: 0, rsa: 1)
        defer { fixture.remove() }
        let body = try fixture.write("body.json", #"{"type":"test.event","data":{"n":1}}"#)
        let tampered = try fixture.write("tampered.json", #"{"type":"test.event","data":{"n":2}}"#)
        let secret = try fixture.secret()
        let deliveries: [(scheme: String, sign: [String], verify: [String])] = [
            ("v1", ["--scheme", "v1", "--key-file", fixture.keyFile.path], ["--secret", secret]),
            ("jwt", ["--scheme", "jwt", "--key-file", fixture.keyFile.path, "--audience", Self.audience],
                ["--scheme", "jwt", "--jwks", fixture.jwksFile.path, "--audience", Self.audience]),
        ]
        for delivery in deliveries {
            let signed = try await fixture.run(
                ["sign"] + delivery.sign + ["--body", body, "--id", "msg_curl", "--timestamp", Self.now, "--format", "headers"], expecting: 0)
            let server = try await HeaderEchoServer(python: python, headers: fields(signed.output), directory: fixture.directory)
            defer { server.stop() }
            for path in ["/hook", "/redirect"] {
                let crlfFile = fixture.directory.appendingPathComponent("\(delivery.scheme)\(path.count).crlf")
                let dumped = try await server.dumpHeaders(curl: curl, path: path, body: URL(fileURLWithPath: body), to: crlfFile)
                #expect(dumped.status == 0, "\(dumped.errorOutput)")
                let text = String(decoding: try Data(contentsOf: crlfFile), as: UTF8.self)
                #expect(text.hasPrefix("HTTP/1.1 100 Continue\r\n"), "curl -D writes CRLF and the 100 Continue block first: \(text)")
                #expect(text.components(separatedBy: "HTTP/1.1 ").count - 1 == (path == "/redirect" ? 4 : 2), "blocks: \(text)")
                let lfFile = try fixture.write("\(delivery.scheme)\(path.count).lf", text.replacingOccurrences(of: "\r\n", with: "\n"))

                for (bodyFile, expectedStatus) in [(body, Int32(0)), (tampered, Int32(1))] {
                    var outcomes: [ExternalTool.Outcome] = []
                    for headers in [crlfFile.path, lfFile] {
                        outcomes.append(try await fixture.run(
                            ["verify"] + delivery.verify + ["--headers", headers, "--body", bodyFile, "--now", Self.now], expecting: expectedStatus))
                    }
                    let label = "\(delivery.scheme) \(path) \(bodyFile == body ? "valid" : "tampered")"
                    #expect(outcomes[0].output == outcomes[1].output, "\(label): \(outcomes.map(\.output))")
                    #expect(outcomes[0].output.hasPrefix(expectedStatus == 0 ? "valid" : "rejected: "), "\(label): \(outcomes[0].output)")
                }
            }
        }
    }
}
