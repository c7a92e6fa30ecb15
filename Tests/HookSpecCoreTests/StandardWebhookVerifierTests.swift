@testable import HookSpecCore  // for the memberwise inits of Parsed and VerifiedDelivery
import Testing

/// StandardWebhookVerifier: the order of checks, rotation, versions and policies (SPEC §3.1, §3.2, §4, §7).
@Suite("StandardWebhookVerifier")
struct StandardWebhookVerifierTests {
    static let now: Int64 = 1_700_000_000
    static let body = Array(#"{"type":"batch.succeeded","version":"v1","data":{"id":"b1"}}"#.utf8)

    static func secret(_ fill: UInt8) throws -> WebhookSecret {
        try WebhookSecret(rawBytes: [UInt8](repeating: fill, count: 32))
    }

    func signed(_ secrets: [WebhookSecret], id: String = "msg_1", timestamp: Int64 = now, body: [UInt8] = body) -> HeaderFields {
        StandardWebhookSigner.headers(id: id, timestamp: timestamp, body: body, secrets: secrets)
    }

    @Test("A signed delivery verifies and reports what matched")
    func valid() throws {
        let secret = try Self.secret(1)
        let verifier = StandardWebhookVerifier(secrets: [secret])
        let delivery = try verifier.verify(headers: signed([secret]), body: Self.body, now: Self.now).get()
        #expect(delivery == VerifiedDelivery(id: "msg_1", timestamp: Self.now, version: .v1, entryIndex: 0, keyIndex: 0))
    }

    @Test("Rotation: any of two or three secrets, any entry position")
    func rotation() throws {
        let old = try Self.secret(1), current = try Self.secret(2), next = try Self.secret(3)
        let receiver = StandardWebhookVerifier(secrets: [old, current, next])
        // The sender signs with the current secret only.
        var delivery = try receiver.verify(headers: signed([current]), body: Self.body, now: Self.now).get()
        #expect(delivery.keyIndex == 1 && delivery.entryIndex == 0)
        // The sender signs with old and next; the receiver only knows next.
        delivery = try StandardWebhookVerifier(secrets: [next]).verify(headers: signed([old, next]), body: Self.body, now: Self.now).get()
        #expect(delivery.keyIndex == 0 && delivery.entryIndex == 1)
        // No shared secret: mismatch.
        #expect(StandardWebhookVerifier(secrets: [old]).verify(headers: signed([current, next]), body: Self.body, now: Self.now)
            == .failure(.signatureMismatch))
    }

    @Test("Header problems come first, in the order id, timestamp, signature")
    func headers() throws {
        let secret = try Self.secret(1)
        let verifier = StandardWebhookVerifier(secrets: [secret])
        let good = signed([secret])
        func without(_ name: String) -> HeaderFields { HeaderFields(good.fields.filter { $0.name != name }) }
        func replacing(_ name: String, _ value: String) -> HeaderFields {
            HeaderFields(good.fields.map { $0.name == name ? ($0.name, value) : $0 })
        }
        #expect(verifier.verify(headers: [:], body: Self.body, now: Self.now) == .failure(.headerMissing("webhook-id")))
        #expect(verifier.verify(headers: without("webhook-timestamp"), body: Self.body, now: Self.now) == .failure(.headerMissing("webhook-timestamp")))
        #expect(verifier.verify(headers: without("webhook-signature"), body: Self.body, now: Self.now) == .failure(.headerMissing("webhook-signature")))
        #expect(verifier.verify(headers: replacing("webhook-id", ""), body: Self.body, now: Self.now) == .failure(.headerEmpty("webhook-id")))
        #expect(verifier.verify(headers: replacing("webhook-signature", ""), body: Self.body, now: Self.now) == .failure(.headerEmpty("webhook-signature")))
        var doubled = good
        doubled.append(name: "Webhook-Signature", value: "v1,AAAA")
        #expect(verifier.verify(headers: doubled, body: Self.body, now: Self.now) == .failure(.headerDuplicate("webhook-signature")))
        // Syntax of the timestamp before syntax of the signature list.
        let bothBad = HeaderFields(replacing("webhook-timestamp", "abc").fields.map { $0.name == "webhook-signature" ? ($0.name, "junk") : $0 })
        #expect(verifier.verify(headers: bothBad, body: Self.body, now: Self.now) == .failure(.timestampMalformed))
    }

