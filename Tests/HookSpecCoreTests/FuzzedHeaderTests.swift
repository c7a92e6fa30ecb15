import HookSpecCore
import Testing

/// Seeded property tests over `webhook-*` headers and bodies (issue 2 item 8). Each test prints
/// its seed on failure; set HOOKSPEC_TEST_SEED to explore other sequences.
@Suite("Fuzzed headers")
struct FuzzedHeaderTests {
    static let now: Int64 = 1_763_888_000

    /// A signed delivery and what is needed to check rejections for leaks.
    struct Delivery {
        let id: String
        let timestamp: String
        let signature: String
        let body: [UInt8]
        /// Texts that must never appear in a rejection: the secret's base64 and `whsec_` form.
        let secretTexts: [String]

        var headers: HeaderFields {
            ["webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature]
        }
    }

    static func v1Delivery(_ random: inout SeededGenerator, secret: WebhookSecret, bodyLength: ClosedRange<Int>) -> Delivery {
        let id = random.webhookID()
        let timestamp = String(now + Int64(random.int(in: -300...300)))
        let body = random.body(maximumLength: bodyLength.upperBound)
        let entry = StandardWebhookSigner.v1Entry(secret: secret, id: id, timestamp: timestamp, body: body)
        let exported = secret.exportedText()
        return Delivery(id: id, timestamp: timestamp, signature: entry, body: body,
                        secretTexts: [exported, String(exported.dropFirst(WebhookSecret.prefix.count))])
    }

    /// Checks what every rejection must satisfy: a non-empty stable code, a description that starts
    /// with it, and no secret material in the description.
    static func checkRejection(_ rejection: Rejection, secretTexts: [String], _ context: String) {
        #expect(!rejection.code.rawValue.isEmpty, "\(context)")
        #expect(RejectionCode(rawValue: rejection.code.rawValue) == rejection.code, "\(context)")
        #expect(rejection.description.hasPrefix(rejection.code.rawValue), "\(context)")
        for secret in secretTexts {
            #expect(!rejection.description.contains(secret), "\(context): description leaks the secret")
            #expect(!String(reflecting: rejection).contains(secret), "\(context): reflection leaks the secret")
        }
    }

    // MARK: Random values

    static func randomText(_ random: inout SeededGenerator, maximumLength: Int) -> String {
        let length = random.int(in: 0...maximumLength)
        switch random.int(in: 0...4) {
        case 0: return random.string(length, from: TestAlphabet.printableASCII)
        case 1: return String(decoding: random.bytes(length), as: UTF8.self)   // invalid UTF-8 becomes U+FFFD
        case 2: return random.string(length, from: Array("0123456789+-._eE \t,=v1a".utf8))
        case 3:
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                if let scalar = Unicode.Scalar(UInt32(random.int(in: 0...0x10FFFF))) { scalars.append(scalar) }
            }
            return String(scalars)
        default: return random.string(length, from: TestAlphabet.base64 + Array("=, ".utf8))
        }
    }

    static func randomSignatureList(_ random: inout SeededGenerator) -> String {
        let versions = ["v1", "v1a", "v2", "V1", "", "v1,", "v1a,", "x"]
        var entries: [String] = []
        for _ in 0..<random.int(in: 0...(random.chance(1, in: 20) ? 100 : 4)) {
            let version = random.pick(versions)
            let payload: String
            switch random.int(in: 0...3) {
            case 0: payload = Base64Codec.encode(random.bytes(32))
            case 1: payload = Base64Codec.encode(random.bytes(64))
            case 2: payload = Base64Codec.encode(random.bytes(random.int(in: 0...70)))
            default: payload = randomText(&random, maximumLength: 100)
            }
            entries.append(random.chance(1, in: 10) ? payload : version + "," + payload)
        }
        let separator = random.chance(1, in: 8) ? random.pick(["  ", "\t", ",", ", "]) : " "
        return entries.joined(separator: separator)
    }

