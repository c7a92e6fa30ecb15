import Foundation

/// A loopback HTTP/1.1 server (Python's `http.server`) that answers every POST with the header
/// fields it was given, so that `curl -D` records a delivery's headers as curl writes them: CRLF
/// lines, a `100 Continue` block when the request asks for one, and on `/redirect` a 307 block
/// before the final one. It serves until `stop()`, with a 15-minute lifetime as a hang guard (an
/// idle timeout would race a test that a busy machine keeps waiting).
public final class HeaderEchoServer: Sendable {
    private static let script = """
        import http.server, json, sys, threading
        headers = json.load(open(sys.argv[1]))
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path == "/redirect":
                    self.send_response(307); self.send_header("Location", "/hook")
                else:
                    self.send_response(200)
                    for name, value in headers: self.send_header(name, value)
                self.send_header("Content-Length", "0"); self.end_headers()
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        guard = threading.Timer(900, server.shutdown); guard.daemon = True; guard.start()
        server.serve_forever()
        """

    /// The port on 127.0.0.1.
    public let port: Int
    private let process: LaunchedProcess

    /// Starts a server answering with `headers`; its files go under `directory`.
    public init(python: ExternalTool, headers: [(name: String, value: String)], directory: URL) async throws {
        let fields = try JSONSerialization.data(withJSONObject: headers.map { [$0.name, $0.value] })
        let headersFile = directory.appendingPathComponent("echo-headers-\(UUID().uuidString).json")
        let scriptFile = directory.appendingPathComponent("echo-server.py")
        try fields.write(to: headersFile)
        try Self.script.write(to: scriptFile, atomically: true, encoding: .utf8)
        process = try LaunchedProcess(python, [scriptFile.path, headersFile.path])
        guard let line = await process.firstLine(), let port = Int(line) else {
            process.stop()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the Python header echo server did not start"])
        }
        self.port = port
    }

    /// Stops the server.
    public func stop() { process.stop() }

    /// `curl -D FILE` of a POST of `body` to `path`, as HTTP/1.1 with `Expect: 100-continue`
    /// (`/redirect` is followed, so the file holds several blocks); curl's exit status and errors.
    public func dumpHeaders(curl: ExternalTool, path: String, body: URL, to file: URL) async throws -> ExternalTool.Outcome {
        try await curl.run((path == "/redirect" ? ["-L"] : []) + [
            "-sS", "--http1.1", "--max-time", "30", "-o", "/dev/null", "-D", file.path, "-H", "Expect: 100-continue",
            "-H", "Content-Type: application/json", "--data-binary", "@" + body.path, "http://127.0.0.1:\(port)\(path)",
        ])
    }
}
