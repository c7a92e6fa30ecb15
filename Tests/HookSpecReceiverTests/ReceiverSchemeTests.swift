import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import HookSpecServer
import Testing

/// The reference receiver under `v1a` and `jwt` (SPEC §3.2, §3.3), keys from `whpk_` or a loopback JWKS.
@Suite("Reference receiver: v1a and jwt")
struct ReceiverSchemeTests {
    static let rsa = Result { try SchemeFixture.rsaKeys() }

    // MARK: - v1a

    @Test("v1a with whpk_ keys: valid accepted, another key's signature 401, a duplicate processed once")
    func v1aStaticKeys() async throws {
        let key = Ed25519SigningKey(), stranger = Ed25519SigningKey()
        let published = try Ed25519PublicKey(parsing: key.publicKey.exportedText)
        try await withReceiver(secrets: [], publicKeys: [published], configure: { $0.scheme = .v1a }) { target in
            let delivery = SchemeFixture.v1aDelivery(key: key, id: "msg_v1a")
            let answered1 = try await target.response(delivery).status
            #expect(answered1 == 200)
            let again = try await target.response(delivery)
            #expect(again.status == 200 && String(decoding: again.body, as: UTF8.self) == #"{"status":"duplicate"}"#)
            let forged = try await target.response(SchemeFixture.v1aDelivery(key: stranger))
            #expect(forged.status == 401 && String(decoding: forged.body, as: UTF8.self) == #"{"error":"signature_mismatch"}"#)
            // A v1 entry means nothing to a v1a receiver.
            let v1 = try await target.response(Fixture.delivery())
            #expect(v1.status == 401)
            await target.receiver.ledger.waitUntilIdle()
            #expect(target.receiver.ledger.timesProcessed("msg_v1a") == 1)
            #expect(target.receiver.ledger.totalProcessed == 1)
        }
    }

    @Test("v1a with a JWKS: every listed key verifies; a key published during the run is found by one refetch")
    func v1aJWKS() async throws {
        try await SchemeFixture.withHost { host, base in
            let first = Ed25519SigningKey(), second = Ed25519SigningKey(), later = Ed25519SigningKey()
            host.publish(path: SchemeFixture.jwksPath, body: SchemeFixture.okpJWKS([("k1", first.publicKey), ("k2", second.publicKey)]))
            try await withReceiver(secrets: [], configure: { $0.scheme = .v1a; $0.jwksURL = base + SchemeFixture.jwksPath }) { target in
                let answered2 = try await target.response(SchemeFixture.v1aDelivery(key: first)).status
                #expect(answered2 == 200)
                let answered3 = try await target.response(SchemeFixture.v1aDelivery(key: second)).status
                #expect(answered3 == 200)
                #expect(SchemeFixture.fetches(host) == 1)
                host.publish(path: SchemeFixture.jwksPath, body: SchemeFixture.okpJWKS([("k2", second.publicKey), ("k3", later.publicKey)]))
                let answered4 = try await target.response(SchemeFixture.v1aDelivery(key: later)).status
                #expect(answered4 == 200)
                #expect(SchemeFixture.fetches(host) == 2)
                // An unknown signer right after: the cool-down for unmatched signatures holds, no third fetch.
                let answered5 = try await target.response(SchemeFixture.v1aDelivery(key: Ed25519SigningKey())).status
                #expect(answered5 == 401)
                #expect(SchemeFixture.fetches(host) == 2)
            }
        }
    }

    // MARK: - jwt

