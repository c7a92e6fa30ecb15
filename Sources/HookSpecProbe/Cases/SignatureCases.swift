import HookSpecCore

/// `v1` signatures that are wrong, truncated, mis-encoded or computed the wrong way (SPEC §3.1).
enum SignatureCases {
    private static let mustMatch = "Only a v1 entry whose HMAC-SHA256 over id.timestamp.body under the decoded secret matches verifies."
    private static let canonical = "Strict verifiers accept only `v1,` + 44 canonical base64 characters; a lenient decoder that yields the right MAC is defensible."

    static let all: [ProbeCase] = [
        ProbeCase(.sig, 1, "Signed with a secret the receiver does not hold", rule: mustMatch, reference: "SPEC §3.1; \(Reference.verifying)", severity: .critical, expect: .reject) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try context.v1Entry(id: draft.id, timestamp: draft.timestamp, body: draft.body, secret: try context.foreignSecret) }
        },
        ProbeCase(.sig, 2, "Random 32 bytes as the v1 signature", rule: mustMatch, reference: "SPEC §3.1", severity: .critical, expect: .reject) { context in
            try context.valid().changing { $0.signature = "v1," + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(7), count: 32)) }
        },
        ProbeCase(.sig, 3, "webhook-id changed after signing", rule: "The id is signed; changing it breaks the signature.", reference: "SPEC §3.1", severity: .critical, expect: .reject) { context in
            try context.valid().changing { $0.id = context.freshID(1) }
        },
        ProbeCase(.sig, 4, "webhook-timestamp moved by one second after signing", rule: "The timestamp text is signed; changing it breaks the signature.", reference: "SPEC §3.1, §4", severity: .critical, expect: .reject) { context in
            try context.valid().changing { $0.timestamp = String(context.now - 1) }
        },
        ProbeCase(.sig, 5, "Valid signature with its last two characters (one data, one padding) dropped", rule: mustMatch, reference: "SPEC §3.1", severity: .high, expect: .reject) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = String(draft.signature.dropLast(2)) }
        },
        ProbeCase(.sig, 6, "Prefix of the valid signature (first 16 characters)", rule: "A prefix of the MAC is not the MAC; comparisons are over the whole value.", reference: "SPEC §3.1; \(Reference.verifying)", severity: .critical, expect: .reject) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try "v1," + draft.validMACBase64(context).prefix(16) }
        },
        ProbeCase(.sig, 7, "Empty v1 entry (`v1,`)", rule: "An empty signature matches nothing (a substring or prefix test would match it).", reference: "SPEC §3.1", severity: .critical, expect: .reject) {
            try $0.valid().changing { $0.signature = "v1," }
        },
        ProbeCase(.sig, 8, "Valid MAC in lowercase hex instead of base64", rule: "v1 signatures are base64; strict verifiers refuse hex. Only the key holder can compute the MAC, so acceptance is non-strict.", reference: "SPEC §3.1", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = "v1," + DeliveryCraft.hex(try context.mac(id: draft.id, timestamp: draft.timestamp, body: draft.body)) }
        },
        ProbeCase(.sig, 9, "Valid MAC without the `v1,` version label", rule: "An entry is `version,base64`; a bare MAC is malformed, refused with 4xx by strict verifiers and never answered 5xx. It carries the valid MAC, so acceptance is non-strict.", reference: "SPEC §3.1, §6", severity: .medium, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try draft.validMACBase64(context) }
        },
        ProbeCase(.sig, 10, "Valid MAC under version label v2", rule: "Entries of other versions are skipped, never verified as v1 (a substring match would accept this).", reference: "SPEC §3.1", severity: .high, expect: .reject) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try "v2," + draft.validMACBase64(context) }
        },
        ProbeCase(.sig, 11, "Valid MAC under version label V1 (upper case)", rule: "Version labels are compared exactly; `V1` is an unknown version.", reference: "SPEC §3.1", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try "V1," + draft.validMACBase64(context) }
        },
        ProbeCase(.sig, 12, "Valid MAC followed by extra base64 inside the same entry", rule: "An entry holds exactly one 32-byte MAC; trailing data makes it non-canonical (a substring match accepts it).", reference: "SPEC §3.1", severity: .medium, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = draft.signature + "AAAA" }
        },
        ProbeCase(.sig, 13, "Valid MAC with an extra `=` of padding", rule: canonical, reference: "SPEC §3.1", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = draft.signature + "=" }
        },
        ProbeCase(.sig, 14, "Valid MAC without its `=` padding", rule: canonical, reference: "SPEC §3.1", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = String(draft.signature.dropLast()) }
        },
        ProbeCase(.sig, 15, "Valid MAC with non-zero padding bits in its last character", rule: canonical, reference: "SPEC §3.1; RFC 4648 §3.5", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = "v1," + DeliveryCraft.nonZeroPaddingBits(try draft.validMACBase64(context)) }
        },
        ProbeCase(.sig, 16, "Valid MAC written in the base64url alphabet (- and _)", rule: canonical, reference: "SPEC §3.1; RFC 4648 §5", severity: .low, expect: .rejectPreferred) { context in
            // Pick an id whose MAC has a `+` or `/`, so the URL alphabet really differs (bounded search).
            var draft = try context.valid()
            for n in 1...64 {
                if try draft.validMACBase64(context).contains(where: { $0 == "+" || $0 == "/" }) { break }
                draft = try context.valid(id: context.freshID(n))
            }
            let mac = try draft.validMACBase64(context)
            return draft.changing { $0.signature = "v1," + DeliveryCraft.urlAlphabet(mac) }
        },
        ProbeCase(.sig, 17, "Valid MAC with a stray `*` in the middle", rule: canonical, reference: "SPEC §3.1", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            let mac = try draft.validMACBase64(context)
            return draft.changing { $0.signature = "v1," + mac.prefix(20) + "*" + mac.dropFirst(20) }
        },
        ProbeCase(.sig, 18, "Signed with the secret text (whsec_ prefix kept) as the HMAC key", rule: "The key is the base64 decoding of the text after `whsec_`, never the text itself.", reference: "SPEC §3.1; \(Reference.verifying)", severity: .critical, expect: .reject) { context in
            let draft = try context.valid()
            let key = Array(try context.secret.exportedText().utf8)
            let mac = DeliveryCraft.hmac(key: key, message: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body))
            return draft.changing { $0.signature = "v1," + Base64Codec.encode(mac) }
        },
        ProbeCase(.sig, 19, "Signed with the base64 text after whsec_ as the key (not decoded)", rule: "The key is the base64 decoding of the text after `whsec_`, never the text itself.", reference: "SPEC §3.1; \(Reference.verifying)", severity: .critical, expect: .reject) { context in
            let draft = try context.valid()
            let key = Array(try context.secret.exportedText().dropFirst(WebhookSecret.prefix.count).utf8)
            let mac = DeliveryCraft.hmac(key: key, message: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body))
            return draft.changing { $0.signature = "v1," + Base64Codec.encode(mac) }
        },
        ProbeCase(.sig, 20, "Signed over the body alone (id and timestamp not covered)", rule: "The signed content is id.timestamp.body; a MAC over the body alone lets any captured body be replayed under a new id.", reference: "SPEC §3.1", severity: .critical, expect: .reject) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = "v1," + Base64Codec.encode(DeliveryCraft.hmac(secret: try context.secret, message: draft.body)) }
        },
        ProbeCase(.sig, 21, "Signed with `,` instead of `.` between id, timestamp and body", rule: "The separators of the signed content are `.`.", reference: "SPEC §3.1", severity: .high, expect: .reject) { context in
            let draft = try context.valid()
            let content = Array("\(draft.id),\(draft.timestamp),".utf8) + draft.body
            return try draft.changing { $0.signature = "v1," + Base64Codec.encode(DeliveryCraft.hmac(secret: try context.secret, message: content)) }
        },
        ProbeCase(.sig, 22, "Signed content uses the timestamp in milliseconds; the header carries seconds", rule: "The signed timestamp is the header's text exactly.", reference: "SPEC §3.1, §4", severity: .medium, expect: .reject) { context in
            let draft = try context.valid()
            let content = StandardWebhookSigner.signedContent(id: draft.id, timestamp: String(context.now * 1_000), body: draft.body)
            return try draft.changing { $0.signature = "v1," + Base64Codec.encode(DeliveryCraft.hmac(secret: try context.secret, message: content)) }
        },
        ProbeCase(.sig, 23, "Only a v1a entry (random 64 bytes) for an HMAC receiver", rule: "A receiver holding only v1 secrets finds no entry to verify and refuses.", reference: "SPEC §3.1, §3.2", severity: .high, expect: .reject) { context in
            try context.valid().changing { $0.signature = "v1a," + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(3), count: 64)) }
        },
        ProbeCase(.sig, 24, "Only an entry of unknown version (v2, 32 random bytes)", rule: "Entries of other versions are skipped; with no v1 entry left the delivery is refused.", reference: "SPEC §3.1", severity: .high, expect: .reject) { context in
            try context.valid().changing { $0.signature = "v2," + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(4), count: 32)) }
        },
        ProbeCase(.sig, 25, "Signed over the id and timestamp with an empty body; the body is sent", rule: "The raw body is part of the signed content.", reference: "SPEC §3.1", severity: .critical, expect: .reject) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try context.v1Entry(id: draft.id, timestamp: draft.timestamp, body: []) }
        },
    ]
}
