import HookSpecCore

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
        PreparedRequest(request: request, webhookID: omitID ? nil : id, confidential: context.confidentialValues(id: id, timestamp: timestamp, body: body))
    }
}

