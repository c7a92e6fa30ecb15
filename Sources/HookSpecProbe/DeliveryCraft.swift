import Crypto
import HookSpecCore

/// The byte-level tools cases use to shape signatures, timestamps and bodies on purpose.
///
/// Each one writes a specific mistake or oddity (hex instead of base64, padding bits set, the
/// secret text used as the key) so that cases and the §9.6 diagnostics share one definition.
public enum DeliveryCraft {
    /// HMAC-SHA256 of `message` under raw `key` bytes.
    public static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let mac = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        SigningLog.current?.record(key: key, message: message, mac: mac)
        return mac
    }

    /// HMAC-SHA256 of `message` under the secret's decoded key bytes.
    public static func hmac(secret: WebhookSecret, message: [UInt8]) -> [UInt8] {
        secret.withUnsafeKeyBytes { hmac(key: Array($0), message: message) }
    }

    /// SHA-256 of `bytes`, used to derive deterministic filler that no receiver can predict.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// SHA-512 of `bytes` (the pre-hash of a non-pure Ed25519 variant), reported to the signing log.
    public static func sha512(_ bytes: [UInt8]) -> [UInt8] {
        let digest = Array(SHA512.hash(data: bytes))
        SigningLog.current?.recordDigest(input: bytes, output: digest)
        return digest
    }

    /// The Ed25519 signature by `key` over `message`, reported to the signing log.
    public static func ed25519(_ key: Ed25519SigningKey, message: [UInt8]) -> [UInt8] {
        let signature = key.signature(for: message)
        SigningLog.current?.recordEd25519(publicKey: key.publicKey.rawRepresentation, message: message, signature: signature)
        return signature
    }

    /// `v1a,` + base64 of the Ed25519 signature by `key` over `id.timestamp.body`.
    public static func v1aEntry(_ key: Ed25519SigningKey, id: String, timestamp: String, body: [UInt8]) -> String {
        "v1a," + Base64Codec.encode(ed25519(key, message: StandardWebhookSigner.signedContent(id: id, timestamp: timestamp, body: body)))
    }

    /// Reports a compact RS256 token made outside `TokenCraft` (the core's signer) to the signing log.
    static func recordToken(_ token: String, key: RS256SigningKey) {
        guard let log = SigningLog.current, let dot = token.lastIndex(of: "."),
            case .success(let signature) = Base64Codec.decode(token[token.index(after: dot)...], mode: .strictURL)
        else { return }
        log.recordRS256(modulus: key.publicKey.modulus, message: Array(token[..<dot].utf8), signature: signature)
    }

    /// `count` pseudo-random bytes derived from `seed`; stable within a run, unguessable without it.
    public static func filler(seed: String, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var block = Array(seed.utf8)
        while out.count < count {
            block = sha256(block)
            out.append(contentsOf: block)
        }
        return Array(out.prefix(count))
    }

    /// Lowercase hex.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 of a 32-byte MAC with the two unused low bits of the last character set:
    /// decodes to the same bytes under a lenient decoder, is not canonical (SPEC §3.1).
    public static func nonZeroPaddingBits(_ canonical: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var characters = Array(canonical)
        // A 32-byte value is 43 characters plus one `=`; the 43rd carries 2 padding bits.
        guard characters.count == 44, let index = alphabet.firstIndex(of: characters[42]) else { return canonical }
        characters[42] = alphabet[index | 0b01]
        return String(characters)
    }

    /// Standard base64 rewritten in the URL alphabet (`-`, `_`), padding kept.
    public static func urlAlphabet(_ standard: String) -> String {
        String(standard.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}

extension DeliveryDraft {
    /// A copy with `change` applied.
    public func changing(_ change: (inout DeliveryDraft) throws -> Void) rethrows -> DeliveryDraft {
        var copy = self
        try change(&copy)
        return copy
    }

    /// A copy whose signature is recomputed by the run's scheme over the current id, timestamp and body.
    public func resigned(_ context: CaseContext) throws(CaseBuildError) -> DeliveryDraft {
        var copy = self
        copy.signature = try context.signature(id: id, timestamp: timestamp, body: body)
        return copy
    }

    /// Base64 of the valid `v1` MAC for what this draft carries.
    public func validMACBase64(_ context: CaseContext) throws(CaseBuildError) -> String {
        Base64Codec.encode(try context.mac(id: id, timestamp: timestamp, body: body))
    }
}
