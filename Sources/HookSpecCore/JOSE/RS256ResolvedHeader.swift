/// What a token's protected-header segment resolved to after every header rule: the parsed
/// header, its `kid` and the trusted key of that `kid`.
///
/// A class of constants, so that a verified token and the verifier's memo share one reference
/// instead of copying four fields (a retain and a release each) per delivery.
final class RS256ResolvedHeader: Sendable {
    /// The header segment's bytes, as they appear in the token (base64url).
    let segment: [UInt8]
    let header: JSONObject
    let keyID: String
    let key: RS256PublicKey

    init(segment: [UInt8], header: JSONObject, keyID: String, key: RS256PublicKey) {
        self.segment = segment
        self.header = header
        self.keyID = keyID
        self.key = key
    }
}
