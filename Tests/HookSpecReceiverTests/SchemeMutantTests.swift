import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import HookSpecServer
import Testing

/// Each `v1a` and `jwt` mutant against the reference: one request (or a few) on which they differ,
/// and the reference's answer to it (SPEC §9.5).
@Suite("Receiver mutants: v1a and jwt")
struct SchemeMutantTests {
    static let rsa = Result { try SchemeFixture.rsaKeys() }
    static let attackerPath = "/attacker.json"

    /// What a mutant's request got, next to the reference's, plus the JWKS host's log.
    struct Observed {
        var status: Int
        var body: String
        var jwksFetches: Int
        var attackerFetches: Int
    }

    /// Starts a JWKS host (trusted set and an attacker's set) and a `jwt` receiver (`mutant` or the
    /// reference) trusting it, sends `requests`, returns what the last one got.
    static func jwtRun(_ mutant: ReceiverMutant?, _ requests: (SchemeFixture.RSAKeys, HostileTokenFactory) throws -> [ProbeRequest]) async throws -> Observed {
        let keys = try rsa.get()
        return try await SchemeFixture.withHost { host, base in
            let factory = keys.hostile(attackerURL: base + attackerPath)
            host.publish(path: SchemeFixture.jwksPath, body: factory.trustedJWKS)
            host.publish(path: attackerPath, body: JSONWebKeySet.document(rsaKeys: [(HostileTokenFactory.attackerKeyID, keys.attacker.publicKey)]))
            var observed = Observed(status: 0, body: "", jwksFetches: 0, attackerFetches: 0)
            try await withReceiver(mutant: mutant, secrets: [], configure: ReceiverSchemeTests.jwt(base)) { target in
                for request in try requests(keys, factory) {
                    let response = try await target.response(request)
                    observed.status = response.status
                    observed.body = String(decoding: response.body, as: UTF8.self)
                }
            }
            observed.jwksFetches = SchemeFixture.fetches(host)
            observed.attackerFetches = SchemeFixture.fetches(host, attackerPath)
            return observed
        }
    }

    static func hostile(_ kind: HostileToken) -> (SchemeFixture.RSAKeys, HostileTokenFactory) throws -> [ProbeRequest] {
        { _, factory in
            let delivery = try ReceiverSchemeTests.hostileDelivery(factory, kind)
            return [SchemeFixture.jwtDelivery(token: delivery.token, body: delivery.body)]
        }
    }

    struct TokenCase: Sendable, CustomTestStringConvertible {
        let mutant: ReceiverMutant
        let kind: HostileToken
        var testDescription: String { "\(mutant.name) accepts \(kind.rawValue)" }
    }

    static let tokenCases = [
        TokenCase(mutant: .jwtAlgorithmFromToken, kind: .algNoneLowercase),
        TokenCase(mutant: .jwtAlgorithmFromToken, kind: .algNoneMixedCase),
        TokenCase(mutant: .jwtKeyIDFallback, kind: .missingKid),
        TokenCase(mutant: .jwtNoAudienceCheck, kind: .wrongAudience),
        TokenCase(mutant: .jwtNoAudienceCheck, kind: .missingAudience),
        TokenCase(mutant: .jwtExpirationOptional, kind: .missingExpiration),
        TokenCase(mutant: .jwtNoBodyBinding, kind: .swappedBody),
        TokenCase(mutant: .jwtHS256WithPublicKey, kind: .hs256WithPublicKey),
        TokenCase(mutant: .jwtFollowsKeyURL, kind: .jkuHeader),
        TokenCase(mutant: .jwtFollowsKeyURL, kind: .x5uHeader),
        TokenCase(mutant: .acceptAnySignature, kind: .wrongKeyForKid),
    ]

