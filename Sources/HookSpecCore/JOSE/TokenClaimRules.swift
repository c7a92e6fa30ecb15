/// The claim rules of SPEC §3.3 (RFC 7519 §4.1), applied after the signature verified.
///
/// Order: `exp`, `nbf`, `iat`, `aud`, `iss`, `request_body_sha256`. Each hostile token of the
/// probe breaks exactly one rule, so the order only decides which code a token breaking
/// several rules gets.
package enum TokenClaimRules {
    package static func check<Claims: TokenClaimLookup>(
        _ claims: Claims, policy: TokenPolicy, body: UnsafeBufferPointer<UInt8>, now: Int64
    ) throws(Rejection) -> Bool {
        let leeway = policy.leewaySeconds
        if let exp = try numericDate(claims, "exp") {
            if now >= exp.addingSaturating(leeway) { throw .tokenExpired }
        } else if policy.requireExpiration {
            throw .expirationMissing
        }
        if let nbf = try numericDate(claims, "nbf"), nbf > now.addingSaturating(leeway) {
            throw .tokenNotYetValid
        }
        if let iat = try numericDate(claims, "iat") {
            if iat > now.addingSaturating(leeway) { throw .issuedInFuture }
            if now.subtractingSaturating(iat) > policy.issuedAtToleranceSeconds { throw .issuedTooLongAgo }
        }
        try checkAudience(claims, expected: policy.audience)
        if let issuer = policy.issuer, claims.withStringClaim("iss", { sameText($0, issuer) }) != true {
            throw .issuerMismatch
        }
        return try checkBodyHash(claims, body: body, binding: policy.bodyBinding)
    }

    /// RFC 7519 §2 NumericDate: seconds, possibly fractional; read as whole seconds (floor).
    static func numericDate<Claims: TokenClaimLookup>(_ claims: Claims, _ name: String) throws(Rejection) -> Int64? {
        if let whole = claims.integerClaim(name) { return whole }
        guard let value = claims.claim(name) else { return nil }
        guard let real = value.doubleValue, real.isFinite, real > -9.0e18, real < 9.0e18 else {
            throw .tokenClaimsInvalid("\(name) is not a NumericDate")
        }
        return Int64(real.rounded(.down))
    }

    /// RFC 7519 §2: StringOrURI values compare code point by code point, with no normalisation;
    /// Swift's `==` would call canonically equivalent texts equal.
    static func sameText(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        text.withContiguousUTF8 { $0.sameBytes(as: bytes) }
    }

    static func checkAudience<Claims: TokenClaimLookup>(_ claims: Claims, expected: String) throws(Rejection) {
        // The usual token: one audience, read in place.
        if let matches = claims.withStringClaim("aud", { sameText($0, expected) }) {
            guard matches else { throw .audienceMismatch }
            return
        }
        switch claims.claim("aud") {
        case nil: throw .audienceMissing
        case .string(let audience)?:
            guard audience.withContiguousUTF8({ sameText($0, expected) }) else { throw .audienceMismatch }
        case .array(let list)?:
            guard list.allSatisfy({ $0.stringValue != nil }) else {
                throw .tokenClaimsInvalid("aud array holds a non-string")
            }
            guard list.contains(where: { $0.stringValue?.withContiguousUTF8({ sameText($0, expected) }) == true }) else {
                throw .audienceMismatch
            }
        case let other?:
            throw .tokenClaimsInvalid("aud is a JSON \(other.typeName), not a string or array")
        }
    }

    /// Returns whether the body hash was checked.
    static func checkBodyHash<Claims: TokenClaimLookup>(
        _ claims: Claims, body: UnsafeBufferPointer<UInt8>, binding: TokenPolicy.BodyBinding
    ) throws(Rejection) -> Bool {
        let name = TokenPolicy.bodyHashClaim
        // The usual token carries the right digest: compare first, and tell a wrong digest from
        // text that is no digest (the inner nil) only when they differ.
        if let matched = claims.withStringClaim(name, { text -> Bool? in
            matchesBodyHash(text, body) ? true : (isLowercaseHexDigest(text) ? false : nil)
        }) {
            guard let matched else { throw notADigest }
            guard matched else { throw .bodyHashMismatch }
            return true
        }
        guard claims.claim(name) == nil else { throw notADigest }
        if binding == .required { throw .bodyHashMissing }
        return false
    }

    /// A body hash claim that is not 64 lowercase hex digits (a string of other text, or no string).
    static let notADigest = Rejection.tokenClaimsInvalid("\(TokenPolicy.bodyHashClaim) is not 64 lowercase hex digits")

    /// Whether `text` is 64 lowercase hex digits.
    static func isLowercaseHexDigest(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count == 64 && text.allSatisfy { $0 &- 0x30 < 10 || $0 &- 0x61 < 6 }
    }

    /// Whether `text` is the lowercase hex SHA-256 of `body`: written out and compared on the
    /// stack. The hash is public, so the comparison need not be constant-time.
    static func matchesBodyHash(_ text: UnsafeBufferPointer<UInt8>, _ body: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count == 64 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { hex in
            writeBodyHashHex(body, into: hex)
            return UnsafeBufferPointer(hex).sameBytes(as: text)
        }
    }

    /// Lowercase hex SHA-256 of the raw body, the value of `request_body_sha256`.
    static func bodyHashHex(_ body: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            body.withUnsafeBufferPointer { writeBodyHashHex($0, into: out) }
            return 64
        }
    }

    /// Writes the lowercase hex SHA-256 of `body` into the first 64 bytes of `out`: what the
    /// signer puts in a token and what the verifier compares it with come from this one function.
    private static func writeBodyHashHex(_ body: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= 64, "a SHA-256 in hex takes 64 bytes")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
            guard let base = digest.baseAddress else { preconditionFailure("a 32-byte buffer has an address") }
            LibCryptoSHA256.hash(UnsafeRawBufferPointer(body), into: base)
            for index in 0..<32 {
                out[2 * index] = hexDigit(digest[index] >> 4)
                out[2 * index + 1] = hexDigit(digest[index] & 0x0F)
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

fileprivate extension Int64 {
    func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    func subtractingSaturating(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}
