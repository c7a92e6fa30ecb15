import HookSpecCore

/// Several entries in `webhook-signature`: rotation, decoys before the valid entry, malformed entries (SPEC §3.1).
enum RotationCases {
    private static let anyMatch = "A delivery verifies if any v1 entry matches; order does not matter (rotation sends one entry per live secret)."
    private static let skipOthers = "Entries of other versions are skipped, not errors."
    private static let malformedBeside = "A malformed entry makes the list malformed; strict receivers refuse with 4xx, lenient ones may skip it, none answers 5xx."
    private static let malformedAlone = "A list holding only a malformed entry verifies nothing: 4xx, never 5xx."

    static func decoy(_ context: CaseContext, _ n: Int) -> String {
        "v1," + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(100 + n), count: 32))
    }

    static func foreign(_ context: CaseContext, _ draft: DeliveryDraft) throws -> String {
        try context.v1Entry(id: draft.id, timestamp: draft.timestamp, body: draft.body, secret: try context.foreignSecret)
    }

    static let all: [ProbeCase] = [
        ProbeCase(.rot, 1, "Valid entry first, a random decoy second", rule: anyMatch, reference: "SPEC §3.1; \(Reference.verifying)", severity: .high, expect: .deliver, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = draft.signature + " " + decoy(context, 1) }
        },
        ProbeCase(.rot, 2, "A random decoy first, the valid entry second", rule: anyMatch, reference: "SPEC §3.1; \(Reference.verifying)", severity: .high, expect: .deliver, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = decoy(context, 1) + " " + draft.signature }
        },
        ProbeCase(.rot, 3, "Rotation: entry under another secret first, then the receiver's", rule: anyMatch, reference: "SPEC §3.1 (revoke_previous_secrets_after_h24)", severity: .high, expect: .deliver, schemes: .v1) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try foreign(context, draft) + " " + draft.signature }
        },
        ProbeCase(.rot, 4, "Three entries, the valid one last", rule: anyMatch, reference: "SPEC §3.1", severity: .high, expect: .deliver, schemes: .v1) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = [try foreign(context, draft), decoy(context, 2), draft.signature].joined(separator: " ") }
        },
        ProbeCase(.rot, 5, "Unknown-version entry (v2) first, then the valid entry", rule: skipOthers, reference: "SPEC §3.1", severity: .medium, expect: .deliver, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = "v2," + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(5), count: 32)) + " " + draft.signature }
        },
        ProbeCase(.rot, 6, "v1a entry (64 bytes) first, then the valid v1 entry", rule: skipOthers, reference: "SPEC §3.1, §3.2", severity: .medium, expect: .deliver, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = "v1a," + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(6), count: 64)) + " " + draft.signature }
        },
        ProbeCase(.rot, 7, "The valid entry twice", rule: anyMatch, reference: "SPEC §3.1", severity: .low, expect: .deliver, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = draft.signature + " " + draft.signature }
        },
        ProbeCase(.rot, 8, "Ten decoys, then the valid entry", rule: anyMatch + " Receivers may bound the list; the core reads 64 entries.", reference: "SPEC §3.1", severity: .low, expect: .deliverPreferred, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = ((1...10).map { decoy(context, $0) } + [draft.signature]).joined(separator: " ") }
        },
        ProbeCase(.rot, 9, "An entry without a comma before the valid entry", rule: malformedBeside, reference: "SPEC §3.1, §6", severity: .medium, expect: .rejectPreferred, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = "v1" + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(9), count: 32)) + " " + draft.signature }
        },
        ProbeCase(.rot, 10, "An entry with two commas before the valid entry", rule: malformedBeside, reference: "SPEC §3.1, §6", severity: .medium, expect: .rejectPreferred, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = "v1,AAAA,BBBB " + draft.signature }
        },
        ProbeCase(.rot, 11, "An empty entry (two spaces) between a decoy and the valid entry", rule: malformedBeside, reference: "SPEC §3.1, §6", severity: .medium, expect: .rejectPreferred, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = decoy(context, 1) + "  " + draft.signature }
        },
        ProbeCase(.rot, 12, "Only an entry without a comma", rule: malformedAlone, reference: "SPEC §3.1, §6", severity: .medium, expect: .reject, schemes: .v1) { context in
            try context.valid().changing { $0.signature = "v1" + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(12), count: 32)) }
        },
        ProbeCase(.rot, 13, "The valid entry with `,v1` appended (`v1,<MAC>,v1`)", rule: "One entry holding the valid MAC plus a trailing `,v1` is malformed: strict verifiers refuse it with 4xx, parsers that split on the first comma read the valid MAC (non-strict, like `v1,<MAC>AAAA`); none answers 5xx.", reference: "SPEC §3.1, §6", severity: .low, expect: .rejectPreferred, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = draft.signature + ",v1" }
        },
        ProbeCase(.rot, 14, "Entries separated by a tab instead of a space", rule: "Entries are separated by single spaces; other separators make one malformed entry.", reference: "SPEC §3.1, §6", severity: .low, expect: .rejectPreferred, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = decoy(context, 1) + "\t" + draft.signature }
        },
        ProbeCase(.rot, 15, "An entry with an empty version (`,base64`) before the valid entry", rule: malformedBeside, reference: "SPEC §3.1, §6", severity: .low, expect: .rejectPreferred, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = "," + Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(15), count: 32)) + " " + draft.signature }
        },
        ProbeCase(.rot, 16, "Sixty-four decoys, then the valid entry (65th)", rule: "Receivers may bound how many entries they try; whether the 65th is read is observed.", reference: "SPEC §3.1", severity: .info, expect: .observe, schemes: .v1) { context in
            let draft = try context.valid()
            return draft.changing { $0.signature = ((1...64).map { decoy(context, $0) } + [draft.signature]).joined(separator: " ") }
        },
    ]
}
