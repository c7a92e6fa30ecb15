import HookSpecCore

/// What the malleable-signature mutant does to a `v1a` entry before verifying: a signature whose
/// S is at least the group order L is "repaired" to S mod L, as libraries that skip RFC 8032's
/// canonicality check effectively do. The reference refuses such a signature.
package enum MalleableSignature {
    /// L, little-endian (the core's one copy).
    package static let order = Ed25519GroupOrder.littleEndian

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