    @Test("jwt: valid accepted, forged refused with its code, a duplicate processed once, the JWKS fetched once")
    func jwtBasics() async throws {
        let keys = try Self.rsa.get()
        try await SchemeFixture.withHost { host, base in
            let hostile = keys.hostile(attackerURL: base + "/attacker.json")
            host.publish(path: SchemeFixture.jwksPath, body: hostile.trustedJWKS)
            try await withReceiver(secrets: [], configure: Self.jwt(base)) { target in
                let token = try SchemeFixture.token(keys.signer)
                let delivery = SchemeFixture.jwtDelivery(token: token, id: "msg_jwt")
                let first = try await target.response(delivery)
                #expect(first.status == 200 && String(decoding: first.body, as: UTF8.self) == #"{"status":"accepted"}"#)
                let again = try await target.response(delivery)
                #expect(again.status == 200 && String(decoding: again.body, as: UTF8.self) == #"{"status":"duplicate"}"#)
                for kind in HostileToken.allCases where kind != .oversized {
                    let code = kind.expected.rawValue
                    let forged = try Self.hostileDelivery(hostile, kind)
                    let response = try await target.response(SchemeFixture.jwtDelivery(token: forged.token, body: forged.body))
                    #expect(response.status == 401, "\(kind)")
                    #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":"\#(code)"}"#, "\(kind)")
                }
                // The token without webhook-id: deduplicated by the token itself.
                let anonymous = SchemeFixture.jwtDelivery(token: try SchemeFixture.token(keys.signer), id: nil)
                let answered6 = try await target.response(anonymous).status
                #expect(answered6 == 200)
                let replayed = try await target.response(anonymous)
                #expect(String(decoding: replayed.body, as: UTF8.self) == #"{"status":"duplicate"}"#)
                await target.receiver.ledger.waitUntilIdle()
                #expect(target.receiver.ledger.timesProcessed("msg_jwt") == 1)
                #expect(target.receiver.ledger.totalProcessed == 2)
                // Once at the start, once for the unknown_kid token; never the attacker's document.
                #expect(SchemeFixture.fetches(host) == 2)
                #expect(!host.fetches().contains { $0.path == "/attacker.json" })
            }
        }
    }

    @Test("jwt: an unknown kid refetches once; a key published right after is picked up; random kids stop at the cap")
    func jwtRefetch() async throws {
        let keys = try Self.rsa.get()
        try await SchemeFixture.withHost { host, base in
            host.publish(path: SchemeFixture.jwksPath, body: JSONWebKeySet.document(rsaKeys: [(SchemeFixture.trustedKeyID, keys.trusted.publicKey)]))
            try await withReceiver(secrets: [], configure: Self.jwt(base, cap: 3)) { target in
                let answered7 = try await target.response(SchemeFixture.jwtDelivery(token: try SchemeFixture.token(keys.signer))).status
                #expect(answered7 == 200)
                let rotated = RS256TokenSigner(key: keys.attacker, keyID: "rotated-2027")
                let early = try await target.response(SchemeFixture.jwtDelivery(token: try SchemeFixture.token(rotated)))
                #expect(early.status == 401 && String(decoding: early.body, as: UTF8.self) == #"{"error":"kid_unknown"}"#)
                #expect(SchemeFixture.fetches(host) == 2)
                // The same unknown kid again within the cool-down: no fetch.
                _ = try await target.response(SchemeFixture.jwtDelivery(token: try SchemeFixture.token(rotated)))
                #expect(SchemeFixture.fetches(host) == 2)
                // The sender publishes a new key; its first delivery is accepted after one refetch.
                let fresh = RS256TokenSigner(key: keys.attacker, keyID: "fresh-2027")
                host.publish(path: SchemeFixture.jwksPath, body: JSONWebKeySet.document(rsaKeys: [
                    (SchemeFixture.trustedKeyID, keys.trusted.publicKey), ("fresh-2027", keys.attacker.publicKey)]))
                let answered8 = try await target.response(SchemeFixture.jwtDelivery(token: try SchemeFixture.token(fresh))).status
                #expect(answered8 == 200)
                #expect(SchemeFixture.fetches(host) == 3)
                // Random kids: one refetch left under the cap of 3, then none.
                for index in 0..<20 {
                    let spray = RS256TokenSigner(key: keys.attacker, keyID: "spray-\(index)")
                    _ = try await target.response(SchemeFixture.jwtDelivery(token: try SchemeFixture.token(spray)))
                }
                #expect(SchemeFixture.fetches(host) == 4)
            }
        }
    }

