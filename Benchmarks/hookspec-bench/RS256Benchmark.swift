import HookSpecCore
import HookSpecOracle

/// Issue 3 item 9: full RS256 token verification against OpenSSL's raw RSA-2048 PKCS#1 v1.5 verify.
struct RS256Benchmark: Benchmark {
    let name = "rs256"
    let summary = "RS256TokenVerifier.verify (parse, JWKS kid lookup, claims, body hash, signature; RSA-2048) vs OpenSSL EVP_DigestVerify RSA-2048 PKCS#1 v1.5 SHA-256 over the same signing input; goal >= 0.8"

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        let delivery = BenchmarkDelivery()
        let signer: RS256TokenSigner
        let token: String
        let keySet: JSONWebKeySet
        let opensslKey: OpenSSLRSAPublicKey
        do {
            signer = RS256TokenSigner(key: try RS256SigningKey(generatingBits: 2048), keyID: "bench-key")
            token = try signer.deliveryToken(body: delivery.body, audience: "https://receiver.example/hook", now: delivery.timestamp)
            // Three keys, so the lookup is a real lookup; the signer's is the last one.
            let others = try (0..<2).map { _ throws(TokenSigningError) in try RS256SigningKey(generatingBits: 2048) }
            keySet = try JSONWebKeySet(parsing: JSONWebKeySet.document(rsaKeys: [
                ("other-0", others[0].publicKey), ("other-1", others[1].publicKey), ("bench-key", signer.key.publicKey),
            ]))
            opensslKey = try OpenSSLRSAPublicKey(modulus: signer.key.publicKey.modulus, exponent: signer.key.publicKey.exponent)
        } catch {
            return .failed("setup: \(error)")
        }
        let verifier = RS256TokenVerifier(keys: keySet, policy: TokenPolicy(audience: "https://receiver.example/hook"))
        let body = delivery.body, now = delivery.timestamp
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard case .success(let signature) = Base64Codec.decode(parts[2], mode: .strictURL) else {
            return .failed("token signature segment does not decode")
        }
        print("  body \(body.count) bytes (request_body_sha256 checked), token \(token.utf8.count) bytes, JWKS of 3 RSA-2048 keys; OpenSSL key loaded once")

        // Where the time goes: the RSA primitive alone, so the report can tell the library's share
        // from hookspec's parsing and claim checks. Informational; the goal is on the full path.
        let key = signer.key.publicKey
        let primitive = Measurement.rate(seconds: settings.roundSeconds * 2, batch: Measurement.batchSize({ key.isValidSignature(signature, over: signingInput) })) {
            key.isValidSignature(signature, over: signingInput)
        } ?? 0
        print("  (info) swift-crypto RS256 primitive alone: \(Measurement.format(primitive, 0)) ops/s")

        return Measurement.compare(
            core: ("hookspec RS256 token verify (swift-crypto RSA)", {
                if case .success = verifier.verify(token: token, body: body, now: now) { return true }
                return false
            }),
            baseline: ("OpenSSL EVP_DigestVerify RSA-2048 PKCS#1", {
                opensslKey.isValidPKCS1SHA256Signature(signature, for: signingInput)
            }),
            goal: 0.8, settings: settings)
    }
}
