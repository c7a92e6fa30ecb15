import HookSpecCore

/// Compact JWS text through `RS256TokenVerifier` end to end with a fixed key set: every
/// rejection coded and on one line, the size bound first, parsed segments canonical.
enum JWSTarget {
    static let verifier = RS256TokenVerifier(keys: FuzzResources.trustedKeys, policy: FuzzResources.tokenPolicy)

    static let target = FuzzTarget(name: "jws") { input in
        let token = FuzzInput.text(input)
        checkStructure(token)
        switch verifier.verify(token: token, body: [], now: FuzzResources.now) {
        case .failure(let rejection):
            checkRejection(rejection, tokenBytes: token.utf8.count)
        case .success(let verified):
            // Only a token the trusted key signed can get here (a seed from the vectors).
            FuzzCheck.require(verified.keyID == FuzzResources.trustedKeyID, "verified under an unknown kid")
            FuzzCheck.require(verified.header["alg"] == .string("RS256"), "verified a token whose alg is not RS256")
        }
    }

    static func checkRejection(_ rejection: Rejection, tokenBytes: Int) {
        FuzzCheck.coded(rejection, "token")
        FuzzCheck.require(!rejection.description.unicodeScalars.contains { $0.properties.generalCategory == .control },
                          "token rejection text has a control character: \(rejection.description.debugDescription)")
        FuzzCheck.require(rejection.description.unicodeScalars.count <= 400, "token rejection text is unbounded")
        if tokenBytes > CompactJWS.defaultMaximumBytes {
            FuzzCheck.require(rejection == .tokenTooLarge(limit: CompactJWS.defaultMaximumBytes), "oversized token not refused first")
        }
    }

    static func checkStructure(_ token: String) {
        guard let jws = try? CompactJWS(parsing: token) else { return }
        let segments = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        FuzzCheck.require(segments.count == 3, "parsed a token without three segments")
        FuzzCheck.require(Base64Codec.encodeURL(jws.payload).utf8.elementsEqual(segments[1]), "payload segment not canonical")
        FuzzCheck.require(Base64Codec.encodeURL(jws.signature).utf8.elementsEqual(segments[2]), "signature segment not canonical")
        FuzzCheck.require(jws.signingInput.elementsEqual(token.utf8.prefix(segments[0].count + 1 + segments[1].count)), "signing input")
        let header = JSONValue.object(jws.header)
        FuzzCheck.require((try? StrictJSONParser().parse(header.compactEncoded())) == header, "header does not re-encode")
    }
}

/// Header and claims the fuzzer writes, signed with the trusted key, so the claim rules run:
/// a token the key signed never fails on its signature, and what verifies obeys every rule.
enum JWTSignedTarget {
    static let target = FuzzTarget(name: "jwt-signed") { input in
        let fields = FuzzInput.fields(input, count: 3)
        let header = fields[0], claims = fields[1], body = fields[2]
        let token: String
        do {
            token = try RS256TokenSigner.token(headerBytes: header, payload: claims, key: FuzzResources.trustedSigningKey)
        } catch {
            FuzzCheck.fail("signing failed: \(error)")
        }
        let headerKeyID = (try? StrictJSONParser().parse(header))?.objectValue?["kid"]?.stringValue
        switch JWSTarget.verifier.verify(token: token, body: body, now: FuzzResources.now) {
        case .failure(let rejection):
            JWSTarget.checkRejection(rejection, tokenBytes: token.utf8.count)
            if headerKeyID == FuzzResources.trustedKeyID {
                FuzzCheck.require(rejection != .tokenSignatureInvalid, "a token the trusted key signed failed its signature")
            }
        case .success(let verified):
            checkVerified(verified, body: body, token: token)
        }
    }

    static func checkVerified(_ verified: VerifiedToken, body: [UInt8], token: String) {
        let policy = FuzzResources.tokenPolicy
        let claims = verified.claims
        FuzzCheck.require(verified.keyID == FuzzResources.trustedKeyID, "verified under another kid")
        FuzzCheck.require(verified.header["alg"] == .string("RS256"), "verified alg")
        guard let exp = claims["exp"]?.doubleValue else { FuzzCheck.fail("verified without a numeric exp") }
        FuzzCheck.require(exp + Double(policy.leewaySeconds) >= Double(FuzzResources.now), "verified an expired token")
        switch claims["aud"] {
        case .string(let audience)?: FuzzCheck.require(audience == policy.audience, "verified another audience")
        case .array(let list)?: FuzzCheck.require(list.contains(.string(policy.audience)), "verified an audience list without ours")
        default: FuzzCheck.fail("verified without aud")
        }
        FuzzCheck.require(claims["iss"] == .string(FuzzResources.issuer), "verified another issuer")
        if claims[TokenPolicy.bodyHashClaim] != nil {
            FuzzCheck.require(verified.bodyHashChecked, "body hash present but unchecked")
            FuzzCheck.require(claims[TokenPolicy.bodyHashClaim] == .string(RS256TokenSigner.bodyHash(body)), "verified a wrong body hash")
        }
        // The same token later than its expiry (plus leeway) must fail.
        guard exp < 1e15 else { return }
        let later = Int64(exp.rounded(.down)) + policy.leewaySeconds + 1
        if case .success = JWSTarget.verifier.verify(token: token, body: body, now: later) {
            FuzzCheck.fail("token still verifies after exp + leeway")
        }
    }
}
