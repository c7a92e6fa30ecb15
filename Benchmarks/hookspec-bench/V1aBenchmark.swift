import HookSpecCore
import HookSpecOracle

/// Issue 2 item 12 (b): full `v1a` verification against OpenSSL's Ed25519 `EVP_DigestVerify`.
struct V1aBenchmark: Benchmark {
    let name = "v1a"
    let summary = "StandardWebhookVerifier.verify (1 KiB body, one v1a entry) vs OpenSSL Ed25519 EVP_DigestVerify on the same message; goal >= 0.8"

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        let delivery = BenchmarkDelivery()
        let signingKey: Ed25519SigningKey
        let opensslKey: OpenSSLEd25519PublicKey
        do {
            signingKey = try Ed25519SigningKey(parsing: Ed25519SigningKey.prefix + Base64Codec.encode(delivery.seed))
            opensslKey = try OpenSSLEd25519PublicKey(rawRepresentation: signingKey.publicKey.rawRepresentation)
        } catch {
            return .failed("keys: \(error)")
        }
        let verifier = StandardWebhookVerifier(publicKeys: [signingKey.publicKey])
        let headers = StandardWebhookSigner.headers(
            id: delivery.id, timestamp: delivery.timestamp, body: delivery.body, signingKeys: [signingKey])
        let body = delivery.body, now = delivery.timestamp
        let message = delivery.signedContent
        let signature = signingKey.signature(for: message)
        print("  body \(body.count) bytes, signed message \(message.count) bytes; OpenSSL key loaded once, context reset per call")

        let contenders: [Measurement.Contender] = [
            .local("hookspec v1a verify (swift-crypto Ed25519)", {
                if case .success = verifier.verify(headers: headers, body: body, now: now) { return true }
                return false
            }),
            .local("OpenSSL EVP_DigestVerify Ed25519", { opensslKey.isValidSignature(signature, for: message) }),
        ]
        switch Measurement.measure(contenders, settings: settings) {
        case .failure(let failure): return .failed(failure.description)
        case .success(nil): return .noGoal
        case .success(let sides?):
            return Measurement.grade("core/OpenSSL", sides[0], over: sides[1], goal: 0.8) ? .goalMet : .goalMissed
        }
    }
}