    @Test("Random and hostile header values and bodies: never a crash, never accepted, every rejection coded and secret-free")
    func randomHeaders() throws {
        let seed = TestSeed.base(0xF022_0001)
        var random = SeededGenerator(seed: seed)
        let secret = try WebhookSecret(rawBytes: random.bytes(32))
        let signingKey = try Ed25519SigningKey(parsing: Ed25519SigningKey.prefix + Base64Codec.encode(random.bytes(32)))
        let exported = secret.exportedText()
        let secretTexts = [exported, String(exported.dropFirst(WebhookSecret.prefix.count))]
        let verifiers = [
            StandardWebhookVerifier(secrets: [secret]),
            StandardWebhookVerifier(secrets: [secret], policy: .pythonReference),
            StandardWebhookVerifier(secrets: [secret], policy: .strict(with: VerificationPolicy.Leniency.allCases)),
            StandardWebhookVerifier(secrets: [secret], publicKeys: [signingKey.publicKey],
                                    policy: VerificationPolicy(maximumBodyBytes: 1024)),
        ]
        var codes: [RejectionCode: Int] = [:]
        for iteration in 0..<4_000 {
            var headers = HeaderFields()
            let names = ["webhook-id", "webhook-timestamp", "webhook-signature"]
            for name in names where !random.chance(1, in: 12) {
                let spelled = random.chance(1, in: 4) ? String(name.map { random.chance(1, in: 2) ? Character($0.uppercased()) : $0 }) : name
                let value: String
                switch name {
                case "webhook-id": value = random.chance(1, in: 2) ? random.webhookID() : Self.randomText(&random, maximumLength: 300)
                case "webhook-timestamp":
                    let near = String(Self.now + Int64(random.int(in: -400...400)))
                    switch random.int(in: 0...3) {
                    case 0, 1: value = near
                    // Non-canonical spellings of a near value: each is a named leniency (SPEC §4).
                    case 2: value = random.pick(["0" + near, "+" + near, " " + near, near + ".5", near + "e0", "-" + near])
                    default: value = Self.randomText(&random, maximumLength: 30)
                    }
                default: value = Self.randomSignatureList(&random)
                }
                headers.append(name: spelled, value: value)
                if random.chance(1, in: 30) { headers.append(name: name, value: value) }
            }
            if random.chance(1, in: 5) { headers.append(name: "webhook-extra", value: Self.randomText(&random, maximumLength: 20)) }
            let body = random.body(maximumLength: random.chance(1, in: 50) ? 4_096 : 512)
            let verifier = random.pick(verifiers)
            switch verifier.verify(headers: headers, body: body, now: Self.now) {
            case .success(let delivery):
                Issue.record("seed \(seed) iteration \(iteration): random input verified: \(delivery)")
            case .failure(let rejection):
                codes[rejection.code, default: 0] += 1
                Self.checkRejection(rejection, secretTexts: secretTexts, "seed \(seed) iteration \(iteration)")
            }
        }
        // The generator must reach deep into the verifier, not only fail at the first header.
        for code in [RejectionCode.headerMissing, .headerEmpty, .headerDuplicate, .timestampMalformed, .timestampNonCanonical,
                     .entryMalformed, .signatureUnsupportedVersion, .signatureMismatch, .bodyTooLarge] {
            #expect(codes[code, default: 0] > 0, "seed \(seed): no \(code.rawValue) rejection was produced")
        }
    }

    // MARK: Single-byte changes

    enum Field: String, CaseIterable { case id, timestamp, signature, body }

    /// One byte replaced; header text that becomes invalid UTF-8 is read with U+FFFD, as a server would.
    static func replacingByte(_ text: String, at index: Int, with byte: UInt8) -> String {
        var bytes = Array(text.utf8)
        bytes[index] = byte
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The change the spec allows a lenient reader to accept: the last base64 data character of a
    /// signature replaced by one that differs only in the padding bits (2 bits for a 32-byte `v1`
    /// signature, 4 for a 64-byte `v1a` one), so the decoded signature is the same.
    static func touchesOnlyPaddingBits(signature: String, index: Int, byte: UInt8) -> Bool {
        let bytes = Array(signature.utf8)
        guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return false }
        let encoded = bytes[(comma + 1)...]
        let dataCount = encoded.count - encoded.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        let lastData = comma + dataCount
        guard index == lastData, let old = TestAlphabet.base64.firstIndex(of: bytes[index]),
            let new = TestAlphabet.base64.firstIndex(of: byte)
        else { return false }
        let paddingBits = (encoded.count - dataCount) * 2
        return old >> paddingBits == new >> paddingBits
    }

