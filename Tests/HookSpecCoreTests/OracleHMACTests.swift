import Crypto
import HookSpecCore
import HookSpecOracle
import Testing

/// The core's `v1` HMAC-SHA256 against an independent implementation (SPEC §3.1, §7). The
/// verifier's MAC runs on system libcrypto, so the oracle is swift-crypto's `HMAC` (BoringSSL),
/// never the backend under test; the signer's MAC (swift-crypto) is checked against the verifier's.
@Suite("Oracle: v1 HMAC-SHA256 against swift-crypto")
struct OracleHMACTests {
    /// The oracle: swift-crypto's one-shot HMAC-SHA256.
    static func oracleMAC(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    static func positiveV1Vectors() throws -> [StandardWebhooksVectorFile.Positive] {
        guard SharedVectors.standardWebhooksAvailable else { return [] }
        return try SharedVectors.load(StandardWebhooksVectorFile.self, from: SharedVectors.standardWebhooksFile)
            .positive.filter { $0.scheme == "v1" }
    }

    @Test(
        "Published v1 value: verifier MAC, signer MAC, swift-crypto and the published signature agree",
        .enabled(if: SharedVectors.standardWebhooksAvailable, "skipped: ../shared/vectors/standard-webhooks/vectors.json not found"),
        arguments: try positiveV1Vectors())
    func publishedValue(_ vector: StandardWebhooksVectorFile.Positive) throws {
        // Some published secrets are shorter than 24 bytes (V5); the MAC is still well defined.
        let secret = try WebhookSecret(parsing: vector.secretOrKey, options: .anyLength)
        let body = try #require(try? Base64Codec.decode(vector.payloadB64, mode: .strict).get())
        let signer = Array(StandardWebhookSigner.mac(secret: secret, id: vector.msgId, timestamp: vector.timestamp, body: body))
        let key = secret.withUnsafeKeyBytes { Array($0) }
        let content = StandardWebhookSigner.signedContent(id: vector.msgId, timestamp: vector.timestamp, body: body)
        let core = secret.authenticationCode(for: content)
        let oracle = Self.oracleMAC(key: key, message: content)
        #expect(core == oracle)
        #expect(signer == oracle)
        #expect("v1," + Base64Codec.encode(oracle) == vector.expectedSignature)

        // The full verifier accepts it; timestamps like D6's `01614265330` need the named leniency.
        var policy = VerificationPolicy.strict
        if case .failure = TimestampPolicy.strict.parse(vector.timestamp) {
            policy = .strict(with: [.timestampLeadingZeros, .timestampSign, .timestampWhitespace])
        }
        let now = try #require(try? policy.timestamp.parse(vector.timestamp).get()).seconds
        let verifier = StandardWebhookVerifier(secrets: [secret], policy: policy)
        let headers: HeaderFields = [
            "webhook-id": vector.msgId, "webhook-timestamp": vector.timestamp, "webhook-signature": vector.expectedSignature,
        ]
        let verdict = verifier.verify(headers: headers, body: body, now: now)
        #expect(throws: Never.self) { try verdict.get() }
    }

    /// 10,000 random keys (24 to 64 bytes), ids, timestamps and bodies (empty and non-UTF-8 included).
    @Test("10,000 seeded random inputs: core MAC equals swift-crypto's, verifier accepts it and rejects a flipped bit",
          arguments: 0..<4)
    func randomInputs(chunk: Int) throws {
        let seed = TestSeed.base(0x486D_6163_0000) &+ UInt64(chunk)
        var random = SeededGenerator(seed: seed)
        for iteration in 0..<2_500 {
            let key = random.bytes(random.int(in: 24...64))
            let secret = try WebhookSecret(rawBytes: key)
            let id = random.webhookID()
            let timestamp = Int64(random.int(in: 0...9_999_999_999))
            let body = random.body(maximumLength: 700)
            let content = StandardWebhookSigner.signedContent(id: id, timestamp: String(timestamp), body: body)
            let expected = Self.oracleMAC(key: key, message: content)
            #expect(secret.authenticationCode(for: content) == expected, "seed \(seed) iteration \(iteration)")
            let signer = Array(StandardWebhookSigner.mac(secret: secret, id: id, timestamp: String(timestamp), body: body))
            #expect(signer == expected, "seed \(seed) iteration \(iteration)")

            // A delivery signed with the oracle's MAC verifies; the same with one bit flipped does not.
            let verifier = StandardWebhookVerifier(secrets: [secret])
            var headers: HeaderFields = [
                "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": "v1," + Base64Codec.encode(expected),
            ]
            let accepted = verifier.verify(headers: headers, body: body, now: timestamp)
            #expect((try? accepted.get()) != nil, "seed \(seed) iteration \(iteration): \(accepted)")
            var flipped = expected
            flipped[random.int(in: 0...31)] ^= UInt8(1) << UInt8(random.int(in: 0...7))
            headers = [
                "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": "v1," + Base64Codec.encode(flipped),
            ]
            let rejected = verifier.verify(headers: headers, body: body, now: timestamp)
            #expect(rejected == .failure(.signatureMismatch), "seed \(seed) iteration \(iteration)")
        }
    }

    @Test("swift-crypto (the oracle) and OpenSSL HMAC() (the benchmark baseline) reproduce the published signature")
    func oracleSelfCheck() throws {
        // V1 of ../shared/vectors/standard-webhooks/vectors.json (standard-webhooks reference libraries).
        guard case .success(let key) = Base64Codec.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", mode: .strict) else {
            Issue.record("fixture secret is not base64")
            return
        }
        let mac = try OpenSSLOracle.hmacSHA256(
            key: key, message: Array(#"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}"#.utf8))
        #expect(Base64Codec.encode(mac) == "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        let oracle = Self.oracleMAC(key: key, message: Array(#"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}"#.utf8))
        #expect(Base64Codec.encode(oracle) == "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        // Empty key and empty message are legal HMAC inputs (RFC 2104); OpenSSL must not fail on them.
        // The keyed EVP_MAC path (the benchmark's second OpenSSL figure) agrees with HMAC(), message after message.
        let keyed = try OpenSSLHMACSHA256(key: key)
        for length in [0, 1, 63, 64, 65, 1024] {
            let message = [UInt8](repeating: UInt8(length % 251), count: length)
            #expect(try keyed.authenticationCode(for: message) == OpenSSLOracle.hmacSHA256(key: key, message: message))
        }
        // HMAC-SHA256("", "") = b613679a...92c5ad (computed with Python's hmac module).
        #expect(try OpenSSLOracle.hmacSHA256(key: [], message: []) == bytes(fromHex: "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"))
    }
}