    @Test("a jwt mutant accepts the hostile token aimed at its rule; the reference refuses it with the rule's code", arguments: tokenCases)
    func jwtMutantAccepts(_ tokenCase: TokenCase) async throws {
        let reference = try await Self.jwtRun(nil, Self.hostile(tokenCase.kind))
        #expect(reference.status == 401)
        #expect(reference.body == #"{"error":"\#(tokenCase.kind.expected.rawValue)"}"#)
        #expect(reference.attackerFetches == 0)
        let mutant = try await Self.jwtRun(tokenCase.mutant, Self.hostile(tokenCase.kind))
        #expect(mutant.status == 200, "\(mutant.body)")
        if tokenCase.mutant == .jwtFollowsKeyURL {
            // The real fetch the probe's host sees.
            #expect(mutant.attackerFetches == 1)
        }
    }

    @Test("jwt-kid-fallback: a token with an unknown kid signed by the first key is accepted")
    func kidFallbackUnknown() async throws {
        let requests: (SchemeFixture.RSAKeys, HostileTokenFactory) throws -> [ProbeRequest] = { keys, _ in
            [SchemeFixture.jwtDelivery(token: try SchemeFixture.token(RS256TokenSigner(key: keys.trusted, keyID: "not-in-the-jwks")))]
        }
        let reference = try await Self.jwtRun(nil, requests)
        #expect(reference.body == #"{"error":"kid_unknown"}"#)
        let mutant = try await Self.jwtRun(.jwtKeyIDFallback, requests)
        #expect(mutant.status == 200)
    }

    @Test("jwt-jwks-every-delivery: same answers, one JWKS fetch per delivery instead of one in all")
    func jwksEveryDelivery() async throws {
        let requests: (SchemeFixture.RSAKeys, HostileTokenFactory) throws -> [ProbeRequest] = { keys, _ in
            try (0..<3).map { _ in SchemeFixture.jwtDelivery(token: try SchemeFixture.token(keys.signer)) }
        }
        let reference = try await Self.jwtRun(nil, requests)
        let mutant = try await Self.jwtRun(.jwtJWKSEveryDelivery, requests)
        #expect(reference.status == 200 && mutant.status == 200)
        #expect(reference.jwksFetches == 1)
        #expect(mutant.jwksFetches == 3)
    }

    @Test("every jwt mutant still accepts a valid token and refuses another key's signature under the right kid")
    func jwtMutantsKeepTheRest() async throws {
        for mutant in ReceiverMutant.applying(to: .jwt) where mutant.name.hasPrefix("jwt-") {
            let valid = try await Self.jwtRun(mutant) { keys, _ in [SchemeFixture.jwtDelivery(token: try SchemeFixture.token(keys.signer))] }
            #expect(valid.status == 200, "\(mutant.name)")
            let forged = try await Self.jwtRun(mutant, Self.hostile(.wrongKeyForKid))
            #expect(forged.status == 401, "\(mutant.name)")
        }
    }

    // MARK: - v1a

    /// A `v1a` receiver (`mutant` or the reference) with two `whpk_` keys; what `request` gets.
    static func v1aStatus(_ mutant: ReceiverMutant?, keys: [Ed25519SigningKey], _ request: ProbeRequest) async throws -> (Int, String) {
        var result = (0, "")
        try await withReceiver(mutant: mutant, secrets: [], publicKeys: keys.map(\.publicKey), configure: { $0.scheme = .v1a }) { target in
            let response = try await target.response(request)
            result = (response.status, String(decoding: response.body, as: UTF8.self))
        }
        return result
    }

    @Test("v1a-malleable-signature accepts S + L; the reference refuses it")
    func malleable() async throws {
        let key = Ed25519SigningKey()
        let id = "msg_malleable", body = Array(Fixture.envelope.utf8)
        let entry = StandardWebhookSigner.v1aEntry(key: key, id: id, timestamp: String(Fixture.now), body: body)
        let signature = try Base64Codec.decode(entry.dropFirst(4), mode: .strict).get()
        var s = Array(signature[32...])
        var carry = 0
        for index in 0..<32 {
            let sum = Int(s[index]) + Int(MalleableSignature.order[index]) + carry
            s[index] = UInt8(sum & 0xFF)
            carry = sum >> 8
        }
        let malleable = "v1a," + Base64Codec.encode(Array(signature[..<32]) + s)
        let request = Fixture.delivery(id: id, signature: malleable)
        let reference = try await Self.v1aStatus(nil, keys: [key], request)
        #expect(reference == (401, #"{"error":"signature_mismatch"}"#))
        let mutant = try await Self.v1aStatus(.v1aMalleableSignature, keys: [key], request)
        #expect(mutant.0 == 200)
    }

