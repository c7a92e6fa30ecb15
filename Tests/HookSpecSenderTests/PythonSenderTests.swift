import Foundation
import HookSpecCore
import HookSpecSender
import Testing
import TestTools

/// The `standardwebhooks` Python library's signer used as a sender, graded by `hookspec listen`.
///
/// Verdicts established by hand: `Webhook.sign` returns one `v1` entry for the one secret it was
/// made with, so a sender that calls it once during a rotation (two live secrets) fails
/// `every-live-key` and nothing else; calling it once per live secret and joining the entries
/// with a space passes every rule.
@Suite("hookspec listen grades the standardwebhooks Python signer")
struct PythonSenderTests {
    static let script = #"""
    import sys, urllib.request, urllib.error
    from datetime import datetime, timezone
    from standardwebhooks.webhooks import Webhook

    port, mode, secrets = sys.argv[1], sys.argv[2], sys.argv[3:]
    body = '{"type":"batch.cancelled","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"batches/py"}}'
    msg_id = "msg_python_" + mode
    now = datetime.now(tz=timezone.utc)
    signers = [Webhook(s) for s in (secrets[:1] if mode == "one" else secrets)]
    signature = " ".join(w.sign(msg_id, now, body) for w in signers)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/hook", data=body.encode(), method="POST",
        headers={"content-type": "application/json", "webhook-id": msg_id,
                 "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": signature})
    try:
        print(urllib.request.urlopen(request, timeout=30).status)
    except urllib.error.HTTPError as error:
        print(error.code)
    """#

    @Test("one sign() call during a rotation misses a live secret; one per secret passes")
    func pythonSigner() async throws {
        let python = try #require(ExternalTool.find("python3"), "python3 is needed (installed by .ci/run)")
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-python-sender-\(UUID().uuidString).py")
        try Self.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let secrets = [try ListenFixture.secret(5), try ListenFixture.secret(6)]
        let fixture = try await ListenFixture(secrets: secrets)
        let texts = secrets.map { $0.exportedText() }
        for mode in ["one", "each"] {
            let outcome = try await python.run([scriptURL.path, String(fixture.port), mode] + texts, hangGuardSeconds: 120)
            #expect(outcome.status == 0, "python: \(outcome.errorOutput)")
            #expect(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == "200")
        }
        await fixture.listener.stop()
        let graded = fixture.listener.inspected
        #expect(graded.count == 2)
        #expect(graded.map(\.scheme) == [.v1, .v1])
        #expect(graded.map(\.failedRules) == [["every-live-key"], []])
    }
}
