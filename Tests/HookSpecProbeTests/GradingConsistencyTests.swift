import HookSpecCore
import Testing

@testable import HookSpecProbe

/// SPEC §9.2 "one class, one grade": every case's expectation follows from what the core says of
/// the request it sends. Strict accepts → 2xx expected; strict refuses but the python-reference
/// policy accepts → refusal preferred, acceptance NON-STRICT; both refuse → acceptance FAILs.
/// A validly signed delivery whose envelope is unusable is authentic: refusal preferred, acceptance
/// NON-STRICT. The few cases whose request only the key holder could make, or whose acceptance is
/// harmless by another rule, are listed with the reason.
@Suite("One class, one grade: case expectations follow from the core (SPEC §9.2)")
struct GradingConsistencyTests {
    /// The grade acceptance of a case's request deserves.
    enum AcceptanceClass: String {
        case deliver, nonStrict, fail
    }

    /// Cases whose acceptance is NON-STRICT although both verifiers refuse and the request carries
    /// no signature over exactly what is sent, and why.
    static let authenticByConstruction: [String: String] = [
        "replay/5": "a receiver that deduplicates before verifying answers the forged copy 2xx without processing it (SPEC §4)",
        "jwt/14": "signed by the trusted key; only the alg spelling is wrong",
        "jwt/22": "signed by a key of the trusted JWKS that its owner marked for encryption",
        "jwt/23": "signed by a key of the trusted JWKS whose JWK names another alg",
        "jwt/43": "the authentic token in another serialisation",
        "jwt/44": "the authentic token behind a Bearer prefix",
        "jwt/45": "the authentic token in another header",
        "jwt/46": "the authentic token with base64 padding",
        "jwt/47": "an authentic token over the size bound",
    ]

    /// Cases whose acceptance FAILs although their request is authentic, and why.
    static let failDespiteAuthentic: [String: String] = [
        "sig/10": "reads an entry of another version as v1; SPEC §3.1 says other versions are skipped, never read as v1 (a later scheme's entries would be misread)",
        "v1a/22": "reads a v1 entry as v1a; entries are read by their version label (SPEC §3.1, §3.2)",
    ]

    static func headers(_ request: ProbeRequest) -> HeaderFields { receivedHeaders(request) }

    /// Whether the request carries, in some spelling, the signature the key holder makes over exactly
    /// the id, timestamp and body sent, at a time that reads as fresh to a lenient parser: then only
    /// the key holder could have made it, now (SPEC §9.2). Stale authentic deliveries are replays.
    static func isAuthenticAndFresh(_ request: ProbeRequest, keys: ProbeKeys, changes: [JWKSChange], now: Int64) -> Bool {
        let fields = headers(request).fields
        if case .jwt(let jwt) = keys {
            guard let verifier = try? strictTokenVerifier(jwt, changes: changes) else { return false }
            return fields.filter { $0.name.lowercased() == "webhook-signature" }.contains { field in
                (try? verifier.verify(token: field.value, body: request.body, now: now).get()) != nil
            }
        }
        func first(_ name: String) -> String? { fields.first { $0.name.lowercased() == name }?.value }
        guard let id = first("webhook-id"), let timestamp = first("webhook-timestamp") else { return false }
        // What was signed may be the text as sent or the number a mainstream parser reads in it;
        // either way the time it stands for must be fresh (a stale authentic delivery is a replay).
        let policy = TimestampPolicy.strict
        let freshReadings = TimestampReading.readings(of: timestamp).map(\.seconds).filter { policy.checkFreshness($0, now: now) == nil }
        guard !freshReadings.isEmpty else { return false }
        let signedTexts = [timestamp] + freshReadings.map(String.init)
        var genuine: [[UInt8]] = []
        for signedText in signedTexts {
            let content = StandardWebhookSigner.signedContent(id: id, timestamp: signedText, body: request.body)
            switch keys {
            case .v1(let v1): genuine.append(Array(StandardWebhookSigner.mac(secret: v1.secret, id: id, timestamp: signedText, body: request.body)))
            case .v1a(let v1a): genuine += v1a.published.map { $0.key.signature(for: content) }
            case .jwt: return false
            }
        }
        let signatures = fields.filter { $0.name.lowercased() == "webhook-signature" }.map(\.value)
        return genuine.contains { value in
            let spellings = [Base64Codec.encode(value), Base64Codec.encodeURL(value), DeliveryCraft.hex(value)].map { String($0.prefix { $0 != "=" }) }
            return signatures.contains { header in spellings.contains { header.lowercased().contains($0.lowercased()) ? header.contains($0) || $0 == DeliveryCraft.hex(value) : false } }
        }
    }

