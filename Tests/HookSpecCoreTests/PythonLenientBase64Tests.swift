import HookSpecCore
import Testing

/// `Base64Codec.pythonLenient` must accept exactly what `base64.b64decode(str)` accepts
/// (values checked with CPython 3.11 on this machine).
@Suite struct PythonLenientBase64Tests {
    @Test(arguments: [
        ("QUJD", [UInt8]("ABC".utf8)),
        ("QUJD!!", [UInt8]("ABC".utf8)),       // stray ASCII dropped
        ("QUI=", [UInt8]("AB".utf8)),
        ("QUI==", [UInt8]("AB".utf8)),         // excess padding ignored
        ("QUJ=", [UInt8]("AB".utf8)),          // non-zero padding bits ignored
    ])
    func acceptsWhatPythonAccepts(text: String, bytes: [UInt8]) {
        #expect(Base64Codec.decode(text, mode: .pythonLenient) == .success(bytes))
    }

    @Test(arguments: ["QUJD\u{301}", "Q\u{E9}UJD", "QUJ", "Q"])
    func refusesWhatPythonRefuses(text: String) {
        // Non-ASCII: Python raises ValueError before decoding; short input: "Incorrect padding".
        guard case .failure = Base64Codec.decode(text, mode: .pythonLenient) else {
            Issue.record("\(text.debugDescription) decoded, but Python's b64decode raises")
            return
        }
    }

    @Test func lenientSecretWithNonASCIIIsMalformed() {
        #expect(throws: Rejection.secretMalformed(.notBase64)) {
            _ = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\u{301}", options: .pythonReference)
        }
    }

    @Test func rawHMACMatchesThePublishedV1Signature() throws {
        let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let message = Array("msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}".utf8)
        let tag = secret.authenticationCode(for: message)
        #expect(Base64Codec.encode(tag) == "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(secret.isValidAuthenticationCode(tag, for: message))
        #expect(!secret.isValidAuthenticationCode(Array(tag.prefix(16)), for: message))
        var flipped = tag
        flipped[31] ^= 1
        #expect(!secret.isValidAuthenticationCode(flipped, for: message))
    }
}
