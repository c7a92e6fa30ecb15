import HookSpecCore

/// The raw body: tampering after signing, valid JSON written unusually (which catches receivers
/// that verify re-serialised JSON), odd bytes and large bodies (SPEC §3.1, §6, §9.4).
enum BodyCases {
    private static let rawBytes = "The signature covers the raw body bytes; any change to them breaks it."
    private static let notReserialised = "Verification uses the raw body as received, never re-serialised JSON; this valid delivery is accepted."
    private static let oddButSigned = "A validly signed body that is not a usable envelope is refused with 4xx or accepted; never 5xx."

    static func event(_ context: CaseContext, _ type: String = "batch.succeeded") -> EnvelopeText.Event {
        EnvelopeText.event(type, idSuffix: context.caseSlug + "_" + context.runToken)
    }

    static func compact(_ context: CaseContext, extraTop: [EnvelopeText.DataMember] = [], extraData: [EnvelopeText.DataMember] = []) -> String {
        EnvelopeText.compact(event(context), eventTime: context.eventTime, extraTop: extraTop, extraData: extraData)
    }

    static func signed(_ text: String) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        { try $0.valid(body: Array(text.utf8)) }
    }

    static func member(_ name: String, _ json: String) -> EnvelopeText.DataMember { .init(name, json) }

    /// Tampering after signing (body/1 to body/5) tests the Standard Webhooks signature; under `jwt`
    /// the same flaw is body binding, which jwt/41 and jwt/42 grade once instead of five times.
    static let all: [ProbeCase] = [
        ProbeCase(.body, 1, "Event type changed after signing (batch.succeeded → batch.cancelled)", rule: rawBytes, reference: "SPEC §3.1", severity: .critical, expect: .reject, schemes: .standardWebhooks) { context in
            let draft = try context.valid()
            return draft.changing { $0.body = Array(String(decoding: draft.body, as: UTF8.self).replacing("batch.succeeded", with: "batch.cancelled").utf8) }
        },
        ProbeCase(.body, 2, "A newline appended after signing", rule: rawBytes + " (a receiver that re-serialises or trims accepts this).", reference: "SPEC §3.1", severity: .critical, expect: .reject, schemes: .standardWebhooks) { context in
            try context.valid().changing { $0.body.append(0x0A) }
        },
        ProbeCase(.body, 3, "Last byte removed after signing", rule: rawBytes, reference: "SPEC §3.1", severity: .critical, expect: .reject, schemes: .standardWebhooks) { context in
            try context.valid().changing { $0.body.removeLast() }
        },
        ProbeCase(.body, 4, "Signed over compact JSON, sent pretty-printed (same JSON value)", rule: rawBytes + " A receiver that re-serialises before verifying accepts this forgery.", reference: "SPEC §3.1; \(Reference.guidePractices)", severity: .critical, expect: .reject, schemes: .standardWebhooks) { context in
            try context.valid().changing { $0.body = Array(EnvelopeText.pretty(event(context), eventTime: context.eventTime).utf8) }
        },
        ProbeCase(.body, 5, "A member inserted after signing (`\"admin\":true`)", rule: rawBytes, reference: "SPEC §3.1", severity: .critical, expect: .reject, schemes: .standardWebhooks) { context in
            let draft = try context.valid()
            return draft.changing { $0.body = Array("{\"admin\":true,".utf8) + draft.body.dropFirst() }
        },
        ProbeCase(.body, 6, "Pretty-printed JSON with a final newline, signed as sent", rule: notReserialised, reference: "SPEC §3.1", severity: .high, expect: .deliver) { context in
            try context.valid(body: Array(EnvelopeText.pretty(event(context), eventTime: context.eventTime).utf8))
        },
        ProbeCase(.body, 7, "Members in reverse order (data, timestamp, version, type)", rule: notReserialised, reference: "SPEC §3.1, §5", severity: .high, expect: .deliver) { context in
            let e = event(context)
            let data = e.data.map { "\(EnvelopeText.quoted($0.name)):\($0.json)" }.joined(separator: ",")
            let text = "{\"data\":{\(data)},\"timestamp\":\(EnvelopeText.quoted(context.eventTime)),\"version\":\"v1\",\"type\":\(EnvelopeText.quoted(e.type))}"
            return try context.valid(body: Array(text.utf8))
        },
        ProbeCase(.body, 8, "\\u escapes for plain letters in strings (\\u0062atch.succeeded)", rule: notReserialised, reference: "SPEC §3.1; RFC 8259 §7", severity: .high, expect: .deliver) { context in
            let text = compact(context).replacing("\"batch.succeeded\"", with: "\"\\u0062atch.succeeded\"").replacing("\"job_", with: "\"\\u006Aob_")
            return try context.valid(body: Array(text.utf8))
        },
        ProbeCase(.body, 9, "Compact JSON with a trailing newline", rule: notReserialised, reference: "SPEC §3.1", severity: .medium, expect: .deliver) { context in
            try context.valid(body: Array((compact(context) + "\n").utf8))
        },
        ProbeCase(.body, 10, "Non-ASCII UTF-8 in strings (é, 日本, emoji), unescaped", rule: notReserialised, reference: "SPEC §3.1; RFC 8259 §8.1", severity: .high, expect: .deliver) { context in
            try context.valid(body: Array(compact(context, extraData: [member("display_name", "\"Vidéo 日本 🎬\"")]).utf8))
        },
        ProbeCase(.body, 11, "Escaped slashes in the output URI (gs:\\/\\/…)", rule: notReserialised, reference: "SPEC §3.1; RFC 8259 §7", severity: .medium, expect: .deliver) { context in
            try context.valid(body: Array(compact(context).replacing("gs://hookspec-probe/", with: "gs:\\/\\/hookspec-probe\\/").utf8))
        },
        ProbeCase(.body, 12, "Numbers written unusually (1.0, 1e2, -0, a 20-digit integer) in an unknown member", rule: notReserialised, reference: "SPEC §3.1, §5", severity: .medium, expect: .deliver) { context in
            try context.valid(body: Array(compact(context, extraTop: [member("metrics", "{\"ratio\":1.0,\"scaled\":1e2,\"zero\":-0,\"big\":12345678901234567890}")]).utf8))
        },
        ProbeCase(.body, 13, "CRLF line breaks and tabs between tokens", rule: notReserialised, reference: "SPEC §3.1; RFC 8259 §2", severity: .low, expect: .deliver) { context in
            let text = compact(context).replacing("\",\"", with: "\" ,\r\n\t\"").replacing("\":", with: "\" :\t")
            return try context.valid(body: Array(text.utf8))
        },
        ProbeCase(.body, 14, "An escaped NUL (\\u0000) inside a string", rule: notReserialised, reference: "SPEC §3.1; RFC 8259 §7", severity: .low, expect: .deliver) { context in
            try context.valid(body: Array(compact(context, extraData: [member("note", "\"a\\u0000b\"")]).utf8))
        },
        ProbeCase(.body, 15, "Empty body, validly signed", rule: oddButSigned, reference: "SPEC §5, §6", severity: .medium, expect: .rejectPreferred, draft: signed("")),
        ProbeCase(.body, 16, "Invalid UTF-8 bytes (FF FE) inside a string, validly signed", rule: oddButSigned, reference: "SPEC §5, §6; RFC 8259 §8.1", severity: .medium, expect: .rejectPreferred) { context in
            let text = compact(context, extraData: [member("note", "\"@@\"")])
            let bytes = Array(text.utf8)
            // Replace the two `@` placeholders by bytes no UTF-8 decoder accepts.
            return try context.valid(body: bytes.map { $0 == UInt8(ascii: "@") ? 0xFF : $0 })
        },
        ProbeCase(.body, 17, "Truncated JSON, validly signed", rule: oddButSigned, reference: "SPEC §5, §6", severity: .medium, expect: .rejectPreferred) { context in
            let text = compact(context)
            return try context.valid(body: Array(text.utf8.prefix(text.utf8.count / 2)))
        },
        ProbeCase(.body, 18, "A JSON array instead of an object, validly signed", rule: oddButSigned, reference: "SPEC §5, §6", severity: .medium, expect: .rejectPreferred) { context in
            try context.valid(body: Array(("[" + compact(context) + "]").utf8))
        },
        ProbeCase(.body, 19, "Duplicate member names (`type` twice), validly signed", rule: oddButSigned + " Parsers disagree on which value wins.", reference: "SPEC §5; RFC 8259 §4", severity: .low, expect: .rejectPreferred) { context in
            try context.valid(body: Array(compact(context).replacing("{\"type\":", with: "{\"type\":\"batch.failed\",\"type\":").utf8))
        },
        ProbeCase(.body, 20, "UTF-8 byte order mark before the JSON, validly signed", rule: oddButSigned, reference: "SPEC §5; RFC 8259 §8.1", severity: .low, expect: .rejectPreferred) { context in
            try context.valid(body: [0xEF, 0xBB, 0xBF] + Array(compact(context).utf8))
        },
        ProbeCase(.body, 21, "Unknown member nested 5000 arrays deep, validly signed", rule: oddButSigned + " Deep nesting must not crash the parser; a depth-bounded parser refusing it is preferred.", reference: "SPEC §5, §6", severity: .medium, expect: .tolerate(preferring: .clientError, alsoAccepting: [.success])) { context in
            let nested = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
            return try context.valid(body: Array(compact(context, extraTop: [member("nested", nested)]).utf8))
        },
        ProbeCase(.body, 22, "A lone surrogate escape (\\ud800) in a string, validly signed", rule: oddButSigned, reference: "SPEC §5; RFC 8259 §8.2", severity: .low, expect: .rejectPreferred) { context in
            try context.valid(body: Array(compact(context, extraData: [member("note", "\"\\ud800\"")]).utf8))
        },
        ProbeCase(.body, 23, "1 MiB envelope (padding in an unknown member), validly signed", rule: "A large valid delivery is accepted or refused as too large (413/4xx); never 5xx or a hang.", reference: "SPEC §6, §9.8", severity: .low, expect: .tolerate(preferring: .success, alsoAccepting: [.payloadTooLarge, .clientError]), largeBody: true) { context in
            try context.valid(body: Array(compact(context, extraTop: [member("padding", "\"" + String(repeating: "x", count: 1 << 20) + "\"")]).utf8))
        },
        ProbeCase(.body, 24, "16 MiB envelope, validly signed", rule: "A very large delivery is refused as too large (413/4xx) or accepted; never 5xx or a hang.", reference: "SPEC §6, §9.8", severity: .medium, expect: .tolerate(preferring: .payloadTooLarge, alsoAccepting: [.clientError, .success]), largeBody: true) { context in
            try context.valid(body: Array(compact(context, extraTop: [member("padding", "\"" + String(repeating: "x", count: 16 << 20) + "\"")]).utf8))
        },
    ]
}
