internal import CLibCrypto

/// An HMAC-SHA256 key absorbed once (RFC 2104 inner and outer midstates) in system libcrypto.
///
/// swift-crypto's `HMAC<SHA256>` keeps each SHA-256 state in a class, so reusing a keyed HMAC
/// copies it on write: two allocations, two copies and two zeroisations per message, which cost
/// as much as hashing a 1 KiB delivery. These midstates are copied on the stack instead.
/// The state is written in `init` only and freed (overwritten first) in `deinit`.
final class HMACSHA256Key: @unchecked Sendable {
    /// Bytes in a tag.
    static let tagByteCount = 32

    private let state: OpaquePointer

    init(key: UnsafeRawBufferPointer) {
        let base = key.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let state = hookspec_hmac_sha256_key_new(base, key.count) else {
            preconditionFailure("libcrypto could not allocate an HMAC key state")
        }
        self.state = state
    }

    deinit {
        hookspec_hmac_sha256_key_free(state)
    }

    /// Writes the tag of `message` to `tag` (32 bytes).
    func authenticationCode(for message: UnsafeRawBufferPointer, into tag: UnsafeMutablePointer<UInt8>) {
        hookspec_hmac_sha256(
            state, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
            nil, 0, nil, 0, -1, tag)
    }

    /// Writes the `v1` tag of `id.timestamp.body` to `tag` (32 bytes) without assembling the content.
    func authenticationCode(id: UnsafeBufferPointer<UInt8>, timestamp: UnsafeBufferPointer<UInt8>, body: UnsafeRawBufferPointer,
                            into tag: UnsafeMutablePointer<UInt8>) {
        hookspec_hmac_sha256(
            state, id.baseAddress, id.count, timestamp.baseAddress, timestamp.count,
            body.baseAddress?.assumingMemoryBound(to: UInt8.self), body.count, Int32(UInt8(ascii: ".")), tag)
    }

    /// The tag of `message`.
    func authenticationCode(for message: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.tagByteCount) { tag, count in
            message.withUnsafeBytes { authenticationCode(for: $0, into: tag.baseAddress!) }
            count = Self.tagByteCount
        }
    }

    /// Whether the `count` bytes at `a` and `b` are equal, in time independent of where they differ.
    static func constantTimeEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        hookspec_constant_time_equal(a, b, count) == 1
    }
}

/// SHA-256 on the same libcrypto, for hashes on the verification path (`request_body_sha256`).
enum LibCryptoSHA256 {
    /// Writes the digest of `message` to `digest` (32 bytes).
    static func hash(_ message: UnsafeRawBufferPointer, into digest: UnsafeMutablePointer<UInt8>) {
        hookspec_sha256(message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count, digest)
    }
}
