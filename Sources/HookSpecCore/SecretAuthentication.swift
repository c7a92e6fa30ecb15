extension WebhookSecret {
    /// HMAC-SHA256 of `message` under this secret: the `v1` primitive without the `id.timestamp.body` framing.
    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        keyedHMAC.authenticationCode(for: message)
    }

    /// Whether `tag` is the full 32-byte HMAC-SHA256 of `message`, compared in constant time as
    /// `StandardWebhookVerifier` compares `v1` entries; used to run MAC test vectors (Wycheproof).
    public func isValidAuthenticationCode(_ tag: [UInt8], for message: [UInt8]) -> Bool {
        guard tag.count == HMACSHA256Key.tagByteCount else { return false }
        let expected = keyedHMAC.authenticationCode(for: message)
        return HMACSHA256Key.constantTimeEqual(expected, tag, count: HMACSHA256Key.tagByteCount)
    }
}

extension WebhookSecret {
    /// The `v1` tag of `id.timestamp.body` as the verifier computes it (libcrypto, keyed once).
    func v1Tag(id: String, timestamp: String, body: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: HMACSHA256Key.tagByteCount) { tag, count in
            id.withContiguousUTF8 { idBytes in
                timestamp.withContiguousUTF8 { timestampBytes in
                    body.withUnsafeBytes { bodyBytes in
                        keyedHMAC.authenticationCode(id: idBytes, timestamp: timestampBytes, body: bodyBytes, into: tag.baseAddress!)
                    }
                }
            }
            count = HMACSHA256Key.tagByteCount
        }
    }
}
