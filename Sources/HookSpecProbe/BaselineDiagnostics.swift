import HookSpecCore

/// One wrong way to sign, sent when the baseline is refused (SPEC §9.6).
public struct DiagnosticAttempt: Sendable {
    /// Short name (`secret-text-with-prefix`).
    public let name: String
    /// The receiver's mistake if this variant is accepted, phrased as advice.
    public let mistake: String
    /// What came back.
    public let answer: ProbeAnswer
    /// Whether the variant was accepted (2xx).
    public var accepted: Bool {
        if case .response(let response) = answer { return (200...299).contains(response.status) }
        return false
    }
}

/// The result of the §9.6 diagnostics.
public struct BaselineDiagnosis: Sendable {
    /// Every variant tried, in order.
    public let attempts: [DiagnosticAttempt]
    /// One paragraph naming the receiver's mistake, or saying none was found.
    public let conclusion: String
}

/// Signs the baseline delivery the wrong ways receivers verify, and reports which one is accepted (SPEC §9.6).
struct BaselineDiagnostics: Sendable {
    let transport: any ProbeTransport
    let keys: HMACRunKeys
    let clock: @Sendable () -> Int64
    let runToken: String

    private struct Variant {
        let name: String
        let mistake: String
        let draft: (CaseContext) throws -> DeliveryDraft
    }

    private static func signed(_ context: CaseContext, key: [UInt8], content: [UInt8]) -> String {
        "v1," + Base64Codec.encode(DeliveryCraft.hmac(key: key, message: content))
    }

    private var variants: [Variant] {
        let secretText = keys.secret.exportedText()
        let withPrefix = Array(secretText.utf8)
        let withoutPrefix = Array(secretText.dropFirst(WebhookSecret.prefix.count).utf8)
        return [
            Variant(name: "secret-text-with-prefix", mistake: "it uses the whole secret text (`whsec_…`) as the HMAC key; the key is the base64 decoding of the part after `whsec_` (SPEC §3.1)") { context in
                let draft = try context.valid()
                return draft.changing { $0.signature = Self.signed(context, key: withPrefix, content: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body)) }
            },
            Variant(name: "secret-text-without-prefix", mistake: "it strips `whsec_` but uses the base64 text itself as the HMAC key; decode it first (SPEC §3.1)") { context in
                let draft = try context.valid()
                return draft.changing { $0.signature = Self.signed(context, key: withoutPrefix, content: StandardWebhookSigner.signedContent(id: draft.id, timestamp: draft.timestamp, body: draft.body)) }
            },
            Variant(name: "body-only", mistake: "it computes the HMAC over the body alone; the signed content is `id.timestamp.body` (SPEC §3.1)") { context in
                let draft = try context.valid()
                return try draft.changing { $0.signature = "v1," + Base64Codec.encode(DeliveryCraft.hmac(secret: try context.secret, message: draft.body)) }
            },
            Variant(name: "reserialised-json-compact", mistake: "it verifies re-serialised JSON (compact, as `JSON.stringify(JSON.parse(body))`) instead of the raw body bytes (SPEC §3.1)") { context in
                let event = EnvelopeText.event("batch.succeeded", idSuffix: context.caseSlug)
                let compact = Array(EnvelopeText.compact(event, eventTime: context.eventTime).utf8)
                let pretty = Array(EnvelopeText.pretty(event, eventTime: context.eventTime).utf8)
                let draft = try context.valid(body: compact)
                return draft.changing { $0.body = pretty }
            },
            Variant(name: "reserialised-json-python", mistake: "it verifies re-serialised JSON (Python `json.dumps` with its default `, ` and `: ` separators) instead of the raw body bytes (SPEC §3.1)") { context in
                let event = EnvelopeText.event("batch.succeeded", idSuffix: context.caseSlug)
                let compact = EnvelopeText.compact(event, eventTime: context.eventTime)
                let python = Self.pythonDumps(compact)
                let draft = try context.valid(body: Array(python.utf8))
                return draft.changing { $0.body = Array(compact.utf8) }
            },
            Variant(name: "hex-signature", mistake: "it expects the MAC in hex; `v1` signatures are base64 (SPEC §3.1)") { context in
                let draft = try context.valid()
                return try draft.changing { $0.signature = "v1," + DeliveryCraft.hex(try context.mac(id: draft.id, timestamp: draft.timestamp, body: draft.body)) }
            },
            Variant(name: "bare-signature", mistake: "it expects the bare base64 MAC without the `v1,` version label; the header is a list of `version,base64` entries (SPEC §3.1)") { context in
                let draft = try context.valid()
                return try draft.changing { $0.signature = try draft.validMACBase64(context) }
            },
            Variant(name: "comma-separators", mistake: "it joins id, timestamp and body with `,`; the separator is `.` (SPEC §3.1)") { context in
                let draft = try context.valid()
                let content = Array("\(draft.id),\(draft.timestamp),".utf8) + draft.body
                return try draft.changing { $0.signature = "v1," + Base64Codec.encode(DeliveryCraft.hmac(secret: try context.secret, message: content)) }
            },
            Variant(name: "milliseconds-header", mistake: "it expects webhook-timestamp in milliseconds; it is Unix seconds (SPEC §4)") { context in
                try context.valid(timestamp: String(context.now * 1_000))
            },
            Variant(name: "milliseconds-signed", mistake: "it signs or checks the timestamp in milliseconds; the signed text is the header's seconds (SPEC §3.1, §4)") { context in
                let draft = try context.valid()
                let content = StandardWebhookSigner.signedContent(id: draft.id, timestamp: String(context.now * 1_000), body: draft.body)
                return try draft.changing { $0.signature = "v1," + Base64Codec.encode(DeliveryCraft.hmac(secret: try context.secret, message: content)) }
            },
        ]
    }

    /// Sends every variant once (fresh ids) and names the mistakes whose variant was accepted.
    func run(baselineAnswer: ProbeAnswer?) async -> BaselineDiagnosis {
        var attempts: [DiagnosticAttempt] = []
        for variant in variants {
            let context = CaseContext(keys: .v1(keys), now: clock(), runToken: runToken, caseID: "diagnostics/" + variant.name)
            let request: ProbeRequest
            do {
                request = try variant.draft(context).request
            } catch {
                preconditionFailure("a v1 diagnostic signs with the run's v1 keys: \(error)")
            }
            let answer = await transport.send(request)
            attempts.append(DiagnosticAttempt(name: variant.name, mistake: variant.mistake, answer: answer))
        }
        let accepted = attempts.filter(\.accepted)
        let conclusion: String
        if !accepted.isEmpty {
            conclusion = "The receiver refuses correctly signed deliveries but accepts ones signed the wrong way: "
                + accepted.map { "\($0.mistake) [\($0.name)]" }.joined(separator: "; ") + "."
        } else {
            var answered = "no answer"
            if case .response(let response)? = baselineAnswer { answered = "\(response.status)" }
            conclusion = "None of the \(attempts.count) known signing mistakes (SPEC §9.6) is accepted either; the baseline was answered \(answered). "
                + "Check the URL and path, that the receiver holds this secret, and its clock (±300 s)."
        }
        return BaselineDiagnosis(attempts: attempts, conclusion: conclusion)
    }

    /// Python's `json.dumps` default layout for our compact envelopes: `, ` and `: ` outside strings.
    static func pythonDumps(_ compact: String) -> String {
        var out = ""
        var inString = false, escaped = false
        for character in compact {
            out.append(character)
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "," || character == ":" {
                out.append(" ")
            }
        }
        return out
    }
}
