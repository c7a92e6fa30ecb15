import Foundation
import Testing
import TestTools

/// A loopback receiver that accepts everything (so the probe finds, and reports, as much as it
/// can) and writes down every `webhook-signature` and `authorization` value it was sent: what went
/// in the clear.
struct CaptureServer {
    let url: String
    let log: URL
    let process: LaunchedProcess

    static let script = #"""
    import sys, http.server, threading
    log = open(sys.argv[1], "a", buffering=1)
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def answer(self):
            # jwt/45 sends its token in Authorization instead.
            for value in (self.headers.get_all("webhook-signature") or []) + (self.headers.get_all("authorization") or []):
                log.write(value.replace("\n", " ") + "\n")
            length = self.headers.get("content-length")
            if self.headers.get("transfer-encoding", "").lower() == "chunked":
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    self.rfile.read(size + 2)
                    if size == 0: break
            elif length and length.isdigit():
                self.rfile.read(min(int(length), 1 << 26))
            self.send_response(204)
            self.send_header("content-length", "0")
            self.end_headers()
        do_POST = do_GET = do_PUT = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = answer
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    # Stops by itself if the test never does.
    threading.Timer(600, server.shutdown).start()
    server.serve_forever()
    """#

    init(in directory: URL) async throws {
        let python = try #require(ExternalTool.find("python3"), "python3 is needed (installed by .ci/run)")
        let scriptFile = directory.appendingPathComponent("capture.py")
        try Data(Self.script.utf8).write(to: scriptFile)
        log = directory.appendingPathComponent("capture.log")
        process = try LaunchedProcess(python, [scriptFile.path, log.path])
        let port = try #require(await process.firstLine().flatMap { Int($0) }, "the capture server did not start")
        url = "http://127.0.0.1:\(port)/hook"
    }

    /// Every signature header value received so far.
    func received() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}
