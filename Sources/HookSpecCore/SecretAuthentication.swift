import Crypto

extension WebhookSecret {
    /// HMAC-SHA256 of `message` under this secret: the `v1` primitive without the `id.timestamp.body` framing.
    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// Whether `tag` is the full 32-byte HMAC-SHA256 of `message`, compared in constant time as
    /// `StandardWebhookVerifier` compares `v1` entries; used to run MAC test vectors (Wycheproof).
    public func isValidAuthenticationCode(_ tag: [UInt8], for message: [UInt8]) -> Bool {
        guard tag.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: message, using: key)
    }
}
