import HookSpecCore

/// The same `webhook-id` delivered again (SPEC §4): answered 2xx, processed at most once.
enum ReplayCases {
    private static let duplicate = "A duplicate webhook-id gets a 2xx answer (a non-2xx makes the sender retry) and is processed at most once."

    static let all: [ProbeCase] = [
        .sequence(.replay, 1, "Exact replay: the same request twice", rule: duplicate, reference: "SPEC §4; \(Reference.verifying)", severity: .medium, expect: .deliver) { context in
            let first = try context.valid().prepared(with: context)
            return [first, first]
        },
        .sequence(.replay, 2, "Sender-style retry: same id, new timestamp and signature", rule: duplicate, reference: "SPEC §4, §6", severity: .medium, expect: .deliver) { context in
            // The first attempt a second ago, the retry now: never a time ahead of the receiver's clock,
            // which token verifiers without leeway refuse.
            let first = try context.valid(timestamp: String(context.now - 1))
            let retry = try first.changing { $0.timestamp = context.nowText }.resigned(context)
            return [first.prepared(with: context), retry.prepared(with: context)]
        },
        .sequence(.replay, 3, "The same request three times", rule: duplicate, reference: "SPEC §4", severity: .medium, expect: .deliver) { context in
            let first = try context.valid().prepared(with: context)
            return [first, first, first]
        },
        .sequence(.replay, 4, "Same id, a different validly signed body", rule: "Deduplication keys on webhook-id: the second body is not processed; 2xx preferred, 4xx defensible.", reference: "SPEC §4", severity: .medium, expect: .deliverPreferred) { context in
            let first = try context.valid()
            let second = try first.changing { $0.body = EnvelopeText.standard(type: "batch.cancelled", context: context) }.resigned(context)
            return [first.prepared(with: context), second.prepared(with: context)]
        },
        .sequence(.replay, 5, "Same id again with a tampered body and the original signature", rule: "Verification comes before deduplication: a forged copy of a processed id is refused.", reference: "SPEC §3.1, §4", severity: .high, expect: .rejectPreferred) { context in
            let first = try context.valid()
            var forged = first
            forged.body = Array(String(decoding: first.body, as: UTF8.self).replacing("batch.succeeded", with: "batch.cancelled").utf8)
            return [first.prepared(with: context), forged.prepared(with: context)]
        },
    ]
}