    @Test("A stale forgery is a mismatch; a stale authentic delivery is stale (signature before freshness)")
    func order() throws {
        let secret = try Self.secret(1), other = try Self.secret(9)
        let verifier = StandardWebhookVerifier(secrets: [secret])
        let old = Self.now - 301
        #expect(verifier.verify(headers: signed([secret], timestamp: old), body: Self.body, now: Self.now)
            == .failure(.timestampStale(ageSeconds: 301)))
        #expect(verifier.verify(headers: signed([other], timestamp: old), body: Self.body, now: Self.now)
            == .failure(.signatureMismatch))
        #expect(verifier.verify(headers: signed([secret], timestamp: Self.now + 301), body: Self.body, now: Self.now)
            == .failure(.timestampFuture(aheadSeconds: 301)))
        #expect((try? verifier.verify(headers: signed([secret], timestamp: Self.now - 300), body: Self.body, now: Self.now).get()) != nil)
    }

    @Test("Versions: unknown entries are skipped; only unusable entries is unsupported_version")
    func versions() throws {
        let secret = try Self.secret(1)
        let verifier = StandardWebhookVerifier(secrets: [secret])
        var headers = signed([secret])
        let entry = headers.values(for: "webhook-signature")[0]
        headers = HeaderFields(headers.fields.map { $0.name == "webhook-signature" ? ($0.name, "v2,abc v1b,xyz " + entry) : $0 })
        #expect(try verifier.verify(headers: headers, body: Self.body, now: Self.now).get().entryIndex == 2)
        headers = HeaderFields(headers.fields.map { $0.name == "webhook-signature" ? ($0.name, "v2,abc") : $0 })
        #expect(verifier.verify(headers: headers, body: Self.body, now: Self.now) == .failure(.signatureUnsupportedVersion))
        // A v1a entry for a verifier with secrets only: nothing it can check.
        let key = Ed25519SigningKey()
        let v1a = StandardWebhookSigner.headers(id: "msg_1", timestamp: Self.now, body: Self.body, signingKeys: [key])
        #expect(verifier.verify(headers: v1a, body: Self.body, now: Self.now) == .failure(.signatureUnsupportedVersion))
        // Both kinds of key: the v1a entry verifies.
        let both = StandardWebhookVerifier(secrets: [secret], publicKeys: [Ed25519SigningKey().publicKey, key.publicKey])
        let delivery = try both.verify(headers: v1a, body: Self.body, now: Self.now).get()
        #expect(delivery.version == .v1a && delivery.keyIndex == 1)
    }

    @Test("No keys, and bodies over the limit, are refused before anything else")
    func limits() throws {
        #expect(StandardWebhookVerifier().verify(headers: [:], body: [], now: 0) == .failure(.noKeys))
        let secret = try Self.secret(1)
        let small = StandardWebhookVerifier(secrets: [secret], policy: VerificationPolicy(maximumBodyBytes: 10))
        #expect(small.verify(headers: [:], body: [UInt8](repeating: 0, count: 11), now: 0) == .failure(.bodyTooLarge(limit: 10)))
    }

    @Test("The Python policy accepts the forms the Python library accepts, signing the normalised timestamp")
    func pythonPolicy() throws {
        let secret = try Self.secret(1)
        // The Python library signs str(floor(float(header))): the sender signed "1700000000".
        let mac = StandardWebhookSigner.v1Entry(secret: secret, id: "msg_1", timestamp: String(Self.now), body: Self.body)
        let headers: HeaderFields = ["webhook-id": "msg_1", "webhook-timestamp": " 1700000000.7 ", "webhook-signature": mac]
        let python = StandardWebhookVerifier(secrets: [secret], policy: .pythonReference)
        #expect(try python.verify(headers: headers, body: Self.body, now: Self.now).get().timestamp == Self.now)
        let strict = StandardWebhookVerifier(secrets: [secret])
        #expect(strict.verify(headers: headers, body: Self.body, now: Self.now) == .failure(.timestampNonCanonical(.whitespace)))
        let named = StandardWebhookVerifier(secrets: [secret], policy: .strict(with: [.timestampWhitespace, .timestampFraction, .signNormalizedTimestamp]))
        #expect((try? named.verify(headers: headers, body: Self.body, now: Self.now).get()) != nil)
        // Every named leniency maps to something: a policy with all of them equals the Python one.
        #expect(VerificationPolicy.strict(with: VerificationPolicy.Leniency.allCases).timestamp == .pythonReference)
    }

    @Test("Every rejection has a distinct code, and its description starts with the code")
    func codes() {
        #expect(Set(RejectionCode.allCases.map(\.rawValue)).count == RejectionCode.allCases.count)
        let samples: [Rejection] = [
            .headerMissing("webhook-id"), .timestampMalformed, .timestampNonCanonical(.sign), .timestampStale(ageSeconds: 1),
            .entryMalformed(.missingComma), .entryNonCanonicalBase64, .signatureUnsupportedVersion, .signatureMismatch,
            .secretLength(bytes: 3), .replayed, .bodyTooLarge(limit: 1),
        ]
        for rejection in samples {
            #expect(rejection.description.hasPrefix(rejection.code.rawValue + ": "))
        }
    }
}