    @Test("jwt: twenty concurrent deliveries naming one new kid cause one refetch, and all are accepted")
    func jwtConcurrentRefetch() async throws {
        let keys = try Self.rsa.get()
        try await SchemeFixture.withHost { host, base in
            host.publish(path: SchemeFixture.jwksPath, body: JSONWebKeySet.document(rsaKeys: [(SchemeFixture.trustedKeyID, keys.trusted.publicKey)]))
            try await withReceiver(secrets: [], configure: Self.jwt(base)) { target in
                let first = try await target.response(SchemeFixture.jwtDelivery(token: try SchemeFixture.token(keys.signer)))
                #expect(first.status == 200)
                host.publish(path: SchemeFixture.jwksPath, body: JSONWebKeySet.document(rsaKeys: [
                    (SchemeFixture.trustedKeyID, keys.trusted.publicKey), ("new-2027", keys.attacker.publicKey)]))
                let signer = RS256TokenSigner(key: keys.attacker, keyID: "new-2027")
                let deliveries = try (0..<20).map { _ in SchemeFixture.jwtDelivery(token: try SchemeFixture.token(signer)) }
                let statuses = await withTaskGroup(of: Int.self) { group in
                    for delivery in deliveries {
                        group.addTask {
                            if case .response(let response) = await target.send(delivery) { return response.status }
                            return -1
                        }
                    }
                    return await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(statuses == Array(repeating: 200, count: 20))
                #expect(SchemeFixture.fetches(host) == 2)
            }
        }
    }

    @Test("jwt: an unreachable JWKS refuses deliveries with 401, never a 5xx")
    func jwtNoJWKS() async throws {
        let keys = try Self.rsa.get()
        try await SchemeFixture.withHost { _, base in
            // Nothing published: the JWKS answers 404.
            try await withReceiver(secrets: [], configure: Self.jwt(base)) { target in
                let response = try await target.response(SchemeFixture.jwtDelivery(token: try SchemeFixture.token(keys.signer)))
                #expect(response.status == 401)
                #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":"jwks_malformed"}"#)
            }
        }
    }

    @Test("configuration: each scheme insists on its keys, jwt on an audience")
    func configuration() {
        #expect(throws: ReceiverError.noKeys) { try WebhookReceiver(configuration: ReceiverConfiguration(scheme: .v1)) }
        #expect(throws: ReceiverError.noKeys) { try WebhookReceiver(configuration: ReceiverConfiguration(scheme: .v1a, secrets: [Fixture.secret])) }
        #expect(throws: ReceiverError.noKeys) {
            try WebhookReceiver(configuration: ReceiverConfiguration(scheme: .jwt, tokenPolicy: TokenPolicy(audience: "a")))
        }
        #expect(throws: ReceiverError.noAudience) {
            try WebhookReceiver(configuration: ReceiverConfiguration(scheme: .jwt, jwksURL: "http://127.0.0.1:1/jwks", tokenPolicy: TokenPolicy(audience: "")))
        }
        #expect(throws: ReceiverError.badJWKSURL("file:///etc/passwd")) {
            try WebhookReceiver(configuration: ReceiverConfiguration(scheme: .jwt, jwksURL: "file:///etc/passwd", tokenPolicy: TokenPolicy(audience: "a")))
        }
    }

    static let swappedBody = Array(#"{"type":"batch.succeeded","version":"v1","timestamp":"2023-11-14T22:13:20Z","data":{"id":"batches/2","output_file_uri":"gs://evil/o"}}"#.utf8)

    /// A hostile token over the fixture's envelope, as the probe's cases build it.
    static func hostileDelivery(_ factory: HostileTokenFactory, _ kind: HostileToken) throws -> HostileDelivery {
        try factory.delivery(kind, body: Array(Fixture.envelope.utf8), swappedBody: swappedBody, audience: SchemeFixture.audience, issuer: SchemeFixture.issuer, now: Fixture.now)
    }

    /// A `jwt` receiver trusting `base`'s JWKS.
    static func jwt(_ base: String, cap: Int = 10) -> (inout ReceiverConfiguration) -> Void {
        { configuration in
            configuration.scheme = .jwt
            configuration.jwksURL = base + SchemeFixture.jwksPath
            configuration.tokenPolicy = TokenPolicy(audience: SchemeFixture.audience, issuer: SchemeFixture.issuer)
            configuration.jwksCache = JWKSCache.Configuration(maximumRefetchesPerCoolDown: cap)
        }
    }
}
