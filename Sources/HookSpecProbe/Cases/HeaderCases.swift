import HookSpecCore

/// The three `webhook-*` headers: missing, empty, duplicated and written in other casings (SPEC §3.1).
enum HeaderCases {
    private static let required = "A delivery without all three webhook-* headers is refused with 4xx."
    private static let caseInsensitive = "Header names are case-insensitive; a valid delivery is accepted whatever their casing."
    private static let single = "A header that must occur once and occurs twice is ambiguous; refusing it is safest, taking the valid reading is defensible."

    /// The id and timestamp headers are signed only under Standard Webhooks; a token does not cover them.
    static let all: [ProbeCase] = [
        ProbeCase(.hdr, 1, "webhook-id missing", rule: required, reference: "SPEC §3.1; \(Reference.verifying)", severity: .high, expect: .reject, schemes: .standardWebhooks) {
            try $0.valid().changing { $0.omitID = true }
        },
        ProbeCase(.hdr, 2, "webhook-timestamp missing", rule: required, reference: "SPEC §3.1, §4", severity: .high, expect: .reject, schemes: .standardWebhooks) {
            try $0.valid().changing { $0.omitTimestamp = true }
        },
        ProbeCase(.hdr, 3, "webhook-signature missing", rule: required, reference: "SPEC §3.1", severity: .critical, expect: .reject) {
            try $0.valid().changing { $0.omitSignature = true }
        },
        ProbeCase(.hdr, 4, "All three webhook-* headers missing (plain JSON POST)", rule: required, reference: "SPEC §3.1", severity: .critical, expect: .reject) {
            try $0.valid().changing { $0.omitID = true; $0.omitTimestamp = true; $0.omitSignature = true }
        },
        ProbeCase(.hdr, 5, "Empty webhook-id, signature computed over the empty id", rule: "An empty webhook-id is refused (replay protection keys on it); only the key holder can sign one, so acceptance is non-strict, not a forgery.", reference: "SPEC §3.1, §4, §9.2", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) {
            try $0.valid(id: "")
        },
        ProbeCase(.hdr, 6, "Empty webhook-timestamp, signature computed over the empty text", rule: "An empty timestamp is not a timestamp; the delivery is refused.", reference: "SPEC §4", severity: .high, expect: .reject, schemes: .standardWebhooks) {
            try $0.valid(timestamp: "")
        },
        ProbeCase(.hdr, 7, "Empty webhook-signature", rule: "An empty signature list verifies nothing; the delivery is refused.", reference: "SPEC §3.1", severity: .critical, expect: .reject) {
            try $0.valid().changing { $0.signature = "" }
        },
        ProbeCase(.hdr, 8, "Header names in Title-Case (Webhook-Id, Webhook-Timestamp, Webhook-Signature)", rule: caseInsensitive, reference: "SPEC §3.1; \(Reference.rfc9110Fields)", severity: .high, expect: .deliver) {
            try $0.valid().changing { $0.renameHeaders(titleCase) }
        },
        ProbeCase(.hdr, 9, "Header names in UPPER CASE", rule: caseInsensitive, reference: "SPEC §3.1; \(Reference.rfc9110Fields)", severity: .medium, expect: .deliver) {
            try $0.valid().changing { $0.renameHeaders { $0.uppercased() } }
        },
        ProbeCase(.hdr, 10, "Header names in alternating case (wEbHoOk-SiGnAtUrE)", rule: caseInsensitive, reference: "SPEC §3.1; \(Reference.rfc9110Fields)", severity: .medium, expect: .deliver) {
            try $0.valid().changing { $0.renameHeaders(alternatingCase) }
        },
        ProbeCase(.hdr, 11, "webhook-signature twice: a forged line, then the valid one", rule: single, reference: "SPEC §3.1; \(Reference.rfc9110Fields)", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return draft.changing {
                $0.omitSignature = true
                $0.addHeader("webhook-signature", context.decoySignature(seed: 9))
                $0.addHeader("webhook-signature", draft.signature)
            }
        },
        ProbeCase(.hdr, 12, "webhook-signature twice: the valid line, then a wrong-secret one", rule: single, reference: "SPEC §3.1; \(Reference.rfc9110Fields)", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            return try draft.changing {
                $0.addHeader("webhook-signature", try context.foreignSignature(id: draft.id, timestamp: draft.timestamp, body: draft.body))
            }
        },
        ProbeCase(.hdr, 13, "webhook-id twice with different values (signed over the first)", rule: single, reference: "SPEC §3.1, §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { context in
            try context.valid().changing { $0.addHeader("webhook-id", context.freshID(1)) }
        },
        ProbeCase(.hdr, 14, "webhook-timestamp twice: the signed fresh value, then a stale one", rule: single, reference: "SPEC §3.1, §4", severity: .low, expect: .rejectPreferred, schemes: .standardWebhooks) { context in
            try context.valid().changing { $0.addHeader("webhook-timestamp", String(context.now - 3_600)) }
        },
        ProbeCase(.hdr, 15, "Header values surrounded by optional whitespace (spaces and tabs)", rule: "Optional whitespace around a field value is not part of it (RFC 9110 §5.5); the delivery is valid.", reference: "RFC 9110 §5.5; SPEC §3.1", severity: .low, expect: .deliverPreferred) { context in
            let draft = try context.valid()
            return draft.changing {
                $0.omitID = true; $0.omitTimestamp = true; $0.omitSignature = true
                $0.addHeader("webhook-id", " \t" + draft.id + " ")
                $0.addHeader("webhook-timestamp", "  " + draft.timestamp + "\t")
                $0.addHeader("webhook-signature", " " + draft.signature + "  ")
            }
        },
        ProbeCase(.hdr, 16, "Svix-branded names (svix-id, svix-timestamp, svix-signature) only", rule: "Gemini sends webhook-* names; whether svix-* is also read is observed, not graded.", reference: "SPEC §3.1", severity: .info, expect: .observe) {
            try $0.valid().changing { $0.renameHeaders { $0.replacingPrefix("webhook-", with: "svix-") } }
        },
        ProbeCase(.hdr, 17, "Valid delivery without Content-Type", rule: "Verification depends on the raw body, not on Content-Type; accepting is preferred.", reference: "SPEC §3.1, §6", severity: .low, expect: .deliverPreferred) {
            try $0.valid().changing { $0.contentType = nil }
        },
        ProbeCase(.hdr, 18, "Valid delivery with Content-Type: application/json; charset=utf-8", rule: "A media type parameter does not change the body; the delivery is valid.", reference: "SPEC §6; RFC 8259 §11", severity: .low, expect: .deliverPreferred) {
            try $0.valid().changing { $0.contentType = "application/json; charset=utf-8" }
        },
        ProbeCase(.hdr, 19, "webhook-id with non-ASCII UTF-8 bytes, signed over those bytes", rule: "The id is opaque text; how non-ASCII bytes in it are read is observed, not graded.", reference: "SPEC §3.1; \(Reference.rfc9110Fields)", severity: .info, expect: .observe) { context in
            try context.valid(id: context.freshID() + "_é✓")
        },
    ]

    static func titleCase(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
    }

    static func alternatingCase(_ name: String) -> String {
        String(name.enumerated().map { $0.offset.isMultiple(of: 2) ? Character($0.element.lowercased()) : Character($0.element.uppercased()) })
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