/// `.pythonReference` reads `webhook-signature` the way standardwebhooks 1.1.0 does (measured with the installed library).
@Suite("StandardWebhookVerifier: the Python library's entry loop")
struct PythonLibraryEntryLoopTests {
    /// The library walks `webhook-signature` entry by entry and returns at the first match, so a
    /// malformed entry after a matching one is never looked at ("v1,<valid> garbage" verifies),
    /// while one before it raises ValueError. Strict parses the whole list first and rejects both.
    @Test("A malformed entry after a matching one")
    func malformedAfterMatch() throws {
        let secret = try WebhookSecret(rawBytes: [UInt8](repeating: 5, count: 32))
        let body = Array("{}".utf8)
        let entry = StandardWebhookSigner.v1Entry(secret: secret, id: "msg_1", timestamp: "1700000000", body: body)
        let python = StandardWebhookVerifier(secrets: [secret], policy: .pythonReference)
        let strict = StandardWebhookVerifier(secrets: [secret], policy: .strict)
        let after: HeaderFields = ["webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": entry + " garbage"]
        #expect((try? python.verify(headers: after, body: body, now: 1_700_000_000).get()) != nil)
        #expect(strict.verify(headers: after, body: body, now: 1_700_000_000) == .failure(.entryMalformed(.missingComma)))
        // Before the match both refuse (the library by raising ValueError).
        let before: HeaderFields = ["webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": "garbage " + entry]
        #expect(python.verify(headers: before, body: body, now: 1_700_000_000) == .failure(.entryMalformed(.missingComma)))
        #expect(strict.verify(headers: before, body: body, now: 1_700_000_000) == .failure(.entryMalformed(.missingComma)))
    }

    @Test("An empty version is an unknown version to the library, malformed to strict")
    func emptyVersion() throws {
        let secret = try WebhookSecret(rawBytes: [UInt8](repeating: 5, count: 32))
        let headers: HeaderFields = ["webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": ",abc"]
        let python = StandardWebhookVerifier(secrets: [secret], policy: .pythonReference)
        let strict = StandardWebhookVerifier(secrets: [secret], policy: .strict)
        #expect(python.verify(headers: headers, body: [], now: 1_700_000_000) == .failure(.signatureUnsupportedVersion))
        #expect(strict.verify(headers: headers, body: [], now: 1_700_000_000) == .failure(.entryMalformed(.emptyVersion)))
    }
}
