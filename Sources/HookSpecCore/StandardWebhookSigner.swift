import Crypto

/// Signs deliveries the Standard Webhooks way, for hookspec's own sender (SPEC §3.1, §3.2, §7).
public enum StandardWebhookSigner {
    /// The bytes `id.timestamp.body` that every entry signs.
    public static func signedContent(id: String, timestamp: String, body: [UInt8]) -> [UInt8] {
        var content = [UInt8]()
        content.reserveCapacity(id.utf8.count + timestamp.utf8.count + body.count + 2)
        content.append(contentsOf: id.utf8)
        content.append(UInt8(ascii: "."))
        content.append(contentsOf: timestamp.utf8)
        content.append(UInt8(ascii: "."))
        content.append(contentsOf: body)
        return content
    }

    /// HMAC-SHA256 of the signed content, fed in two pieces (`id.timestamp.`, then the body)
    /// so the body is never copied.
    ///
    /// The signer's MAC is swift-crypto's, the verifier's libcrypto's (`HMACSHA256Key`): every
    /// delivery hookspec signs and then verifies is a cross-check of the two.
    public static func mac(secret: WebhookSecret, id: String, timestamp: String, body: [UInt8]) -> HashedAuthenticationCode<SHA256> {
        var hmac = HMAC<SHA256>(key: secret.key)
        // Each generic `update` call costs more than copying a short header prefix, so the
        // prefix is assembled in one scratch buffer (on the stack for usual header sizes).
        let prefixCount = id.utf8.count + timestamp.utf8.count + 2
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefixCount) { prefix in
            var end = prefix[...].initialize(fromContentsOf: id.utf8)
            prefix.initializeElement(at: end, to: UInt8(ascii: "."))
            end = prefix[(end + 1)...].initialize(fromContentsOf: timestamp.utf8)
            prefix.initializeElement(at: end, to: UInt8(ascii: "."))
            hmac.update(data: UnsafeRawBufferPointer(prefix))
        }
        body.withUnsafeBytes { hmac.update(data: $0) }
        return hmac.finalize()
    }

    /// One `v1,…` entry.
    public static func v1Entry(secret: WebhookSecret, id: String, timestamp: String, body: [UInt8]) -> String {
        "v1," + Base64Codec.encode(Array(mac(secret: secret, id: id, timestamp: timestamp, body: body)))
    }

    /// One `v1a,…` entry.
    public static func v1aEntry(key: Ed25519SigningKey, id: String, timestamp: String, body: [UInt8]) -> String {
        "v1a," + Base64Codec.encode(key.signature(for: signedContent(id: id, timestamp: timestamp, body: body)))
    }

    /// A full `webhook-signature` value: one entry per secret, then one per signing key.
    public static func signatureHeader(
        id: String, timestamp: String, body: [UInt8],
        secrets: [WebhookSecret] = [], signingKeys: [Ed25519SigningKey] = []
    ) -> String {
        let v1 = secrets.map { v1Entry(secret: $0, id: id, timestamp: timestamp, body: body) }
        let v1a = signingKeys.map { v1aEntry(key: $0, id: id, timestamp: timestamp, body: body) }
        return (v1 + v1a).joined(separator: " ")
    }

    /// The three headers of a signed delivery.
    public static func headers(
        id: String, timestamp: Int64, body: [UInt8],
        secrets: [WebhookSecret] = [], signingKeys: [Ed25519SigningKey] = []
    ) -> HeaderFields {
        let text = String(timestamp)
        return HeaderFields([
            (WebhookHeader.id, id),
            (WebhookHeader.timestamp, text),
            (WebhookHeader.signature, signatureHeader(id: id, timestamp: text, body: body, secrets: secrets, signingKeys: signingKeys)),
        ])
    }
}
