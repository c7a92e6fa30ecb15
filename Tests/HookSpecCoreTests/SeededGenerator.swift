import SeededRandom

/// xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64: a small, fast generator
/// whose sequence depends only on the seed, so every randomized test can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    /// The seed this generator started from; failing expectations print it.
    let seed: UInt64
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        self.seed = seed
        var splitMix = SplitMix64(seed: seed)
        state = (splitMix.next(), splitMix.next(), splitMix.next(), splitMix.next())
    }

    mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// `count` uniformly random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            var word = next()
            for _ in 0..<min(8, count - out.count) {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return out
    }

    /// A uniformly random integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `numerator / denominator`.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { int(in: 1...denominator) <= numerator }

    /// A random element of a non-empty collection.
    mutating func pick<C: Collection>(_ collection: C) -> C.Element {
        collection[collection.index(collection.startIndex, offsetBy: int(in: 0...(collection.count - 1)))]
    }

    /// `count` characters drawn from `alphabet`.
    mutating func string(_ count: Int, from alphabet: [UInt8]) -> String {
        String(decoding: (0..<count).map { _ in pick(alphabet) }, as: UTF8.self)
    }

    /// A webhook-id-like value: printable ASCII, never empty, sometimes with dots, spaces or `msg_`.
    mutating func webhookID() -> String {
        switch int(in: 0...3) {
        case 0: return "msg_" + string(27, from: TestAlphabet.base62)
        case 1: return string(int(in: 1...64), from: TestAlphabet.printableASCII)
        case 2: return string(36, from: TestAlphabet.hexLower)
        default: return string(int(in: 1...8), from: TestAlphabet.base62) + "." + string(int(in: 1...8), from: TestAlphabet.base62)
        }
    }

    /// A body of random length (0 included) with random content (invalid UTF-8 included).
    mutating func body(maximumLength: Int) -> [UInt8] {
        let length = chance(1, in: 20) ? 0 : int(in: 0...maximumLength)
        return chance(1, in: 2) ? bytes(length) : Array(string(length, from: TestAlphabet.printableASCII).utf8)
    }
}

/// Character sets for generated values.
enum TestAlphabet {
    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    static let hexLower = Array("0123456789abcdef".utf8)
    static let printableASCII = Array(UInt8(0x20)...UInt8(0x7E))
    static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
}

/// A seed per test: fixed so runs repeat. HOOKSPEC_TEST_SEED=N (a UInt64) mixes N into every
/// test's seed to explore other sequences; a failure prints the effective seed, and running again
/// with the same HOOKSPEC_TEST_SEED (or none) replays it exactly.
enum TestSeed {
    static func base(_ fallback: UInt64) -> UInt64 {
        guard let text = environmentValue("HOOKSPEC_TEST_SEED"), let value = UInt64(text) else { return fallback }
        return value ^ fallback
    }
}
