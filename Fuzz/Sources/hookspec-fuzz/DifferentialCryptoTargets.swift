import HookSpecCore
import HookSpecOracle

/// HMAC-SHA256 of the core (swift-crypto, keyed once per secret) against OpenSSL's HMAC over
/// the same signed content; the verifier accepts OpenSSL's tag and refuses it with a bit flipped.
enum DifferentialHMACTarget {
    static let now: Int64 = 1_614_265_330

    static let target = FuzzTarget(name: "diff-hmac") { input in
        let fields = FuzzInput.fields(input, count: 3)
        let key = fields[0].isEmpty ? [0x01] : fields[0]
        let id = String(decoding: fields[1], as: UTF8.self)
        let body = fields[2]
        let timestamp = String(now)
        guard let secret = try? WebhookSecret(rawBytes: key, options: .anyLength) else { FuzzCheck.fail("raw key refused") }
        let message = Array(id.utf8) + [UInt8(ascii: ".")] + Array(timestamp.utf8) + [UInt8(ascii: ".")] + body
        FuzzCheck.require(StandardWebhookSigner.signedContent(id: id, timestamp: timestamp, body: body) == message, "signed content")
        let core = Array(StandardWebhookSigner.mac(secret: secret, id: id, timestamp: timestamp, body: body))
        let oracle: [UInt8]
        do {
            oracle = try OpenSSLOracle.hmacSHA256(key: key, message: message)
        } catch {
            FuzzCheck.fail("OpenSSL HMAC failed: \(error)")
        }
        FuzzCheck.require(core == oracle, "core HMAC differs from OpenSSL")

        guard !id.isEmpty else { return }
        let verifier = StandardWebhookVerifier(secrets: [secret], policy: .strict)
        let headers = FuzzInput.delivery(id: id, timestamp: timestamp, signature: "v1," + Base64Codec.encode(oracle))
        switch verifier.verify(headers: headers, body: body, now: now) {
        case .success(let delivery): FuzzCheck.require(delivery.id == id && delivery.version == .v1, "verified the wrong delivery")
        case .failure(let rejection): FuzzCheck.fail("OpenSSL's tag refused: \(rejection)")
        }
        var flipped = oracle
        let bit = Int(key[0]) % 256
        flipped[bit / 8] ^= 1 << UInt8(bit % 8)
        let forged = FuzzInput.delivery(id: id, timestamp: timestamp, signature: "v1," + Base64Codec.encode(flipped))
        FuzzCheck.require(verifier.verify(headers: forged, body: body, now: now) == .failure(.signatureMismatch), "a flipped tag verified")
    }
}

/// Ed25519 of the core (swift-crypto/BoringSSL) against OpenSSL: the same deterministic
/// signature and public key from one seed, and the same verdict on mutated or arbitrary
/// (key, signature, message) triples, non-canonical S included.
enum DifferentialEd25519Target {
    /// The group order L, little-endian, as signatures encode S.
    static let groupOrder: [UInt8] = [
        0xED, 0xD3, 0xF5, 0x5C, 0x1A, 0x63, 0x12, 0x58, 0xD6, 0x9C, 0xF7, 0xA2, 0xDE, 0xF9, 0xDE, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    static let target = FuzzTarget(name: "diff-ed25519") { input in
        // Layout: mode, 32-byte seed, 64-byte signature or mask, 32-byte public key, message.
        var bytes = Array(input)
        if bytes.count < 129 { bytes += [UInt8](repeating: 0, count: 129 - bytes.count) }
        let mode = bytes[0]
        let seed = Array(bytes[1..<33]), mask = Array(bytes[33..<97]), rawKey = Array(bytes[97..<129])
        let message = Array(bytes[129...])
        if mode & 1 == 1 {
            compare(publicKey: rawKey, signature: mask, message: message, context: "arbitrary triple")
            return
        }
        let coreKey: Ed25519SigningKey
        do {
            coreKey = try Ed25519SigningKey(parsing: Ed25519SigningKey.prefix + Base64Codec.encode(seed))
        } catch {
            FuzzCheck.fail("a 32-byte seed was refused: \(error)")
        }
        let coreSignature = coreKey.signature(for: message)
        let oracleSignature: [UInt8]
        let oraclePublic: [UInt8]
        do {
            oracleSignature = try OpenSSLOracle.ed25519Sign(seed: seed, message: message)
            oraclePublic = try OpenSSLEd25519PrivateKey(seed: seed).publicKeyBytes()
        } catch {
            FuzzCheck.fail("OpenSSL Ed25519 failed: \(error)")
        }
        FuzzCheck.require(coreKey.publicKey.rawRepresentation == oraclePublic, "public keys differ")
        FuzzCheck.require(coreSignature == oracleSignature, "deterministic signatures differ")
        FuzzCheck.require(coreKey.publicKey.isValidSignature(oracleSignature, over: message), "core refuses OpenSSL's signature")
        var mutated = zip(coreSignature, mask).map { $0 ^ $1 }
        if mode & 2 == 2 { addGroupOrder(toS: &mutated) }
        compare(publicKey: oraclePublic, signature: mutated, message: message, context: "mutated signature")
    }

    static func compare(publicKey: [UInt8], signature: [UInt8], message: [UInt8], context: String) {
        let oracle = OpenSSLOracle.ed25519Verify(publicKey: publicKey, message: message, signature: signature)
        let core: Bool
        if let key = try? Ed25519PublicKey(rawOrSPKI: publicKey, keyID: nil) {
            core = key.isValidSignature(signature, over: message)
        } else {
            core = false
        }
        FuzzCheck.require(core == oracle, "\(context): core says \(core), OpenSSL says \(oracle)")
    }

    /// S + L: the same signature with a non-canonical S, which RFC 8032 §5.1.7 requires rejecting.
    static func addGroupOrder(toS signature: inout [UInt8]) {
        var carry = 0
        for index in 0..<32 {
            let sum = Int(signature[32 + index]) + Int(groupOrder[index]) + carry
            signature[32 + index] = UInt8(sum & 0xFF)
            carry = sum >> 8
        }
    }
}