    @Test("v1a-public-key-as-hmac-secret accepts a v1 entry keyed with the public key; the reference refuses it")
    func publicKeyAsSecret() async throws {
        let key = Ed25519SigningKey()
        let confused = try WebhookSecret(rawBytes: key.publicKey.rawRepresentation, options: .anyLength)
        let id = "msg_confused"
        let request = Fixture.delivery(id: id, signature: Fixture.entry(id: id, timestamp: String(Fixture.now), body: Fixture.envelope, secret: confused))
        let reference = try await Self.v1aStatus(nil, keys: [key], request)
        #expect(reference.0 == 401)
        let mutant = try await Self.v1aStatus(.v1aPublicKeyAsHMACSecret, keys: [key], request)
        #expect(mutant.0 == 200)
    }

    @Test("v1a-first-key-only refuses a delivery signed by the second key; the reference accepts it")
    func firstKeyOnly() async throws {
        let first = Ed25519SigningKey(), second = Ed25519SigningKey()
        let request = SchemeFixture.v1aDelivery(key: second)
        let reference = try await Self.v1aStatus(nil, keys: [first, second], request)
        #expect(reference.0 == 200)
        let mutant = try await Self.v1aStatus(.v1aFirstKeyOnly, keys: [first, second], request)
        #expect(mutant == (401, #"{"error":"signature_mismatch"}"#))
    }

    @Test("v1a-body-only-signature accepts a signature over the body alone; the reference refuses it")
    func bodyOnly() async throws {
        let key = Ed25519SigningKey()
        let signature = key.signature(for: Array(Fixture.envelope.utf8))
        let request = Fixture.delivery(id: "msg_body_only", signature: "v1a," + Base64Codec.encode(signature))
        let reference = try await Self.v1aStatus(nil, keys: [key], request)
        #expect(reference == (401, #"{"error":"signature_mismatch"}"#))
        let mutant = try await Self.v1aStatus(.v1aBodyOnlySignature, keys: [key], request)
        #expect(mutant.0 == 200)
    }

    @Test("skip-timestamp-check under v1a accepts a stale delivery; the reference refuses it")
    func v1aStale() async throws {
        let key = Ed25519SigningKey()
        let id = "msg_stale", stale = String(Fixture.now - 3600)
        let entry = StandardWebhookSigner.v1aEntry(key: key, id: id, timestamp: stale, body: Array(Fixture.envelope.utf8))
        let request = Fixture.delivery(id: id, timestamp: stale, signature: entry)
        let reference = try await Self.v1aStatus(nil, keys: [key], request)
        #expect(reference == (401, #"{"error":"timestamp_stale"}"#))
        let mutant = try await Self.v1aStatus(.skipTimestampCheck, keys: [key], request)
        #expect(mutant.0 == 200)
    }

    @Test("a mutant is refused for a scheme whose rule it does not break")
    func schemeMismatch() {
        #expect(throws: ReceiverError.mutantNotForScheme(mutant: "jwt-kid-fallback", scheme: "v1")) {
            try WebhookReceiver(configuration: ReceiverConfiguration(secrets: [Fixture.secret], mutant: .jwtKeyIDFallback))
        }
        #expect(ReceiverMutant.applying(to: .jwt).count(where: { $0.name.hasPrefix("jwt-") }) >= 8)
        #expect(ReceiverMutant.applying(to: .v1a).count >= 5)
    }
}

