import COpenSSL
import Crypto
import HookSpecCore
import HookSpecOracle

/// Issue 12 item 1: full `v1` verification against OpenSSL's HMAC with the key set once (the
/// limit for a receiver that holds its secret), in three shapes of delivery, plus the Python
/// reference library as a peer.
struct V1Benchmark: Benchmark {
    let name = "v1"
    let summary = "StandardWebhookVerifier.verify (1 KiB body) vs OpenSSL EVP_MAC keyed once doing the same MACs: one secret, two secrets, three entries; goal >= 0.8; Python standardwebhooks peer goal >= 8"

    static let goal = 0.8
    static let peerGoal = 8.0

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        // The wall clock, because the Python peer checks freshness against its own clock.
        let delivery = BenchmarkDelivery.current()
        let secretBytes = delivery.secretBytes
        let otherBytes = secretBytes.map { $0 ^ 0x5A }
        let secret: WebhookSecret, other: WebhookSecret
        let keyed: OpenSSLHMACSHA256, keyedOther: OpenSSLHMACSHA256
        do {
            secret = try WebhookSecret(rawBytes: secretBytes)
            other = try WebhookSecret(rawBytes: otherBytes)
            keyed = try OpenSSLHMACSHA256(key: secretBytes)
            keyedOther = try OpenSSLHMACSHA256(key: otherBytes)
        } catch {
            return .failed("keys: \(error)")
        }
        let body = delivery.body, now = delivery.timestamp
        let headers = StandardWebhookSigner.headers(id: delivery.id, timestamp: delivery.timestamp, body: body, secrets: [secret])
        // Rotation: the receiver holds the new secret first and the old one second, and the
        // delivery is still signed with the old one, so both MACs are computed.
        let rotating = StandardWebhookVerifier(secrets: [other, secret])
        let single = StandardWebhookVerifier(secrets: [secret])
        // A sender signing with three secrets; the receiver's is the last entry.
        let thirdBytes = secretBytes.map { $0 ^ 0xA5 }
        guard let third = try? WebhookSecret(rawBytes: thirdBytes) else { return .failed("third key") }
        let threeEntries = StandardWebhookSigner.headers(id: delivery.id, timestamp: delivery.timestamp, body: body, secrets: [other, third, secret])
        print("  body \(body.count) bytes, signed content \(delivery.signedContent.count) bytes, secrets 32 bytes, timestamp = now")

        let content = delivery.signedContent
        let digest = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(EVP_MAX_MD_SIZE))
        let key = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: secretBytes.count)
        _ = key.initialize(fromContentsOf: secretBytes)
        defer {
            digest.deallocate()
            key.deallocate()
        }
        let md = EVP_sha256()
        var digestLength: UInt32 = 0
        // What the core did before issue 12: swift-crypto's HMAC keyed once and copied per message.
        let swiftCryptoKeyed = HMAC<SHA256>(key: SymmetricKey(data: secretBytes))
        func accepted(_ verifier: StandardWebhookVerifier, _ headers: HeaderFields) -> Bool {
            if case .success = verifier.verify(headers: headers, body: body, now: now) { return true }
            return false
        }

        var contenders: [Measurement.Contender] = [
            .local("hookspec v1 verify, 1 secret, 1 entry", { accepted(single, headers) }),
            .local("OpenSSL EVP_MAC keyed once, 1 MAC", {
                content.withUnsafeBytes { keyed.authenticationCode(for: $0, into: digest) }
            }),
            .local("hookspec v1 verify, 2 secrets (match on 2nd)", { accepted(rotating, headers) }),
            .local("OpenSSL EVP_MAC keyed once, 2 MACs", {
                content.withUnsafeBytes { keyedOther.authenticationCode(for: $0, into: digest) && keyed.authenticationCode(for: $0, into: digest) }
            }),
            .local("hookspec v1 verify, 1 secret, 3 entries (3rd)", { accepted(single, threeEntries) }),
            .local("OpenSSL HMAC() one-shot, 1 MAC", {
                content.withUnsafeBufferPointer { HMAC(md, key.baseAddress, Int32(key.count), $0.baseAddress, $0.count, digest, &digestLength) != nil }
            }),
            .local("swift-crypto HMAC keyed once, copied, 1 MAC", {
                var state = swiftCryptoKeyed
                content.withUnsafeBytes { state.update(data: $0) }
                return state.finalize().withUnsafeBytes { $0.count == 32 }
            }),
        ]
        let peer = PythonPeer.start(.standardWebhooks, inputs: [
            "secret": secret.exportedText(), "id": delivery.id, "timestamp": String(delivery.timestamp),
            "signature": headers.values(for: WebhookHeader.signature).first ?? "", "body": Base64Codec.encode(body),
        ], doing: "Webhook.verify on the same delivery")
        if let peer { contenders.append(peer.contender(label: "Python standardwebhooks verify (peer)")) }
        switch Measurement.measure(contenders, settings: settings) {
        case .failure(let failure): return .failed(failure.description)
        case .success(nil): return .noGoal
        case .success(let sides?):
            var met = Measurement.grade("hookspec/OpenSSL keyed (1 secret)", sides[0], over: sides[1], goal: Self.goal)
            met = Measurement.grade("hookspec/OpenSSL keyed (2 secrets)", sides[2], over: sides[3], goal: Self.goal) && met
            met = Measurement.grade("hookspec/OpenSSL keyed (3 entries)", sides[4], over: sides[1], goal: Self.goal) && met
            Measurement.grade("hookspec/OpenSSL one-shot HMAC() (1 secret)", sides[0], over: sides[5], goal: nil)
            Measurement.grade("swift-crypto keyed/OpenSSL keyed (MAC alone)", sides[6], over: sides[1], goal: nil)
            met = PythonPeer.grade("hookspec/standardwebhooks (1 secret)", sides[0], over: peer.map { _ in sides[7] }, goal: Self.peerGoal) && met
            return met ? .goalMet : .goalMissed
        }
    }
}
