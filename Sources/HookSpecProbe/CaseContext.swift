import HookSpecCore

/// What a case needs to build its requests: keys, fresh ids and the probe's clock reading.
///
/// Ids are derived from a per-run token and the case ID, so they are fresh across runs and
/// within a run (SPEC §9.1) without any shared mutable generator.
public struct CaseContext: Sendable {
    /// The secret the receiver trusts.
    public let secret: WebhookSecret
    /// A secret the receiver does not know (wrong-secret and decoy cases).
    public let foreignSecret: WebhookSecret
    /// Unix seconds when the case is built.
    public let now: Int64
    /// Random per run; makes ids fresh across runs.
    public let runToken: String
    /// The case ID with `/` replaced, used in ids.
    public let caseSlug: String

    /// A context for the case `caseID`.
    public init(secret: WebhookSecret, foreignSecret: WebhookSecret, now: Int64, runToken: String, caseID: String) {
        self.secret = secret
        self.foreignSecret = foreignSecret
        self.now = now
        self.runToken = runToken
        self.caseSlug = String(caseID.map { $0 == "/" ? "-" : $0 })
    }

    /// The `n`th fresh `webhook-id` of this case.
    public func freshID(_ n: Int = 0) -> String { "msg_hs\(runToken)_\(caseSlug)_\(n)" }

    /// The current time as canonical header text.
    public var nowText: String { String(now) }

    /// Base64 of the v1 HMAC with `secret` (default: the trusted one).
    public func mac(id: String, timestamp: String, body: [UInt8], secret: WebhookSecret? = nil) -> [UInt8] {
        Array(StandardWebhookSigner.mac(secret: secret ?? self.secret, id: id, timestamp: timestamp, body: body))
    }

    /// `v1,` + base64 of the HMAC.
    public func v1Entry(id: String, timestamp: String, body: [UInt8], secret: WebhookSecret? = nil) -> String {
        "v1," + Base64Codec.encode(mac(id: id, timestamp: timestamp, body: body, secret: secret))
    }

    /// A correctly signed delivery of `body` (default: a `batch.succeeded` envelope) at `timestamp`.
    public func valid(body: [UInt8]? = nil, timestamp: String? = nil, id: String? = nil) -> DeliveryDraft {
        let id = id ?? freshID()
        let timestamp = timestamp ?? nowText
        let body = body ?? EnvelopeText.standard(type: "batch.succeeded", context: self)
        return DeliveryDraft(id: id, timestamp: timestamp, body: body, signature: v1Entry(id: id, timestamp: timestamp, body: body))
    }

    /// The RFC 3339 event time of envelopes built now.
    public var eventTime: String { RFC3339.format(unixSeconds: now) }
}

/// One delivery as a case shapes it: the three values, the body, and how the headers are written.
public struct DeliveryDraft: Sendable {
    /// `webhook-id` value.
    public var id: String
    /// `webhook-timestamp` value, as text (may be non-canonical on purpose).
    public var timestamp: String
    /// Raw body.
    public var body: [UInt8]
    /// `webhook-signature` value.
    public var signature: String
    /// Name of the id header as written on the wire (casing is the case's choice).
    public var idName = "webhook-id"
    /// Name of the timestamp header as written on the wire.
    public var timestampName = "webhook-timestamp"
    /// Name of the signature header as written on the wire.
    public var signatureName = "webhook-signature"
    /// Leaves `webhook-id` out.
    public var omitID = false
    /// Leaves `webhook-timestamp` out.
    public var omitTimestamp = false
    /// Leaves `webhook-signature` out.
    public var omitSignature = false
    /// `Content-Type`, or nil for none.
    public var contentType: String? = "application/json"
    /// Extra fields appended after the webhook headers, bytes as written.
    public var extraHeaders: [(name: [UInt8], value: [UInt8])] = []
    /// HTTP method.
    public var method = "POST"

    /// A draft with every value given.
    public init(id: String, timestamp: String, body: [UInt8], signature: String) {
        self.id = id
        self.timestamp = timestamp
        self.body = body
        self.signature = signature
    }

    /// Writes every header name in `transform`'s casing.
    public mutating func renameHeaders(_ transform: (String) -> String) {
        idName = transform(idName)
        timestampName = transform(timestampName)
        signatureName = transform(signatureName)
    }

    /// Appends a header.
    public mutating func addHeader(_ name: String, _ value: String) {
        extraHeaders.append((Array(name.utf8), Array(value.utf8)))
    }

    /// The request as the transport sends it.
    public var request: ProbeRequest {
        var headers: [(name: [UInt8], value: [UInt8])] = []
        if let contentType { headers.append((Array("content-type".utf8), Array(contentType.utf8))) }
        if !omitID { headers.append((Array(idName.utf8), Array(id.utf8))) }
        if !omitTimestamp { headers.append((Array(timestampName.utf8), Array(timestamp.utf8))) }
        if !omitSignature { headers.append((Array(signatureName.utf8), Array(signature.utf8))) }
        headers.append(contentsOf: extraHeaders)
        return ProbeRequest(method: method, headers: headers, body: body)
    }

    /// The request plus what the grader needs to know about it.
    public func prepared(with context: CaseContext) -> PreparedRequest {
        PreparedRequest(
            request: request, webhookID: omitID ? nil : id,
            expectedMAC: context.mac(id: id, timestamp: timestamp, body: body)
        )
    }
}

/// A request ready to send, with the facts the grader uses on its answer.
public struct PreparedRequest: Sendable {
    /// The bytes to send.
    public let request: ProbeRequest
    /// The `webhook-id` it carries, for replay observation.
    public let webhookID: String?
    /// The HMAC a receiver holding the secret computes for what was sent; it must never
    /// appear in an answer (SPEC §6) and is never printed.
    public let expectedMAC: [UInt8]

    /// A prepared request.
    public init(request: ProbeRequest, webhookID: String?, expectedMAC: [UInt8]) {
        self.request = request
        self.webhookID = webhookID
        self.expectedMAC = expectedMAC
    }
}

/// RFC 3339 UTC formatting without Foundation's locale-dependent formatters.
enum RFC3339 {
    /// `YYYY-MM-DDTHH:MM:SSZ` for `unixSeconds` (proleptic Gregorian, civil-from-days).
    static func format(unixSeconds: Int64) -> String {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        let secondsOfDay = unixSeconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let hour = secondsOfDay / 3_600, minute = (secondsOfDay % 3_600) / 60, second = secondsOfDay % 60
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}
