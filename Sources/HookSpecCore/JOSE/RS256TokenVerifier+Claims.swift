extension RS256TokenVerifier {
    /// The claim rules of SPEC §3.3 alone, over claims the caller already holds; returns whether
    /// the body hash was checked.
    ///
    /// For callers that checked the signature their own way: the reference receiver's mutants,
    /// each of which breaks one rule and must keep every other rule exactly as the reference does.
    public func checkClaims(_ claims: JSONObject, body: [UInt8], now: Int64) -> Result<Bool, Rejection> {
        do throws(Rejection) {
            return .success(try body.withUnsafeBufferPointer { body throws(Rejection) in
                try TokenClaimRules.check(claims, policy: policy, body: body, now: now)
            })
        } catch {
            return .failure(error)
        }
    }
}
