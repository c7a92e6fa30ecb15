@testable import HookSpecCore
import Testing

/// The verifier remembers header segments of verified tokens (RS256HeaderMemo); reusing them
/// must change no verdict, and only a trusted signature may add one.
@Suite("RS256 header memo")
struct RS256HeaderMemoTests {
    @Test("one verifier used for every case, warm or cold, gives the codes a fresh verifier gives")
    func sharedVerifierAgreesWithFreshOnes() throws {
        let keys = try JOSEFixtures.keys()
        let shared = try keys.verifier()
        let cases = TokenVerifierTests.cases.filter { $0.policy == JOSEFixtures.policy && $0.body == JOSEFixtures.body }
        #expect(cases.count > 20)
        let tokens = try cases.map { try JOSEFixtures.token(keys, header: $0.header, claims: $0.claims) }
        for pass in 1...2 {
            for (entry, token) in zip(cases, tokens) {
                let fresh = JOSEFixtures.code(try keys.verifier().verify(token: token, body: entry.body, now: JOSEFixtures.now))
                let warm = JOSEFixtures.code(shared.verify(token: token, body: entry.body, now: JOSEFixtures.now))
                #expect(warm == fresh && fresh == entry.expected, "pass \(pass), \(entry.name)")
            }
        }
        #expect(shared.signatures.headerMemo.count > 0)
    }

    @Test("a header enters the memo only with a verified signature, and a forgery under it is still refused")
    func onlyVerifiedHeadersAreRemembered() throws {
        let keys = try JOSEFixtures.keys()
        let verifier = try keys.verifier()
        let claims = JOSEJSON.object(JOSEFixtures.validClaims())
        let header = JOSEJSON.object(JOSEFixtures.standardHeader)
        let forged = try RS256TokenSigner(key: keys.attacker, keyID: JOSEFixtures.trustedKeyID).token(header: header, claims: claims)
        let valid = try keys.signer.token(header: header, claims: claims)

        #expect(verifier.verify(token: forged, body: JOSEFixtures.body, now: JOSEFixtures.now) == .failure(.tokenSignatureInvalid))
        #expect(verifier.signatures.headerMemo.count == 0)
        #expect(JOSEFixtures.code(verifier.verify(token: valid, body: JOSEFixtures.body, now: JOSEFixtures.now)) == "valid")
        #expect(verifier.signatures.headerMemo.count == 1)
        // The same header segment now resolves from the memo: the signature is still checked,
        // and so are the other segments.
        #expect(verifier.verify(token: forged, body: JOSEFixtures.body, now: JOSEFixtures.now) == .failure(.tokenSignatureInvalid))
        let parts = valid.split(separator: ".").map(String.init)
        let badPayload = parts[0] + ".*" + parts[1] + "." + parts[2]
        #expect(verifier.verify(token: badPayload, body: JOSEFixtures.body, now: JOSEFixtures.now) == .failure(.tokenBase64(.payload)))
        let twoSegments = parts[0] + "." + parts[1]
        #expect(verifier.verify(token: twoSegments, body: JOSEFixtures.body, now: JOSEFixtures.now) == .failure(.tokenSegmentCount(2)))
        #expect(verifier.signatures.headerMemo.count == 1)
    }

    @Test("the memo holds at most its capacity, newest kept")
    func capacityBound() throws {
        let keys = try JOSEFixtures.keys()
        let verifier = try keys.verifier()
        let claims = JOSEJSON.object(JOSEFixtures.validClaims())
        var tokens: [String] = []
        for index in 0..<(RS256HeaderMemo.capacity + 2) {
            let header = JOSEJSON.object(JOSEFixtures.standardHeader + [("x-rotation", .string("\(index)"))])
            let token = try keys.signer.token(header: header, claims: claims)
            #expect(JOSEFixtures.code(verifier.verify(token: token, body: JOSEFixtures.body, now: JOSEFixtures.now)) == "valid")
            tokens.append(token)
        }
        #expect(verifier.signatures.headerMemo.count == RS256HeaderMemo.capacity)
        let newest = tokens[tokens.count - 1].split(separator: ".")[0]
        let held = Array(newest.utf8).withUnsafeBufferPointer { verifier.signatures.headerMemo.entry(for: $0) }
        #expect(held?.keyID == JOSEFixtures.trustedKeyID)
        let oldest = Array(tokens[0].split(separator: ".")[0].utf8)
        #expect(oldest.withUnsafeBufferPointer { verifier.signatures.headerMemo.entry(for: $0) } == nil)
    }
}
