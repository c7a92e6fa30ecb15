import HookSpecCore

/// Every event type of SPEC §5's table, the alias, an unknown type and envelope variants, all validly signed.
enum EnvelopeCases {
    private static let catalogType = "Every catalog event type, validly signed, is accepted with 2xx."
    private static let forward = "Unknown members are allowed everywhere (forward compatibility); the delivery is accepted."

    /// A catalog event case; the event is found by type (and note, for the two `video.generated` variants).
    static func catalogCase(_ number: Int, _ type: String, note: String? = nil) -> ProbeCase {
        @Sendable func event(_ idSuffix: String) -> EnvelopeText.Event {
            let match = EnvelopeText.catalog(idSuffix: idSuffix).first { $0.type == type && (note == nil || $0.note == note) }
            guard let match else { preconditionFailure("\(type) \(note ?? "") is not in EnvelopeText.catalog") }
            return match
        }
        let template = event("x")
        return ProbeCase(.env, number, "Catalog event \(type) (\(template.note))", rule: catalogType, reference: "SPEC §5", severity: number == 1 ? .high : .medium, expect: .deliver) { context in
            try context.valid(body: Array(EnvelopeText.compact(event(context.caseSlug + "_" + context.runToken), eventTime: context.eventTime).utf8))
        }
    }

    static func withEvent(_ transform: @escaping @Sendable (CaseContext, EnvelopeText.Event) -> String) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        { context in
            let event = EnvelopeText.event("batch.succeeded", idSuffix: context.caseSlug + "_" + context.runToken)
            return try context.valid(body: Array(transform(context, event).utf8))
        }
    }

    static let all: [ProbeCase] = [
        catalogCase(1, "batch.succeeded"),
        catalogCase(2, "batch.cancelled"),
        catalogCase(3, "batch.expired"),
        catalogCase(4, "batch.failed"),
        catalogCase(5, "interaction.requires_action"),
        catalogCase(6, "interaction.completed"),
        catalogCase(7, "interaction.failed"),
        catalogCase(8, "interaction.cancelled"),
        catalogCase(9, "video.generated", note: "guide members"),
        catalogCase(10, "video.generated", note: "launch-text members"),
        catalogCase(11, "batch.completed"),
        ProbeCase(.env, 12, "Unknown event type (batch.paused)", rule: "An unknown type is valid JSON the catalog cannot check; 2xx preferred (a 4xx makes the sender retry), never 5xx.", reference: "SPEC §5, §6", severity: .low, expect: .deliverPreferred) { context in
            let event = EnvelopeText.Event(type: "batch.paused", data: [.init("id", EnvelopeText.quoted("job_" + context.caseSlug))], note: "unknown")
            return try context.valid(body: Array(EnvelopeText.compact(event, eventTime: context.eventTime).utf8))
        },
        ProbeCase(.env, 13, "user_metadata at the top level (dynamic-webhook style)", rule: forward, reference: "SPEC §5", severity: .medium, expect: .deliver, draft: withEvent { context, event in
            EnvelopeText.compact(event, eventTime: context.eventTime, extraTop: [.init("user_metadata", "{\"job_group\":\"nightly-eval\",\"priority\":\"high\"}")])
        }),
        ProbeCase(.env, 14, "user_metadata under data", rule: forward, reference: "SPEC §5", severity: .medium, expect: .deliver, draft: withEvent { context, event in
            EnvelopeText.compact(event, eventTime: context.eventTime, extraData: [.init("user_metadata", "{\"job_group\":\"nightly-eval\"}")])
        }),
        ProbeCase(.env, 15, "Unknown members at every level", rule: forward, reference: "SPEC §5", severity: .medium, expect: .deliver, draft: withEvent { context, event in
            EnvelopeText.compact(event, eventTime: context.eventTime, extraTop: [.init("attempt", "1"), .init("links", "{\"self\":null}")], extraData: [.init("state", "\"JOB_STATE_SUCCEEDED\"")])
        }),
        ProbeCase(.env, 16, "Launch-era data.error_count on a batch event", rule: forward, reference: "SPEC §2, §5", severity: .low, expect: .deliver, draft: withEvent { context, event in
            EnvelopeText.compact(event, eventTime: context.eventTime, extraData: [.init("error_count", "0")])
        }),
        ProbeCase(.env, 17, "Envelope version v2", rule: "Only v1 envelopes are documented; how another version is answered is observed.", reference: "SPEC §5", severity: .info, expect: .observe, draft: withEvent { context, event in
            EnvelopeText.compact(event, eventTime: context.eventTime).replacing("\"version\":\"v1\"", with: "\"version\":\"v2\"")
        }),
        ProbeCase(.env, 18, "data without its required id", rule: "data.id is required; how a signed envelope without it is answered is observed (never 5xx is graded elsewhere).", reference: "SPEC §5", severity: .info, expect: .observe) { context in
            let event = EnvelopeText.Event(type: "batch.succeeded", data: [.init("output_file_uri", "\"gs://hookspec-probe/x.jsonl\"")], note: "no id")
            return try context.valid(body: Array(EnvelopeText.compact(event, eventTime: context.eventTime).utf8))
        },
        ProbeCase(.env, 19, "Envelope without a type member", rule: "A signed envelope without type is observed; a crash on it is a finding of resp/.", reference: "SPEC §5", severity: .info, expect: .observe, draft: withEvent { context, event in
            EnvelopeText.compact(event, eventTime: context.eventTime).replacing("\"type\":\"batch.succeeded\",", with: "")
        }),
        ProbeCase(.env, 20, "data is null", rule: "A signed envelope with a null data member is observed; a 5xx on it would be a crash.", reference: "SPEC §5, §6", severity: .info, expect: .observe, draft: withEvent { context, event in
            "{\"type\":\"batch.succeeded\",\"version\":\"v1\",\"timestamp\":\(EnvelopeText.quoted(context.eventTime)),\"data\":null}"
        }),
    ]
}