    /// Runs every single-byte change of `delivery` (all positions of short fields, a sample of long
    /// bodies) through `strict` and `python`, and checks the outcome of each.
    static func sweep(
        _ delivery: Delivery, strict: StandardWebhookVerifier, python: StandardWebhookVerifier,
        replacements: Int, random: inout SeededGenerator, seed: UInt64, tally: inout [String: Int]
    ) {
        for field in Field.allCases {
            let length: Int
            switch field {
            case .id: length = delivery.id.utf8.count
            case .timestamp: length = delivery.timestamp.utf8.count
            case .signature: length = delivery.signature.utf8.count
            case .body: length = delivery.body.count
            }
            let positions = length <= 96 ? Array(0..<length) : (0..<96).map { _ in random.int(in: 0...(length - 1)) }
            let signatureBytes = Array(delivery.signature.utf8)
            let lastData = (signatureBytes.lastIndex { $0 != UInt8(ascii: "=") }) ?? 0
            for position in positions {
                // The last base64 data character gets every alphabet character, so the padding-bit
                // case is always exercised; other positions get random bytes.
                let exhaustive = field == .signature && position == lastData
                var candidates: [UInt8] = []
                for _ in 0..<replacements {
                    // Half the time a base64 character: it reaches the decoders, not only the tokenizer.
                    candidates.append(random.chance(1, in: 2) ? random.pick(TestAlphabet.base64) : UInt8(truncatingIfNeeded: random.next()))
                }
                for byte in exhaustive ? TestAlphabet.base64 : candidates {
                    var id = delivery.id, timestamp = delivery.timestamp, signature = delivery.signature, body = delivery.body
                    switch field {
                    case .id:
                        guard Array(id.utf8)[position] != byte else { continue }
                        id = replacingByte(id, at: position, with: byte)
                    case .timestamp:
                        guard Array(timestamp.utf8)[position] != byte else { continue }
                        timestamp = replacingByte(timestamp, at: position, with: byte)
                    case .signature:
                        guard Array(signature.utf8)[position] != byte else { continue }
                        signature = replacingByte(signature, at: position, with: byte)
                    case .body:
                        guard body[position] != byte else { continue }
                        body[position] = byte
                    }
                    let headers: HeaderFields = ["webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature]
                    let context = "seed \(seed): \(field.rawValue) byte \(position) -> 0x\(String(byte, radix: 16))"
                    let paddingOnly = field == .signature
                        && touchesOnlyPaddingBits(signature: delivery.signature, index: position, byte: byte)

                    switch strict.verify(headers: headers, body: body, now: now) {
                    case .success:
                        Issue.record("\(context): strict accepted a changed delivery")
                    case .failure(let rejection):
                        tally["strict \(field.rawValue) \(rejection.code.rawValue)", default: 0] += 1
                        checkRejection(rejection, secretTexts: delivery.secretTexts, context)
                        if paddingOnly {
                            #expect(rejection == .entryNonCanonicalBase64, "\(context)")
                        }
                    }
                    switch python.verify(headers: headers, body: body, now: now) {
                    case .success:
                        tally["python \(field.rawValue) accepted", default: 0] += 1
                        #expect(paddingOnly, "\(context): the Python policy accepted a change that is not a padding-bit change")
                    case .failure(let rejection):
                        tally["python \(field.rawValue) \(rejection.code.rawValue)", default: 0] += 1
                        checkRejection(rejection, secretTexts: delivery.secretTexts, context)
                        #expect(!paddingOnly, "\(context): the Python policy must accept a padding-bit-only change (b64decode ignores those bits)")
                    }
                }
            }
        }
    }

    @Test("v1: every single-byte change of id, timestamp, signature or body fails under strict; under the Python policy only padding-bit changes pass")
    func singleByteChangesV1() throws {
        let seed = TestSeed.base(0xF022_0002)
        var random = SeededGenerator(seed: seed)
        var tally: [String: Int] = [:]
        for _ in 0..<30 {
            let secret = try WebhookSecret(rawBytes: random.bytes(random.int(in: 24...64)))
            let delivery = Self.v1Delivery(&random, secret: secret, bodyLength: 0...300)
            let strict = StandardWebhookVerifier(secrets: [secret])
            let python = StandardWebhookVerifier(secrets: [secret], policy: .pythonReference)
            #expect((try? strict.verify(headers: delivery.headers, body: delivery.body, now: Self.now).get()) != nil, "seed \(seed)")
            Self.sweep(delivery, strict: strict, python: python, replacements: 2, random: &random, seed: seed, tally: &tally)
        }
        // The padding-bit case must have been exercised, not merely allowed.
        #expect(tally["python signature accepted", default: 0] > 0, "seed \(seed): no padding-bit change was generated")
        #expect(tally["strict signature entry_noncanonical_base64", default: 0] > 0, "seed \(seed)")
        print("single-byte changes (v1), outcome counts:", tally.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
    }

    @Test("v1a: every single-byte change fails under strict; under the Python policy only padding-bit changes pass")
    func singleByteChangesV1a() throws {
        let seed = TestSeed.base(0xF022_0003)
        var random = SeededGenerator(seed: seed)
        var tally: [String: Int] = [:]
        for _ in 0..<3 {
            let key = try Ed25519SigningKey(parsing: Ed25519SigningKey.prefix + Base64Codec.encode(random.bytes(32)))
            let id = random.webhookID(), timestamp = String(Self.now), body = random.body(maximumLength: 40)
            let delivery = Delivery(
                id: id, timestamp: timestamp,
                signature: StandardWebhookSigner.v1aEntry(key: key, id: id, timestamp: timestamp, body: body),
                body: body, secretTexts: [key.exportedText()])
            let strict = StandardWebhookVerifier(publicKeys: [key.publicKey])
            let python = StandardWebhookVerifier(publicKeys: [key.publicKey], policy: .pythonReference)
            #expect((try? strict.verify(headers: delivery.headers, body: delivery.body, now: Self.now).get()) != nil, "seed \(seed)")
            Self.sweep(delivery, strict: strict, python: python, replacements: 1, random: &random, seed: seed, tally: &tally)
        }
        print("single-byte changes (v1a), outcome counts:", tally.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
    }

    @Test("Exhaustive: every replacement of the last base64 character of a v1 signature")
    func lastCharacterExhaustive() throws {
        let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let strict = StandardWebhookVerifier(secrets: [secret])
        let python = StandardWebhookVerifier(secrets: [secret], policy: .pythonReference)
        // V1 ends in "1OE=": its last data character carries 2 padding bits.
        var acceptedByPython: [Character] = []
        for byte in UInt8(0)...UInt8(255) where byte != UInt8(ascii: "E") {
            let signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1O" + String(decoding: [byte], as: UTF8.self) + "="
            let headers: HeaderFields = ["webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": signature]
            let strictResult = strict.verify(headers: headers, body: body, now: 1_614_265_330)
            #expect((try? strictResult.get()) == nil, "byte 0x\(String(byte, radix: 16))")
            if case .success = python.verify(headers: headers, body: body, now: 1_614_265_330) {
                acceptedByPython.append(Character(Unicode.Scalar(byte)))
                #expect(strictResult == .failure(.entryNonCanonicalBase64))
            }
        }
        // 'E' (index 4) has low bits 00; F, G, H (5, 6, 7) differ only in the 2 padding bits.
        #expect(acceptedByPython == ["F", "G", "H"])
    }

    @Test("Named allowed change: header names in any case (HTTP field names are case-insensitive)")
    func headerNameCase() throws {
        let seed = TestSeed.base(0xF022_0004)
        var random = SeededGenerator(seed: seed)
        let secret = try WebhookSecret(rawBytes: random.bytes(32))
        let verifier = StandardWebhookVerifier(secrets: [secret])
        for iteration in 0..<200 {
            let delivery = Self.v1Delivery(&random, secret: secret, bodyLength: 0...64)
            let recased = HeaderFields(delivery.headers.fields.map { field in
                (String(field.name.map { random.chance(1, in: 2) ? Character($0.uppercased()) : $0 }), field.value)
            })
            #expect((try? verifier.verify(headers: recased, body: delivery.body, now: Self.now).get()) != nil,
                    "seed \(seed) iteration \(iteration): \(recased.fields.map(\.name))")
            // Changing a name's letters (not their case) loses the header.
            let renamed = HeaderFields(delivery.headers.fields.map { ($0.name == "webhook-id" ? "webhook-ld" : $0.name, $0.value) })
            #expect(verifier.verify(headers: renamed, body: delivery.body, now: Self.now) == .failure(.headerMissing("webhook-id")))
        }
    }

    // MARK: Parsers on their own

    @Test("Parsers on random input: no crash, and every answer is a value or a typed error")
    func parsers() {
        let seed = TestSeed.base(0xF022_0005)
        var random = SeededGenerator(seed: seed)
        for iteration in 0..<3_000 {
            let text = Self.randomText(&random, maximumLength: 120)
            switch SignatureList.parse(text, leniency: random.chance(1, in: 2) ? [] : .pythonReference) {
            case .success(let entries): #expect(entries.count <= SignatureList.maximumEntries)
            case .failure(let rejection): #expect(!rejection.code.rawValue.isEmpty, "seed \(seed) iteration \(iteration)")
            }
            if let rejection = Result(catching: { () throws(Rejection) in try WebhookSecret(parsing: "whsec_" + text) }).failure {
                #expect(!rejection.description.contains(text) || text.count < 4, "seed \(seed) iteration \(iteration)")
            }
            _ = try? Ed25519PublicKey(parsing: "whpk_" + text)
            _ = try? Ed25519SigningKey(parsing: "whsk_" + text)
            _ = try? Ed25519PublicKeySet(jwks: Array(#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"\#(text)"}]}"#.utf8))
            _ = TimestampPolicy.pythonReference.parse(text)
        }
    }
}

extension Result {
    /// The error of a failure, nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
