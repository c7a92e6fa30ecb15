import HookSpecCore
import HookSpecOracle
import Testing

/// The core's `v1a` Ed25519 (swift-crypto) against system OpenSSL's `EVP_DigestSign`/`EVP_DigestVerify`
/// (SPEC §3.2, §7).
@Suite("Oracle: v1a Ed25519 against OpenSSL")
struct OracleEd25519Tests {
    /// DER SubjectPublicKeyInfo prefix for id-Ed25519 (RFC 8410 §4), written out independently of the core.
    static let spkiHeader: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    static func positiveV1aVectors() throws -> [StandardWebhooksVectorFile.Positive] {
        guard SharedVectors.standardWebhooksAvailable else { return [] }
        return try SharedVectors.load(StandardWebhooksVectorFile.self, from: SharedVectors.standardWebhooksFile)
            .positive.filter { $0.scheme == "v1a" }
    }

    @Test(
        "Published v1a value: the core and OpenSSL both verify it, and both reject it with one bit flipped",
        .enabled(if: SharedVectors.standardWebhooksAvailable, "skipped: ../shared/vectors/standard-webhooks/vectors.json not found"),
        arguments: try positiveV1aVectors())
    func publishedValue(_ vector: StandardWebhooksVectorFile.Positive) throws {
        let key = try Ed25519PublicKey(parsing: vector.secretOrKey)
        let body = try #require(try? Base64Codec.decode(vector.payloadB64, mode: .strict).get())
        let content = StandardWebhookSigner.signedContent(id: vector.msgId, timestamp: vector.timestamp, body: body)
        let signature = try #require(try? Base64Codec.decode(vector.expectedSignature.dropFirst(4), mode: .strict).get())
        #expect(OpenSSLOracle.ed25519Verify(publicKey: key.rawRepresentation, message: content, signature: signature))
        #expect(key.isValidSignature(signature, over: content))

        let verifier = StandardWebhookVerifier(publicKeys: [key])
        let headers: HeaderFields = [
            "webhook-id": vector.msgId, "webhook-timestamp": vector.timestamp, "webhook-signature": vector.expectedSignature,
        ]
        let now = try #require(Int64(vector.timestamp))
        #expect(throws: Never.self) { try verifier.verify(headers: headers, body: body, now: now).get() }

        var flipped = signature
        flipped[17] ^= 0x04
        #expect(!OpenSSLOracle.ed25519Verify(publicKey: key.rawRepresentation, message: content, signature: flipped))
        #expect(!key.isValidSignature(flipped, over: content))
    }

    @Test("OpenSSL signs the published V6 delivery with the published seed and gets the published signature")
    func openSSLSignsV6() throws {
        // V6 (MercuryTechnologies/signet): seed "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", id "i", timestamp "0".
        let seed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)
        let content = StandardWebhookSigner.signedContent(id: "i", timestamp: "0", body: Array("Hello, world!".utf8))
        let signature = try OpenSSLOracle.ed25519Sign(seed: seed, message: content)
        #expect("v1a," + Base64Codec.encode(signature)
            == "v1a,CV1O+PvrwXM42OMUX+tmm6bA3cS0tgLp0qo3YKuu0MGmBrsUhA0MHXF11HsEUJtPfTKs80WE7WUKVt9TueLDCQ==")
        #expect(try OpenSSLOracle.ed25519PublicKey(seed: seed) == Ed25519PublicKey(parsing: "whpk_wuzPrKxPfWpJSsXgyg/MEoMGvjs5SjDO4ad6X4ZYqqg=").rawRepresentation)
        #expect(throws: OpenSSLOracleError.self) { try OpenSSLOracle.ed25519Sign(seed: [1, 2, 3], message: content) }
        #expect(!OpenSSLOracle.ed25519Verify(publicKey: [1, 2, 3], message: content, signature: signature))
    }

    /// 10,000 random seeds and messages in four chunks (Ed25519 in a debug build is slow; the
    /// chunks run in parallel). Signing is deterministic (RFC 8032), so both sides must produce
    /// the very same signature, and each side verifies the other's.
    @Test("10,000 seeded random inputs: same public key, same signature, cross-verification, mutated signature rejected by both",
          arguments: 0..<4)
    func randomInputs(chunk: Int) throws {
        let seed = TestSeed.base(0xED25_5190_0000) &+ UInt64(chunk)
        var random = SeededGenerator(seed: seed)
        for iteration in 0..<2_500 {
            let keySeed = random.bytes(32)
            let signingKey = try Ed25519SigningKey(parsing: Ed25519SigningKey.prefix + Base64Codec.encode(keySeed))
            let opensslKey = try OpenSSLEd25519PrivateKey(seed: keySeed)
            let publicKey = signingKey.publicKey.rawRepresentation
            #expect(try opensslKey.publicKeyBytes() == publicKey, "seed \(seed) iteration \(iteration)")

            let id = random.webhookID()
            let timestamp = String(random.int(in: 0...9_999_999_999))
            let body = random.body(maximumLength: 300)
            let content = StandardWebhookSigner.signedContent(id: id, timestamp: timestamp, body: body)

            // Core signs, OpenSSL verifies; OpenSSL signs, core verifies.
            let coreSignature = signingKey.signature(for: content)
            let opensslSignature = try opensslKey.signature(for: content)
            #expect(coreSignature == opensslSignature, "seed \(seed) iteration \(iteration)")
            #expect(OpenSSLOracle.ed25519Verify(publicKey: publicKey, message: content, signature: coreSignature),
                    "seed \(seed) iteration \(iteration)")
            #expect(signingKey.publicKey.isValidSignature(opensslSignature, over: content), "seed \(seed) iteration \(iteration)")

            // One flipped bit anywhere in the signature: both must reject.
            var mutated = opensslSignature
            mutated[random.int(in: 0...63)] ^= UInt8(1) << UInt8(random.int(in: 0...7))
            #expect(!OpenSSLOracle.ed25519Verify(publicKey: publicKey, message: content, signature: mutated),
                    "seed \(seed) iteration \(iteration)")
            #expect(!signingKey.publicKey.isValidSignature(mutated, over: content), "seed \(seed) iteration \(iteration)")
        }
    }

    @Test("Full v1a verification of OpenSSL-signed deliveries (500 seeded inputs, whpk_ raw and SPKI forms)")
    func verifierAcceptsOpenSSLSignatures() throws {
        let seed = TestSeed.base(0xED25_5190_FFFF)
        var random = SeededGenerator(seed: seed)
        for iteration in 0..<500 {
            let keySeed = random.bytes(32)
            let opensslKey = try OpenSSLEd25519PrivateKey(seed: keySeed)
            let raw = try opensslKey.publicKeyBytes()
            let text = Ed25519PublicKey.prefix + Base64Codec.encode(random.chance(1, in: 2) ? raw : Self.spkiHeader + raw)
            let verifier = StandardWebhookVerifier(publicKeys: [try Ed25519PublicKey(parsing: text)])
            let id = random.webhookID()
            let timestamp = Int64(random.int(in: 0...9_999_999_999))
            let body = random.body(maximumLength: 300)
            let signature = try opensslKey.signature(
                for: StandardWebhookSigner.signedContent(id: id, timestamp: String(timestamp), body: body))
            let headers: HeaderFields = [
                "webhook-id": id, "webhook-timestamp": String(timestamp),
                "webhook-signature": "v1a," + Base64Codec.encode(signature),
            ]
            let verdict = verifier.verify(headers: headers, body: body, now: timestamp)
            #expect((try? verdict.get())?.version == .v1a, "seed \(seed) iteration \(iteration): \(verdict)")
        }
    }
}
