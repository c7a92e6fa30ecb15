import Foundation
import TestTools
import Testing

/// `hookspec sign --signing-input`, which the probe's reproductions sign with: the MAC or
/// signature over the given bytes equals the one the command puts into a delivery it signs.
@Suite struct SignSigningInputTests {
    /// Standard base64 rewritten as base64url without padding.
    private func url(_ base64: String) -> String {
        String(base64.compactMap { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 == "=" ? nil : $0 })
    }

    @Test func signingInputSignsWhatTheDeliveryCarries() async throws {
        let fixture = try await CommandFixture(ed25519: 2, rsa: 1)
        defer { fixture.remove() }
        let body = try fixture.write("body.json", #"{"type":"test.event"}"#)
        let content = try fixture.write("content", #"msg_1.1700000000.{"type":"test.event"}"#)
        let keyFile = ["--key-file", fixture.keyFile.path]
        let delivery = ["--body", body, "--id", "msg_1", "--timestamp", "1700000000", "--format", "signature"]

        for scheme in ["v1", "v1a"] {
            let entry = try await fixture.run(["sign", "--scheme", scheme] + keyFile + delivery, expecting: 0)
            let alone = try await fixture.run(["sign", "--scheme", scheme] + keyFile + ["--signing-input", content], expecting: 0)
            #expect(entry.output == scheme + "," + alone.output, "\(scheme)")
        }

        let token = try await fixture.run(["sign", "--scheme", "jwt", "--audience", "aud"] + keyFile + delivery, expecting: 0)
        let segments = token.output.trimmingCharacters(in: .newlines).split(separator: ".").map(String.init)
        try #require(segments.count == 3)
        let input = try fixture.write("input", segments[0] + "." + segments[1])
        let signature = try await fixture.run(["sign", "--scheme", "jwt", "--signing-input", input] + keyFile, expecting: 0)
        #expect(url(signature.output.trimmingCharacters(in: .newlines)) == segments[2])

        // Both inputs, or a jwt signing input without a key file, are usage errors.
        try await fixture.run(["sign", "--scheme", "v1a", "--signing-input", content] + keyFile + delivery, expecting: 2)
        try await fixture.run(["sign", "--scheme", "jwt", "--signing-input", input], expecting: 2)
        fixture.expectNoFileLeaks(except: [])
    }
}
