import HookSpecCore

/// `v1a` Ed25519 signatures (SPEC §3.2, §9.4): every published key, keys the receiver must not
/// trust, damaged and malleable signatures, key confusion with `v1`, and keys that come and go.
enum Ed25519Cases {
    private static let anyKey = "No kid travels with a v1a entry: the receiver tries every key of its JWKS and accepts the one that verifies."
    private static let mustVerify = "A v1a entry verifies only if an Ed25519 signature by a trusted key over id.timestamp.body matches."
    private static let canonical = "A v1a entry is `v1a,` + canonical base64 of exactly 64 bytes; strict verifiers refuse other spellings of an authentic signature."

    /// The Ed25519 signature by `key` over what `draft` carries.
    static func signature(_ key: Ed25519SigningKey, _ draft: DeliveryDraft) -> [UInt8] {
        DeliveryCraft.ed25519(key, message: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body))
    }

    /// A valid delivery whose `webhook-signature` is replaced by `make(keys, draft)`.
    static func entries(_ make: @escaping @Sendable (Ed25519RunKeys, DeliveryDraft) -> String) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        { context in
            let keys = try context.ed25519Keys()
            let draft = try context.valid()
            return draft.changing { $0.signature = make(keys, draft) }
        }
    }

    /// A valid delivery whose primary signature bytes are changed by `damage` and sent as a `v1a` entry.
    static func damaged(_ damage: @escaping @Sendable ([UInt8]) -> [UInt8]) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        entries { keys, draft in "v1a," + Base64Codec.encode(damage(signature(keys.primary.key, draft))) }
    }

    /// A prepared delivery signed by `key`, the `n`th of its case.
    static func prepared(_ context: CaseContext, n: Int, by key: Ed25519SigningKey) throws -> PreparedRequest {
        let draft = try context.valid(id: context.freshID(n))
        return draft.changing { $0.signature = "v1a," + Base64Codec.encode(signature(key, draft)) }.prepared(with: context)
    }

    /// `R || (S + L)`: the same signature with a non-canonical scalar (RFC 8032 §5.1.7 requires S < L).
    /// S < L < 2^253, so the sum fits the 32 bytes.
    static func malleable(_ signature: [UInt8]) -> [UInt8] {
        precondition(signature.count == 64, "an Ed25519 signature is 64 bytes")
        var out = Array(signature.prefix(32))
        var carry: UInt16 = 0
        for index in 0..<32 {
            let sum = UInt16(signature[32 + index]) + UInt16(Ed25519GroupOrder.littleEndian[index]) + carry
            out.append(UInt8(sum & 0xFF))
            carry = sum >> 8
        }
        return out
    }

    static func flipping(_ index: Int) -> @Sendable ([UInt8]) -> [UInt8] {
        { bytes in
            var copy = bytes
            copy[index] ^= 0x01
            return copy
        }
    }

    static let all: [ProbeCase] = [
        ProbeCase(.v1a, 1, "Valid, signed by the second key of the JWKS", rule: anyKey, reference: "SPEC §3.2", severity: .high, expect: .deliver, draft: entries { keys, draft in
            "v1a," + Base64Codec.encode(signature(keys.published[1].key, draft))
        }),
        ProbeCase(.v1a, 2, "Valid, signed by the last key of the JWKS", rule: anyKey, reference: "SPEC §3.2", severity: .high, expect: .deliver, draft: entries { keys, draft in
            "v1a," + Base64Codec.encode(signature(keys.published[keys.published.count - 1].key, draft))
        }),
        ProbeCase(.v1a, 3, "Two entries, by the first and the second key (rotation across keys)", rule: anyKey, reference: "SPEC §3.1, §3.2", severity: .high, expect: .deliver, draft: entries { keys, draft in
            "v1a," + Base64Codec.encode(signature(keys.published[1].key, draft)) + " " + draft.signature
        }),
        ProbeCase(.v1a, 4, "Signed by a key the JWKS does not list", rule: mustVerify, reference: "SPEC §3.2", severity: .critical, expect: .reject, draft: entries { keys, draft in
            "v1a," + Base64Codec.encode(signature(keys.foreign, draft))
        }),
        ProbeCase(.v1a, 5, "webhook-id changed after signing", rule: "The id is signed; changing it breaks the signature.", reference: "SPEC §3.2", severity: .critical, expect: .reject) { context in
            try context.valid().changing { $0.id = context.freshID(1) }
        },
        ProbeCase(.v1a, 6, "webhook-timestamp moved by one second after signing", rule: "The timestamp text is signed; changing it breaks the signature.", reference: "SPEC §3.2, §4", severity: .critical, expect: .reject) { context in
            try context.valid().changing { $0.timestamp = String(context.now - 1) }
        },
        ProbeCase(.v1a, 7, "Valid signature truncated to 63 bytes", rule: mustVerify + " An Ed25519 signature is exactly 64 bytes.", reference: "SPEC §3.2; RFC 8032 §5.1.7", severity: .high, expect: .reject, draft: damaged { Array($0.prefix(63)) }),
        ProbeCase(.v1a, 8, "Valid signature with a 65th byte appended", rule: canonical + " The key holder's signature is there, so acceptance is non-strict.", reference: "SPEC §3.2; RFC 8032 §5.1.7", severity: .low, expect: .rejectPreferred, draft: damaged { $0 + [0x00] }),
        ProbeCase(.v1a, 9, "One bit flipped in R (byte 0)", rule: mustVerify, reference: "SPEC §3.2", severity: .critical, expect: .reject, draft: damaged(flipping(0))),
        ProbeCase(.v1a, 10, "One bit flipped in S (byte 40)", rule: mustVerify, reference: "SPEC §3.2", severity: .critical, expect: .reject, draft: damaged(flipping(40))),
        ProbeCase(.v1a, 11, "One bit flipped in the last byte", rule: mustVerify, reference: "SPEC §3.2", severity: .critical, expect: .reject, draft: damaged(flipping(63))),
        ProbeCase(.v1a, 12, "Malleable signature: S + L (non-canonical scalar, S >= L)", rule: "RFC 8032 requires S < L; a verifier that reduces S accepts a second spelling of every signature (malleability).", reference: "SPEC §3.2; RFC 8032 §5.1.7; Wycheproof Ed25519", severity: .medium, expect: .reject, draft: damaged(malleable)),
        ProbeCase(.v1a, 13, "An all-zero 64-byte signature", rule: mustVerify, reference: "SPEC §3.2", severity: .critical, expect: .reject, draft: damaged { _ in [UInt8](repeating: 0, count: 64) }),
        ProbeCase(.v1a, 14, "Only a v1 HMAC entry keyed with the public key's 32 bytes", rule: "A public key is public: an HMAC keyed with it proves nothing, and a v1a-only receiver has no v1 secret (key confusion).", reference: "SPEC §3.1, §3.2", severity: .critical, expect: .reject, draft: entries { keys, draft in
            "v1," + Base64Codec.encode(DeliveryCraft.hmac(key: keys.primary.key.publicKey.rawRepresentation, message: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body)))
        }),
        ProbeCase(.v1a, 15, "Only a v1 HMAC entry keyed with the whpk_ text", rule: "A public key is public: an HMAC keyed with it proves nothing (key confusion).", reference: "SPEC §3.1, §3.2", severity: .critical, expect: .reject, draft: entries { keys, draft in
            "v1," + Base64Codec.encode(DeliveryCraft.hmac(key: Array(keys.primary.key.publicKey.exportedText.utf8), message: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body)))
        }),
        ProbeCase(.v1a, 16, "Signed over the body alone (id and timestamp not covered)", rule: "The signed content is id.timestamp.body.", reference: "SPEC §3.2", severity: .critical, expect: .reject, draft: entries { keys, draft in
            "v1a," + Base64Codec.encode(DeliveryCraft.ed25519(keys.primary.key, message: draft.body))
        }),
        ProbeCase(.v1a, 17, "Signed with `,` instead of `.` between id, timestamp and body", rule: "The separators of the signed content are `.`.", reference: "SPEC §3.2", severity: .high, expect: .reject, draft: entries { keys, draft in
            "v1a," + Base64Codec.encode(DeliveryCraft.ed25519(keys.primary.key, message: Array("\(draft.id),\(draft.timestamp),".utf8) + draft.body))
        }),
        ProbeCase(.v1a, 18, "Signed content uses the timestamp in milliseconds", rule: "The signed timestamp is the header's text exactly.", reference: "SPEC §3.2, §4", severity: .medium, expect: .reject) { context in
            let keys = try context.ed25519Keys()
            let draft = try context.valid()
            let content = StandardWebhookSigner.signedContent(id: draft.id, timestamp: String(context.now * 1_000), body: draft.body)
            return draft.changing { $0.signature = "v1a," + Base64Codec.encode(DeliveryCraft.ed25519(keys.primary.key, message: content)) }
        },
        ProbeCase(.v1a, 19, "The valid v1a entry, then a random v1 entry", rule: "Entries a receiver cannot check are skipped; the v1a entry verifies.", reference: "SPEC §3.1, §3.2", severity: .medium, expect: .deliver, draft: entries { _, draft in
            draft.signature + " v1," + Base64Codec.encode(DeliveryCraft.filler(seed: draft.id + "-v1", count: 32))
        }),
        ProbeCase(.v1a, 20, "A random v1 entry, then the valid v1a entry", rule: "Entries a receiver cannot check are skipped; the v1a entry verifies.", reference: "SPEC §3.1, §3.2", severity: .medium, expect: .deliver, draft: entries { _, draft in
            "v1," + Base64Codec.encode(DeliveryCraft.filler(seed: draft.id + "-v1", count: 32)) + " " + draft.signature
        }),
        ProbeCase(.v1a, 21, "Only a random v1 entry", rule: "A v1a receiver finds no entry it can verify and refuses.", reference: "SPEC §3.1, §3.2", severity: .high, expect: .reject, draft: entries { _, draft in
            "v1," + Base64Codec.encode(DeliveryCraft.filler(seed: draft.id + "-v1", count: 32))
        }),
        ProbeCase(.v1a, 22, "The valid signature labelled v1 instead of v1a", rule: "Entries are read by their version label; a 64-byte value under v1 is no HMAC and no v1a entry.", reference: "SPEC §3.1, §3.2", severity: .high, expect: .reject, draft: entries { keys, draft in
            "v1," + Base64Codec.encode(signature(keys.primary.key, draft))
        }),
        ProbeCase(.v1a, 23, "The valid signature labelled V1A (upper case)", rule: "Version labels are compared exactly; `V1A` is an unknown version.", reference: "SPEC §3.2", severity: .low, expect: .rejectPreferred, draft: entries { keys, draft in
            "V1A," + Base64Codec.encode(signature(keys.primary.key, draft))
        }),
        ProbeCase(.v1a, 24, "The valid signature without its `==` padding", rule: canonical, reference: "SPEC §3.2", severity: .low, expect: .rejectPreferred, draft: entries { _, draft in
            String(draft.signature.dropLast(2))
        }),
        ProbeCase(.v1a, 25, "The valid signature in the base64url alphabet", rule: canonical, reference: "SPEC §3.2; RFC 4648 §5", severity: .low, expect: .rejectPreferred) { context in
            let keys = try context.ed25519Keys()
            // Pick an id whose signature has a `+` or `/`, so the URL alphabet really differs (bounded search).
            var draft = try context.valid()
            for n in 1...64 where !draft.signature.dropFirst(4).contains(where: { $0 == "+" || $0 == "/" }) {
                draft = try context.valid(id: context.freshID(n))
            }
            let text = Base64Codec.encode(signature(keys.primary.key, draft))
            return draft.changing { $0.signature = "v1a," + DeliveryCraft.urlAlphabet(text) }
        },
        ProbeCase(.v1a, 26, "A random v1a decoy, then the valid entry", rule: anyKey + " Any entry may verify; order does not matter.", reference: "SPEC §3.1, §3.2", severity: .high, expect: .deliver) { context in
            try context.valid().changing { $0.signature = context.decoySignature(seed: 26) + " " + $0.signature }
        },
        ProbeCase(.v1a, 27, "The valid entry twice", rule: anyKey, reference: "SPEC §3.1, §3.2", severity: .low, expect: .deliver, draft: entries { _, draft in
            draft.signature + " " + draft.signature
        }),
        ProbeCase(.v1a, 28, "Ed25519 over SHA-512 of the signed content (a pre-hash variant)", rule: "v1a signs the signed content itself (PureEdDSA), not its hash.", reference: "SPEC §3.2; RFC 8032 §5.1", severity: .high, expect: .reject, draft: entries { keys, draft in
            let content = StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body)
            return "v1a," + Base64Codec.encode(DeliveryCraft.ed25519(keys.primary.key, message: DeliveryCraft.sha512(content)))
        }),
        .sequence(
            .v1a, 29, "A key withdrawn from the JWKS during the run, then used again",
            rule: "How long a withdrawn key is still accepted (its cache lifetime) is observed, not graded.",
            reference: "SPEC §3.2, §9.4", severity: .info, expect: .observe, singleProcessing: false
        ) { context in
            let keys = try context.ed25519Keys()
            let last = keys.published[keys.published.count - 1]
            return [
                try prepared(context, n: 0, by: last.key),
                try prepared(context, n: 1, by: last.key).after(.withdraw(keyID: last.keyID)),
            ]
        },
        .sequence(
            .v1a, 30, "A key published during the run, then used",
            rule: "v1a carries no kid, so a receiver sees a new key only when it refetches its JWKS; when is observed, not graded.",
            reference: "SPEC §3.2, §9.4", severity: .info, expect: .observe, singleProcessing: false
        ) { context in
            let keys = try context.ed25519Keys()
            return [try prepared(context, n: 0, by: keys.rotation.key).after(.publish(keyID: keys.rotation.keyID))]
        },
    ]
}
