/// SipHash-2-4 with a 128-bit output (Aumasson and Bernstein, the reference `siphash.c` with
/// `outlen == 16`): a keyed pseudorandom function, so digests of attacker-chosen ids cannot be
/// steered into collisions without the key.
struct SipHash128: Sendable, Hashable {
    /// The 128-bit key as two little-endian words (`k0` = key bytes 0..<8).
    let k0: UInt64
    let k1: UInt64

    /// A 128-bit digest as two words (`low` = output bytes 0..<8, little-endian).
    struct Digest: Hashable {
        let low: UInt64
        let high: UInt64
    }

    func hash(_ message: UnsafeRawBufferPointer) -> Digest {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1 ^ 0xee
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1
        @inline(__always) func round() {
            v0 &+= v1; v1 = v1.rotatedLeft(13); v1 ^= v0; v0 = v0.rotatedLeft(32)
            v2 &+= v3; v3 = v3.rotatedLeft(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotatedLeft(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotatedLeft(17); v1 ^= v2; v2 = v2.rotatedLeft(32)
        }
        let wholeWords = message.count / 8
        for word in 0..<wholeWords {
            let m = UInt64(littleEndian: message.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self))
            v3 ^= m
            round(); round()
            v0 ^= m
        }
        var last = UInt64(truncatingIfNeeded: message.count) << 56
        for index in (wholeWords * 8)..<message.count {
            last |= UInt64(message[index]) << UInt64(8 * (index - wholeWords * 8))
        }
        v3 ^= last
        round(); round()
        v0 ^= last
        v2 ^= 0xee
        round(); round(); round(); round()
        let low = v0 ^ v1 ^ v2 ^ v3
        v1 ^= 0xdd
        round(); round(); round(); round()
        return Digest(low: low, high: v0 ^ v1 ^ v2 ^ v3)
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 {
        self << count | self >> (64 - count)
    }
}
