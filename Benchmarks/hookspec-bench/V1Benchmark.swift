import COpenSSL
import HookSpecCore
import HookSpecOracle

/// Issue 2 item 12 (a): full `v1` verification against OpenSSL's raw one-shot `HMAC()`.
struct V1Benchmark: Benchmark {
    let name = "v1"
    let summary = "StandardWebhookVerifier.verify (1 KiB body, one v1 entry) vs OpenSSL HMAC() over the same 1 KiB; goal >= 0.5"

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        let delivery = BenchmarkDelivery()
        let secret: WebhookSecret
        do {
            secret = try WebhookSecret(rawBytes: delivery.secretBytes)
        } catch {
            return .failed("secret: \(error)")
        }
        let verifier = StandardWebhookVerifier(secrets: [secret])
        let headers = StandardWebhookSigner.headers(id: delivery.id, timestamp: delivery.timestamp, body: delivery.body, secrets: [secret])
        let body = delivery.body, now = delivery.timestamp
        print("  body \(body.count) bytes, signed content \(delivery.signedContent.count) bytes, secret 32 bytes")

        // The baseline gets stable buffers allocated once: nothing but HMAC() is timed on its side.
        let key = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: delivery.secretBytes.count)
        _ = key.initialize(fromContentsOf: delivery.secretBytes)
        let message = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: body.count)
        _ = message.initialize(fromContentsOf: body)
        let digest = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(EVP_MAX_MD_SIZE))
        defer {
            key.deallocate()
            message.deallocate()
            digest.deallocate()
        }
        let md = EVP_sha256()
        var digestLength: UInt32 = 0
        // OpenSSL 3's one-shot HMAC() fetches the algorithm and sets the key on every call; the
        // core sets its key up once per secret. The keyed EVP_MAC line shows OpenSSL doing the same.
        let keyed: OpenSSLHMACSHA256
        do {
            keyed = try OpenSSLHMACSHA256(key: delivery.secretBytes)
        } catch {
            return .failed("OpenSSL EVP_MAC: \(error)")
        }
        let rawMessage = UnsafeRawBufferPointer(message)

        return Measurement.compare(
            core: ("hookspec v1 verify (swift-crypto HMAC)", {
                if case .success = verifier.verify(headers: headers, body: body, now: now) { return true }
                return false
            }),
            baseline: ("OpenSSL HMAC() SHA-256, 1 KiB", {
                HMAC(md, key.baseAddress, Int32(key.count), message.baseAddress, message.count, digest, &digestLength) != nil
            }),
            goal: 0.5, settings: settings,
            alsoMeasured: [("OpenSSL EVP_MAC HMAC, key set once, 1 KiB", { keyed.authenticationCode(for: rawMessage, into: digest) })])
    }
}
