import Crypto
import HookSpecCore

/// The token check of the `jwt` mutants that break a signature or claim rule: the reference steps
/// (`RS256SignatureVerifier`, then the claim rules) with the one step the mutant gets wrong.
struct BrokenTokenCheck {
    let mutant: ReceiverMutant?
    let keys: JSONWebKeySet
    let policy: TokenPolicy

    func verify(headers: HeaderFields, body: [UInt8], now: Int64) -> Result<Void, Rejection> {
        let token: String
        switch headers.singleValue(for: WebhookHeader.signature) {
        case .failure(let rejection): return .failure(rejection)
        case .success(nil): return .failure(.headerMissing(WebhookHeader.signature))
        case .success(let value?):
            guard !value.isEmpty else { return .failure(.headerEmpty(WebhookHeader.signature)) }
            token = value
        }
        let jws: CompactJWS
        do { jws = try CompactJWS(parsing: token, maximumBytes: policy.maximumTokenBytes) } catch { return .failure(error) }
        let reference = RS256TokenVerifier(keys: keys, policy: policy)
        if case .failure(let rejection) = signatureStep(jws: jws, token: token, reference: reference) { return .failure(rejection) }
        let claims: JSONObject
        do { claims = try claimsStep(jws.claims()) } catch { return .failure(error) }
        return reference.checkClaims(claims, body: body, now: now).map { _ in () }
    }

    private func signatureStep(jws: CompactJWS, token: String, reference: RS256TokenVerifier) -> Result<Void, Rejection> {
        let algorithm = jws.algorithm ?? ""
        switch mutant {
        case .jwtAlgorithmFromToken where algorithm.lowercased() == "none":
            // The token says it carries no signature, and this receiver believes it.
            return .success(())
        case .jwtHS256WithPublicKey where algorithm == "HS256":
            let named = jws.keyID.flatMap { try? keys.rs256Key(for: $0).get() }
            let candidates = named.map { [$0] } ?? rsaKeys
            let matched = candidates.contains { key in
                HMAC<SHA256>.isValidAuthenticationCode(
                    jws.signature, authenticating: jws.signingInput, using: SymmetricKey(data: Array(key.pemRepresentation.utf8)))
            }
            return matched ? .success(()) : .failure(.tokenSignatureInvalid)
        case .jwtKeyIDFallback:
            switch reference.signatures.verify(token: token) {
            case .success: return .success(())
            case .failure(.kidMissing), .failure(.kidUnknown):
                // jwt-kit's shape: no key by that kid, so try the first key it was given.
                guard algorithm == "RS256", let first = rsaKeys.first, first.isValidSignature(jws.signature, over: jws.signingInput)
                else { return .failure(.tokenSignatureInvalid) }
                return .success(())
            case .failure(let rejection): return .failure(rejection)
            }
        default:
            return reference.signatures.verify(token: token).map { _ in () }
        }
    }

    private func claimsStep(_ claims: JSONObject) throws(Rejection) -> JSONObject {
        let kept: [(name: String, value: JSONValue)]
        switch mutant {
        case .jwtNoAudienceCheck:
            // Whatever aud says, this receiver reads it as its own audience.
            kept = claims.members.filter { $0.name != "aud" } + [("aud", .string(policy.audience))]
        case .jwtNoBodyBinding:
            kept = claims.members.filter { $0.name != TokenPolicy.bodyHashClaim }
        default:
            return claims
        }
        do { return try JSONObject(members: kept) } catch { throw .tokenClaimsInvalid("claims: \(error)") }
    }

    private var rsaKeys: [RS256PublicKey] {
        keys.keys.compactMap { if case .rsa(let key) = $0.material { key } else { nil } }
    }
}
