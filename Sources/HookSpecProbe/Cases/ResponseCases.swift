import HookSpecCore

/// Answer codes, answer time and what error bodies reveal (SPEC §6). Leak checks also run on
/// every other case's answer; these cases provoke the errors most likely to leak.
enum ResponseCases {
    private static let noLeak = "Error bodies never contain the expected signature, the secret or a stack trace."

    static let all: [ProbeCase] = [
        ProbeCase(.resp, 1, "Valid delivery answered 2xx within 2 s (fail past 10 s)", rule: "Answer 2xx within a few seconds and do the work asynchronously.", reference: "SPEC §6; Gemini guide: handling requests", severity: .high, expect: .deliver) { try $0.valid() },
        ProbeCase(.resp, 2, "Wrong signature: the answer must not reveal the expected signature", rule: noLeak, reference: "SPEC §6", severity: .critical, expect: .reject) { context in
            let draft = try context.valid()
            return try draft.changing { $0.signature = try context.foreignSignature(id: draft.id, timestamp: draft.timestamp, body: draft.body) }
        },
        ProbeCase(.resp, 3, "Wrong key encoding (secret text as key): the answer must not echo the secret", rule: noLeak, reference: "SPEC §6", severity: .critical, expect: .reject, schemes: .v1) { context in
            let draft = try context.valid()
            let mac = DeliveryCraft.hmac(key: Array(try context.secret.exportedText().utf8), message: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body))
            return draft.changing { $0.signature = "v1," + DeliveryCraft.hex(mac) }
        },
        ProbeCase(.resp, 4, "`nan` timestamp with a malformed signature list: no stack trace, no 5xx", rule: noLeak + " Bad input is a 4xx.", reference: "SPEC §6", severity: .high, expect: .reject) { context in
            try context.valid().changing { $0.timestamp = "nan"; $0.signature = "v1,a,b  ,x" }
        },
        ProbeCase(.resp, 5, "Non-JSON garbage without webhook headers: no stack trace, no 5xx", rule: noLeak + " Bad input is a 4xx.", reference: "SPEC §6", severity: .high, expect: .reject) { context in
            try context.valid(body: [0x00, 0xFF, 0x7B, 0x22, 0x5C]).changing { $0.omitSignature = true; $0.omitTimestamp = true; $0.contentType = "application/octet-stream" }
        },
        ProbeCase(.resp, 6, "An 8 KiB webhook-signature of decoys: refused with 4xx (431 allowed), not 5xx", rule: "Oversized headers are refused with 400/401/403, or 413/431 for their size; never 2xx, a crash or a hang.", reference: "SPEC §6; RFC 6585 §5", severity: .medium, expect: .rejectAsTooLarge) { context in
            // About 8 KiB of well-formed decoys of the run's scheme (185 v1 entries).
            let count = max(2, 8_880 / (context.decoySignature(seed: 1_000).utf8.count + 1))
            return try context.valid().changing { draft in
                draft.signature = (0..<count).map { context.decoySignature(seed: 1_000 + $0) }.joined(separator: " ")
            }
        },
        ProbeCase(.resp, 7, "GET on the webhook URL", rule: "Deliveries are POSTs; the answer to a GET is observed (405 expected).", reference: "SPEC §6", severity: .info, expect: .observe) { context in
            try context.valid(body: []).changing { $0.method = "GET"; $0.contentType = nil; $0.signature = try context.signature(id: $0.id, timestamp: $0.timestamp, body: []) }
        },
        ProbeCase(.resp, 8, "Valid delivery sent with Accept: text/html", rule: "A valid delivery is answered 2xx whatever the Accept header says.", reference: "SPEC §6", severity: .low, expect: .deliver) { context in
            try context.valid().changing { $0.addHeader("Accept", "text/html") }
        },
    ]
}
