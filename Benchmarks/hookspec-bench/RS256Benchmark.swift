import HookSpecCore
import HookSpecOracle

/// Issue 12 item 2: RS256 token verification (parse, `kid` lookup, claims, body hash, RSA) against
/// swift-crypto's RS256 primitive alone on the same token, plus OpenSSL and PyJWT for reference.
struct RS256Benchmark: Benchmark {
    let name = "rs256"
    let summary = "RS256TokenVerifier.verify (JWKS of 3 RSA-2048 keys, 1 KiB body hash) vs the swift-crypto RS256 primitive alone; goal >= 0.9; PyJWT peer goal >= 3"

    static let goal = 0.9
    static let peerGoal = 3.0
    /// Alternating single calls for the call-by-call medians (about 2 s).
    static let singleCalls = 50_000

    func run(settings: BenchmarkSettings) -> BenchmarkOutcome {
        // The wall clock, because PyJWT checks exp and iat against its own clock.
        let delivery = BenchmarkDelivery.current()
        let audience = "https://receiver.example/hook"
        let signer: RS256TokenSigner
        let token: String
        let keySet: JSONWebKeySet
        let opensslKey: OpenSSLRSAPublicKey
        do {
            signer = RS256TokenSigner(key: try RS256SigningKey(generatingBits: 2048), keyID: "bench-key")
            token = try signer.deliveryToken(body: delivery.body, audience: audience, now: delivery.timestamp)
            // Three keys, so the lookup is a real lookup; the signer's is the last one.
            let others = try (0..<2).map { _ throws(TokenSigningError) in try RS256SigningKey(generatingBits: 2048) }
            keySet = try JSONWebKeySet(parsing: JSONWebKeySet.document(rsaKeys: [
                ("other-0", others[0].publicKey), ("other-1", others[1].publicKey), ("bench-key", signer.key.publicKey),
            ]))
            opensslKey = try OpenSSLRSAPublicKey(modulus: signer.key.publicKey.modulus, exponent: signer.key.publicKey.exponent)
        } catch {
            return .failed("setup: \(error)")
        }
        let verifier = RS256TokenVerifier(keys: keySet, policy: TokenPolicy(audience: audience))
        let body = delivery.body, now = delivery.timestamp
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard case .success(let signature) = Base64Codec.decode(parts[2], mode: .strictURL) else {
            return .failed("token signature segment does not decode")
        }
        print("  body \(body.count) bytes (request_body_sha256 checked), token \(token.utf8.count) bytes, JWKS of 3 RSA-2048 keys; keys loaded once")

        let key = signer.key.publicKey
        let verify = {
            if case .success = verifier.verify(token: token, body: body, now: now) { return true }
            return false
        }
        let primitive = { key.isValidSignature(signature, over: signingInput) }
        var contenders: [Measurement.Contender] = [
            .local("hookspec RS256 token verify", verify),
            .local("swift-crypto RS256 primitive alone", primitive),
            .local("OpenSSL EVP_DigestVerify RSA-2048 PKCS#1", { opensslKey.isValidPKCS1SHA256Signature(signature, for: signingInput) }),
        ]
        let peer = PythonPeer.start(.pyJWT, inputs: [
            "token": token, "audience": audience, "publicKeyPEM": key.pemRepresentation, "body": Base64Codec.encode(body),
        ], doing: "jwt.decode (RS256, aud, exp; no kid lookup, no body hash) on the same token")
        if let peer { contenders.append(peer.contender(label: "PyJWT decode (peer)")) }
        switch Measurement.measure(contenders, settings: settings) {
        case .failure(let failure): return .failed(failure.description)
        case .success(nil): return .noGoal
        case .success(let sides?):
            var met = Measurement.grade("hookspec/swift-crypto primitive", sides[0], over: sides[1], goal: Self.goal)
            Measurement.grade("hookspec/OpenSSL", sides[0], over: sides[2], goal: nil)
            met = PythonPeer.grade("hookspec/PyJWT", sides[0], over: peer.map { _ in sides[3] }, goal: Self.peerGoal) && met
            // A second view of the graded pair that this VM's drift moves less (README, Benchmarks).
            guard let medians = Measurement.callByCallMedians(verify, primitive, calls: Self.singleCalls) else {
                return .failed("a single call gave a wrong answer")
            }
            print("  call by call (\(Self.singleCalls) alternating single calls, median): hookspec \(Measurement.format(medians.first * 1e6, 3)) µs, primitive \(Measurement.format(medians.second * 1e6, 3)) µs")
            print("  ratio hookspec/swift-crypto primitive, call by call: \(Measurement.format(medians.second / medians.first, 3))   (not graded)")
            return met ? .goalMet : .goalMissed
        }
    }
}
