import HookSpecCore

/// What the malleable-signature mutant does to a `v1a` entry before verifying: a signature whose
/// S is at least the group order L is "repaired" to S mod L, as libraries that skip RFC 8032's
/// canonicality check effectively do. The reference refuses such a signature.
package enum MalleableSignature {
    /// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    package static let order: [UInt8] = [
        0xED, 0xD3, 0xF5, 0x5C, 0x1A, 0x63, 0x12, 0x58, 0xD6, 0x9C, 0xF7, 0xA2, 0xDE, 0xF9, 0xDE, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// The header with every `v1a` entry's S reduced mod L; other entries untouched.
    static func canonicalized(_ header: String) -> String {
        header.split(separator: " ", omittingEmptySubsequences: false).map { entry in
            guard entry.hasPrefix("v1a,"), case .success(let signature) = Base64Codec.decode(entry.dropFirst(4), mode: .strict),
                signature.count == 64
            else { return String(entry) }
            let reduced = Array(signature[..<32]) + reducedModOrder(Array(signature[32...]))
            return "v1a," + Base64Codec.encode(reduced)
        }.joined(separator: " ")
    }

    /// `scalar` (32 bytes, little-endian) mod L. At most 16 subtractions: 2^256 / L < 16.
    static func reducedModOrder(_ scalar: [UInt8]) -> [UInt8] {
        precondition(scalar.count == 32, "an Ed25519 scalar is 32 bytes")
        var value = scalar
        for _ in 0..<16 where !isLess(value, order) {
            var borrow = 0
            for index in 0..<32 {
                let difference = Int(value[index]) - Int(order[index]) - borrow
                borrow = difference < 0 ? 1 : 0
                value[index] = UInt8((difference + 256) & 0xFF)
            }
        }
        return value
    }

    /// Whether `lhs < rhs`, both 32-byte little-endian.
    static func isLess(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        for index in stride(from: 31, through: 0, by: -1) where lhs[index] != rhs[index] {
            return lhs[index] < rhs[index]
        }
        return false
    }
}
