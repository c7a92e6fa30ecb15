import HookSpecCore
import HookSpecProbe
import HookSpecReceiver
import Testing

/// Each mutant against the reference on a request crafted for its rule: the two must differ.
@Suite("Receiver mutants differ from the reference (SPEC §9.5)")
struct ReceiverMutantTests {
    /// What one receiver showed for a crafted exchange: the last answer's status and body, processing count, latency.
    struct Observation: Sendable, Equatable {
        var status: Int
        var body: String
        var timesProcessed: Int
        var slow: Bool
    }

    /// The crafted exchange for a mutant: one or more requests sharing an id.
    struct Crafted: Sendable {
        let id: String
        let requests: @Sendable () -> [ProbeRequest]
    }

    static func crafted(for mutant: ReceiverMutant) -> Crafted {
        let id = "msg_\(mutant.rawValue)"
        let ts = String(Fixture.now)
        let good = Fixture.entry(id: id, timestamp: ts, body: Fixture.envelope)
        let goodBase64 = String(good.dropFirst(3))
        let wrong = Fixture.entry(id: id, timestamp: ts, body: Fixture.envelope, secret: Fixture.otherSecret)
        func one(_ request: @escaping @Sendable () -> ProbeRequest) -> Crafted { Crafted(id: id, requests: { [request()] }) }
        switch mutant {
        case .acceptAnySignature:
            return one { Fixture.delivery(id: id, signature: wrong) }
        case .skipTimestampCheck:
            return one { Fixture.delivery(id: id, timestamp: String(Fixture.now - 3600)) }
        case .acceptFutureTimestamps:
            return one { Fixture.delivery(id: id, timestamp: String(Fixture.now + 3600)) }
        case .substringSignatureMatch:
            // The expected base64 hidden inside a longer, unparseable entry.
            return one { Fixture.delivery(id: id, signature: "v1,AAAA" + goodBase64) }
        case .truncatedSignatureMatch:
            return one { Fixture.delivery(id: id, signature: "v1," + goodBase64.prefix(8)) }
        case .firstEntryOnly:
            // Rotation: the old secret's entry first, the current one second.
            return one { Fixture.delivery(id: id, signature: wrong + " " + good) }
        case .ignoreVersionLabel:
            return one { Fixture.delivery(id: id, signature: "v2," + goodBase64) }
        case .reserializedJSON:
            // Valid JSON written with spaces: its raw bytes are signed, not the compact form.
            return one { Fixture.delivery(id: id, body: #"{ "type": "batch.succeeded", "version": "v1", "data": { "id": "b" } }"#) }
        case .secretTextAsKey, .undecodedSecretAsKey, .slowAnswer, .redirectToTrailingSlash:
            return one { Fixture.delivery(id: id) }
        case .caseSensitiveHeaders:
            return one { Fixture.delivery(id: id, names: ("Webhook-Id", "Webhook-Timestamp", "Webhook-Signature")) }
        case .serverErrorOnMalformedEntry:
            return one { Fixture.delivery(id: id, signature: "v1" + goodBase64) }
        case .serverErrorOnMalformedTimestamp:
            return one { Fixture.delivery(id: id, timestamp: "nan") }
        case .reprintedTimestamp:
            // A leading zero on the header, the MAC over the canonical number.
            return one { Fixture.delivery(id: id, timestamp: "0" + ts, signature: good) }
        case .serverErrorOnBareLabel:
            return one { Fixture.delivery(id: id, signature: "v1 " + good) }
        case .conflictOnDuplicate, .noReplayProtection:
            return Crafted(id: id, requests: { let d = Fixture.delivery(id: id); return [d, d] })
        case .leakyErrorBodies:
            return one { Fixture.delivery(id: id, signature: wrong) }
        case .v1aMalleableSignature, .v1aPublicKeyAsHMACSecret, .v1aFirstKeyOnly, .v1aBodyOnlySignature,
            .jwtAlgorithmFromToken, .jwtKeyIDFallback, .jwtNoAudienceCheck, .jwtExpirationOptional, .jwtFollowsKeyURL,
            .jwtNoBodyBinding, .jwtJWKSEveryDelivery, .jwtHS256WithPublicKey:
            // Not v1 mutants: SchemeMutantTests crafts their requests.
            return one { Fixture.delivery(id: id) }
        }
    }

    /// The slow mutant's delay here: short to keep the run quick, long enough to tell apart from a loopback answer.
    static let slowSeconds = 1.0

    static func observe(_ mutant: ReceiverMutant?, _ crafted: Crafted) async throws -> Observation {
        var observation = Observation(status: 0, body: "", timesProcessed: 0, slow: false)
        try await withReceiver(mutant: mutant, slowAnswerSeconds: slowSeconds) { target in
            for request in crafted.requests() {
                let response = try await target.response(request)
                observation.status = response.status
                observation.body = String(decoding: response.body, as: UTF8.self)
                // The mutant's delay is a fixed timer: a lower bound that no machine speed breaks.
                observation.slow = observation.slow || response.latencySeconds >= Self.slowSeconds
            }
            await target.receiver.ledger.waitUntilIdle()
            observation.timesProcessed = target.receiver.ledger.timesProcessed(crafted.id)
        }
        return observation
    }

    @Test("every mutant has a name, a summary and a rule", arguments: ReceiverMutant.allCases)
    func described(_ mutant: ReceiverMutant) {
        #expect(ReceiverMutant(rawValue: mutant.name) == mutant)
        #expect(!mutant.summary.isEmpty && mutant.rule.hasPrefix("SPEC §"))
    }

    @Test("there are at least 12 mutants")
    func count() {
        #expect(ReceiverMutant.allCases.count >= 12)
    }

    @Test("the mutant answers its crafted request differently from the reference", arguments: ReceiverMutant.applying(to: .v1))
    func differs(_ mutant: ReceiverMutant) async throws {
        let crafted = Self.crafted(for: mutant)
        var reference = try await Self.observe(nil, crafted)
        var broken = try await Self.observe(mutant, crafted)
        // An answer slower than the slow mutant's delay is the machine's doing unless the receiver
        // is the slow mutant, whose delay is a lower bound: only its slowness is a difference.
        reference.slow = false
        if mutant != .slowAnswer { broken.slow = false }
        #expect(reference != broken, "\(mutant.name) behaved like the reference: \(reference)")
        // The reference is never 5xx or 3xx, never leaks, never processes twice. (Whether it was
        // slow is wall time, which a busy machine decides: only the slow mutant's own delay is checked.)
        #expect(reference.status < 500 && !(300..<400).contains(reference.status))
        #expect(reference.timesProcessed <= 1)
        #expect(!reference.body.contains("expected") && !reference.body.contains("Traceback"))

        // And the difference is the one the mutant is named for.
        switch mutant {
        case .acceptAnySignature, .skipTimestampCheck, .acceptFutureTimestamps, .substringSignatureMatch,
            .truncatedSignatureMatch, .ignoreVersionLabel, .reprintedTimestamp:
            #expect((400..<500).contains(reference.status) && broken.status == 200)
        case .firstEntryOnly, .reserializedJSON, .secretTextAsKey, .undecodedSecretAsKey:
            #expect(reference.status == 200 && broken.status == 401)
        case .caseSensitiveHeaders:
            #expect(reference.status == 200 && broken.status == 400 && broken.body.contains("header_missing"))
        case .serverErrorOnMalformedEntry, .serverErrorOnMalformedTimestamp, .serverErrorOnBareLabel:
            #expect(reference.status == 400 && broken.status == 500)
        case .conflictOnDuplicate:
            #expect(reference.status == 200 && broken.status == 409)
        case .noReplayProtection:
            #expect(reference.status == 200 && broken.status == 200)
            #expect(reference.timesProcessed == 1 && broken.timesProcessed == 2)
        case .slowAnswer:
            #expect(reference.status == 200 && broken.status == 200 && broken.slow)
        case .leakyErrorBodies:
            #expect(reference.status == broken.status)
            #expect(broken.body.contains("Traceback") && broken.body.contains("expected_signature = v1,"))
            // Enough of the expected MAC for the probe's leak detector (a 20-character prefix), never all of it.
            let expected = String(Fixture.entry(id: crafted.id, timestamp: String(Fixture.now), body: Fixture.envelope).dropFirst(3))
            #expect(broken.body.contains("v1," + expected.prefix(20)) && !broken.body.contains(expected))
            #expect(!broken.body.contains("whsec_") && !broken.body.contains("MfKQ"))
        case .redirectToTrailingSlash:
            #expect(reference.status == 200 && broken.status == 308)
        case .v1aMalleableSignature, .v1aPublicKeyAsHMACSecret, .v1aFirstKeyOnly, .v1aBodyOnlySignature,
            .jwtAlgorithmFromToken, .jwtKeyIDFallback, .jwtNoAudienceCheck, .jwtExpirationOptional, .jwtFollowsKeyURL,
            .jwtNoBodyBinding, .jwtJWKSEveryDelivery, .jwtHS256WithPublicKey:
            Issue.record("\(mutant.name) is not a v1 mutant (SchemeMutantTests covers it)")
        }
    }
}
