import SeededRandom
import HookSpecCore
import HookSpecOracle
import Testing

/// SPEC §7: the RS256 primitive (swift-crypto) agrees with system OpenSSL on seeded random input.
///
/// Keys: the five committed RSA keys (2048 ×2, 2048 with e = 3, 3072, 4096; `vectors/jose/keys/`),
/// because generating RSA keys in a debug build takes seconds each. Messages: 2,000 seeded random
/// byte strings of 0–2,047 bytes. Each message is signed by swift-crypto and checked by both
/// sides, then mutated one of five ways and checked by both sides again: 4,000 comparisons.
@Suite("RS256 primitive vs OpenSSL")
struct RS256OracleTests {
    static let messageCount = 2_000
    static let keyNames = ["trusted-rs256-2048", "attacker-rs256-2048", "oracle-2048-e3", "oracle-3072", "oracle-4096"]

    enum Mutation: CaseIterable {
        case flipSignatureBit, flipMessageBit, truncateSignature, otherKeysSignature, randomSignature
    }

    @Test("2,000 seeded messages, valid and mutated signatures, five keys")
    func seededMessages() throws {
        let keys = try Self.keyNames.map { try RS256SigningKey(pemRepresentation: JOSEFixtures.pem($0)) }
        let publics = keys.map(\.publicKey)
        let oracles = try publics.map { try OpenSSLRSAPublicKey(modulus: $0.modulus, exponent: $0.exponent) }
        var generator = SplitMix64(seed: 0x686F_6F6B_7370_6563)
        var disagreements: [String] = []
        var validCount = 0
        for index in 0..<Self.messageCount {
            let keyIndex = index % keys.count
            let message = (0..<Int.random(in: 0..<2048, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let signature = try keys[keyIndex].signature(for: message)
            let core = publics[keyIndex].isValidSignature(signature, over: message)
            let openssl = oracles[keyIndex].isValidPKCS1SHA256Signature(signature, for: message)
            if core != openssl || !core { disagreements.append("message \(index): valid signature core=\(core) openssl=\(openssl)") }
            if core { validCount += 1 }

            var mutatedSignature = signature
            var mutatedMessage = message
            let mutation = Mutation.allCases[index % Mutation.allCases.count]
            switch mutation {
            case .flipSignatureBit:
                let bit = Int.random(in: 0..<(signature.count * 8), using: &generator)
                mutatedSignature[bit / 8] ^= 1 << (bit % 8)
            case .flipMessageBit:
                if message.isEmpty { mutatedMessage = [0] } else {
                    let bit = Int.random(in: 0..<(message.count * 8), using: &generator)
                    mutatedMessage[bit / 8] ^= 1 << (bit % 8)
                }
            case .truncateSignature:
                mutatedSignature.removeLast(Int.random(in: 1...8, using: &generator))
            case .otherKeysSignature:
                mutatedSignature = try keys[(keyIndex + 1) % keys.count].signature(for: message)
            case .randomSignature:
                mutatedSignature = (0..<signature.count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            let coreMutated = publics[keyIndex].isValidSignature(mutatedSignature, over: mutatedMessage)
            let opensslMutated = oracles[keyIndex].isValidPKCS1SHA256Signature(mutatedSignature, for: mutatedMessage)
            if coreMutated != opensslMutated || coreMutated {
                disagreements.append("message \(index) \(mutation): core=\(coreMutated) openssl=\(opensslMutated)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(validCount == Self.messageCount)
    }

    @Test("committed keys have the sizes their names say")
    func keySizes() throws {
        let sizes = try Self.keyNames.map { try RS256SigningKey(pemRepresentation: JOSEFixtures.pem($0)).bitCount }
        #expect(sizes == [2048, 2048, 2048, 3072, 4096])
        #expect(try RS256SigningKey(pemRepresentation: JOSEFixtures.pem("oracle-2048-e3")).publicKey.exponent == [3])
    }
}
