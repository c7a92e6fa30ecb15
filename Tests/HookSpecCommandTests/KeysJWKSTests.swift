import Foundation
import TestTools
import Testing

/// `hookspec keys jwks FILE` prints the public JWKS `keys new --jwks` wrote for the same file, and nothing private.
@Suite struct KeysJWKSTests {
    @Test func printsThePublicJWKSOfAKeyFile() async throws {
        let fixture = try await CommandFixture(ed25519: 2, rsa: 1)
        defer { fixture.remove() }
        let printed = try await fixture.run(["keys", "jwks", fixture.keyFile.path], expecting: 0)
        let written = try String(contentsOf: fixture.jwksFile, encoding: .utf8)
        #expect(printed.output.trimmingCharacters(in: .newlines) == written.trimmingCharacters(in: .newlines))
        let object = try JSONSerialization.jsonObject(with: Data(printed.output.utf8)) as? [String: Any]
        #expect((object?["keys"] as? [Any])?.count == 3)
        try await fixture.run(["keys", "jwks", fixture.path("missing.json")], expecting: 2)
    }
}
