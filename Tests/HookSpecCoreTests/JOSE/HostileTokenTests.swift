import HookSpecCore
import Testing

/// Issue 3 item 5 / SPEC §9.4: every hostile token is rejected with its own code.
@Suite("Hostile RS256 tokens")
struct HostileTokenTests {
    @Test("rejected with the expected code", arguments: HostileToken.allCases)
    func rejected(_ kind: HostileToken) throws {
        let keys = try JOSEFixtures.keys()
        let delivery = try keys.factory.delivery(
            kind, body: JOSEFixtures.body, swappedBody: JOSEFixtures.otherBody,
            audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: JOSEFixtures.now)
        let result = try keys.verifier().verify(token: delivery.token, body: delivery.body, now: JOSEFixtures.now)
        #expect(JOSEFixtures.code(result) == kind.expected.rawValue, "\(kind.summary)")
    }

    @Test("the swapped-body token is valid over its own body, so only the body binding catches it")
    func swappedBodyIsOtherwiseValid() throws {
        let keys = try JOSEFixtures.keys()
        let delivery = try keys.factory.delivery(
            .swappedBody, body: JOSEFixtures.body, swappedBody: JOSEFixtures.otherBody,
            audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: JOSEFixtures.now)
        #expect(delivery.body == JOSEFixtures.otherBody)
        let result = try keys.verifier().verify(token: delivery.token, body: JOSEFixtures.body, now: JOSEFixtures.now)
        #expect(JOSEFixtures.code(result) == "valid")
    }

    @Test("each hostile token differs from the valid baseline in its own way", arguments: HostileToken.allCases)
    func distinct(_ kind: HostileToken) throws {
        let keys = try JOSEFixtures.keys()
        let valid = try keys.signer.deliveryToken(body: JOSEFixtures.body, audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: JOSEFixtures.now)
        let delivery = try keys.factory.delivery(
            kind, body: JOSEFixtures.body, swappedBody: JOSEFixtures.otherBody,
            audience: JOSEFixtures.audience, issuer: JOSEFixtures.issuer, now: JOSEFixtures.now)
        #expect(delivery.token != valid || delivery.body != JOSEFixtures.body)
    }
}
