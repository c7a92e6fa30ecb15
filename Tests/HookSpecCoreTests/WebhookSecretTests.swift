import HookSpecCore
import Testing

/// WebhookSecret: `whsec_` parsing, lengths, leniencies and redaction (SPEC §3.1).
@Suite("WebhookSecret")
struct WebhookSecretTests {
    static func text(bytes count: Int) -> String {
        WebhookSecret.prefix + Base64Codec.encode((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
    }

    @Test("Key length: 24 and 64 bytes are the bounds; 23 and 65 are rejected with their size", arguments: [
        (23, false), (24, true), (32, true), (64, true), (65, false),
    ])
    func lengths(_ count: Int, _ accepted: Bool) throws {
        let result = Result { () throws(Rejection) in try WebhookSecret(parsing: Self.text(bytes: count)) }
        if accepted {
            #expect(try result.get().byteCount == count)
        } else {
            #expect(result.map(\.byteCount) == .failure(.secretLength(bytes: count)))
            // anyLength (the Python library's behaviour) accepts it.
            #expect(try WebhookSecret(parsing: Self.text(bytes: count), options: .anyLength).byteCount == count)
        }
        let raw = Result { () throws(Rejection) in try WebhookSecret(rawBytes: [UInt8](repeating: 9, count: count)) }
        #expect(((try? raw.get()) != nil) == accepted)
    }

    @Test("Malformed secrets carry the precise problem", arguments: [
        ("", Rejection.secretMalformed(.empty)),
        ("whsec_", .secretMalformed(.empty)),
        ("whsec_invalid", .secretMalformed(.notBase64)),       // 7 characters
        ("invalid", .secretMalformed(.missingPrefix)),
        ("foo_b6Ovv5eS7H5seJrGSStBYDivs8v2/KrFjfMaVZYsi7w=", .secretMalformed(.missingPrefix)),
        ("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", .secretMalformed(.missingPrefix)),   // prefix is case-sensitive
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", .secretMalformed(.notBase64)),        // 31 characters
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw==", .secretMalformed(.notBase64)),     // extra padding
        ("whsec_ MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", .secretMalformed(.notBase64)),
    ])
    func malformed(_ text: String, _ rejection: Rejection) {
        let result = Result { () throws(Rejection) in try WebhookSecret(parsing: text) }.map(\.byteCount)
        #expect(result == .failure(rejection), "\(text.debugDescription)")
    }

    @Test("Leniencies: unprefixed and Python's base64 each need their own option")
    func leniencies() throws {
        let bare = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        #expect(throws: Rejection.secretMalformed(.missingPrefix)) { try WebhookSecret(parsing: bare) }
        #expect(try WebhookSecret(parsing: bare, options: .unprefixed).byteCount == 24)
        // vectors.json "unpadded_secret_variants_python_only": CPython's b64decode alone refuses
        // both ("Incorrect padding"), but standardwebhooks 1.1.0 decodes `secret + "=="`, which
        // reads them as 23 and 25 bytes (measured with the installed library). `appendPadding`
        // is that step; `pythonReference` includes it.
        for (variant, count) in [("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", 23), ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr", 25)] {
            #expect(throws: Rejection.secretMalformed(.notBase64)) { try WebhookSecret(parsing: "whsec_" + variant) }
            #expect(throws: Rejection.secretMalformed(.notBase64)) {
                try WebhookSecret(parsing: variant, options: [.unprefixed, .lenientBase64, .anyLength])
            }
            #expect(try WebhookSecret(parsing: variant, options: .pythonReference).byteCount == count)
        }
        // Appending "==" never changes a secret that was already well formed.
        #expect(try WebhookSecret(parsing: "whsec_bXlzZWNyZXRrZXkxMjM0NQ==", options: .pythonReference).byteCount == 16)
        #expect(try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", options: .pythonReference).exportedText()
            == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        // Strict with appendPadding alone: unpadded canonical base64 is accepted, padded stays fine,
        // and padding bits must still be zero.
        #expect(try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", options: .appendPadding).byteCount == 24)
        #expect(try WebhookSecret(parsing: "whsec_" + String(Base64Codec.encode([UInt8](repeating: 7, count: 25)).filter { $0 != "=" }),
                                  options: .appendPadding).byteCount == 25)
        #expect(throws: Rejection.secretMalformed(.notBase64)) {
            try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", options: .appendPadding)
        }
        // Non-zero padding bits: strict refuses, Python ignores them.
        let bits = "whsec_" + String(repeating: "A", count: 34) + "B="
        #expect(throws: Rejection.secretMalformed(.notBase64)) { try WebhookSecret(parsing: bits) }
        #expect(try WebhookSecret(parsing: bits, options: .lenientBase64).byteCount == 26)
        #expect(throws: Rejection.secretMalformed(.empty)) { try WebhookSecret(rawBytes: [], options: .anyLength) }
    }

    @Test("The secret never appears in description, debugDescription or string interpolation")
    func redaction() throws {
        let text = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let secret = try WebhookSecret(parsing: text)
        for shown in [secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret)] {
            #expect(!shown.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
            #expect(!shown.contains("9r8GKYqr"))
            #expect(shown.contains("whsec_MfKQ"))
        }
        #expect(secret.exportedText() == text)
    }

    @Test("Random secrets have the requested size and round-trip through their text")
    func random() throws {
        let secret = try WebhookSecret.random()
        #expect(secret.byteCount == 32)
        let again = try WebhookSecret(parsing: secret.exportedText())
        #expect(again.withUnsafeKeyBytes { Array($0) } == secret.withUnsafeKeyBytes { Array($0) })
        #expect(throws: Rejection.secretLength(bytes: 16)) { try WebhookSecret.random(byteCount: 16) }
    }
}