    /// The reference receiver's envelope rule: strict JSON, an object with a non-empty string type.
    static func usableEnvelope(_ body: [UInt8]) -> Bool {
        guard let value = try? StrictJSONParser().parse(body), let object = value.objectValue,
            let type = object["type"]?.stringValue
        else { return false }
        return !type.isEmpty
    }

    /// What acceptance of `request` deserves under `keys`.
    static func acceptanceClass(_ request: ProbeRequest, keys: ProbeKeys, changes: [JWKSChange], now: Int64) -> (AcceptanceClass, String) {
        let strict = strictCoreAccepts(request, keys: keys, changes: changes, now: now)
        if case .success = strict {
            return usableEnvelope(request.body) ? (.deliver, "strict accepts") : (.nonStrict, "signed, but the envelope is unusable")
        }
        let lenient: Bool
        switch keys {
        case .v1(let v1):
            lenient = (try? StandardWebhookVerifier(secrets: [v1.secret], policy: .pythonReference).verify(headers: headers(request), body: request.body, now: now).get()) != nil
        case .v1a:
            var documents = JWKSDocuments(keys: [keys])
            for change in changes { documents.apply(change) }
            let set = try? JSONWebKeySet(parsing: documents.trusted)
            lenient = (try? StandardWebhookVerifier(publicKeys: set?.ed25519Keys ?? [], policy: .pythonReference).verify(headers: headers(request), body: request.body, now: now).get()) != nil
        case .jwt:
            lenient = false
        }
        if lenient { return (.nonStrict, "strict refuses, python-reference accepts") }
        if isAuthenticAndFresh(request, keys: keys, changes: changes, now: now) { return (.nonStrict, "refused, but it carries the key holder's signature over exactly what is sent") }
        if case .failure(let rejection) = strict { return (.fail, "both refuse: \(rejection.code.rawValue)") }
        return (.fail, "both refuse")
    }

    /// The class a case's expectation gives acceptance.
    static func declaredClass(_ expectation: AnswerExpectation) -> AcceptanceClass? {
        switch expectation.mode {
        case .observe: nil
        case .deliver: .deliver
        case .reject: .fail
        case .tolerate: expectation.preferred == .success ? .deliver : expectation.alsoAccepted.contains(.success) ? .nonStrict : .fail
        }
    }

    @Test(arguments: ProbeScheme.allCases)
    func everyCaseIsGradedAsTheCoreClassifiesItsRequest(_ scheme: ProbeScheme) throws {
        let now: Int64 = 1_800_000_000
        let keys = testKeys(scheme)
        var mismatches: [String] = []
        for probeCase in ProbeCatalog.cases(for: scheme) where !probeCase.isLargeBody {
            guard let declared = Self.declaredClass(probeCase.expectation) else { continue }
            let context = CaseContext(keys: keys, now: now, runToken: "c1", caseID: probeCase.id, attackerJWKSURL: "http://127.0.0.1:9/attacker/jwks.json")
            let requests = try probeCase.build(context)
            guard let last = requests.last else { continue }
            var (computed, why) = Self.acceptanceClass(last.request, keys: keys, changes: requests.compactMap(\.jwksChange), now: now)
            if computed == .fail, let reason = Self.authenticByConstruction[probeCase.id] {
                (computed, why) = (.nonStrict, reason)
            }
            if computed == .nonStrict, let reason = Self.failDespiteAuthentic[probeCase.id] {
                (computed, why) = (.fail, reason)
            }
            if computed != declared {
                mismatches.append("\(probeCase.id): declared \(declared.rawValue), the core says \(computed.rawValue) (\(why))")
            }
        }
        #expect(mismatches.isEmpty, "\(scheme.rawValue):\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func everyListedExceptionIsACaseWhoseRequestBothVerifiersRefuse() {
        for id in Array(Self.authenticByConstruction.keys) + Array(Self.failDespiteAuthentic.keys) {
            #expect(ProbeCatalog.all.contains { $0.id == id }, "\(id) is not a case")
        }
    }
}
