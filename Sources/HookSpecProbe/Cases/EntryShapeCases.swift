import HookSpecCore

/// Signature-list entries of every malformed shape from one generator (SPEC §9.4): each shape, for
/// each label, alone and before and after the valid entry. A bare label crashed two official
/// libraries with a 500, which hand-picked `v1<base64>` entries never showed.
///
/// Numbers are stored in the three enums, so a case keeps its ID: rot/17 to rot/100; a new
/// shape or label takes numbers after 100.
enum EntryShapeCases {
    /// The label an entry carries.
    enum Label: Int, Sendable, CaseIterable {
        case v1 = 0, v1a = 1, v2 = 2, upperV1 = 3

        var text: String {
            switch self {
            case .v1: "v1"
            case .v1a: "v1a"
            case .v2: "v2"
            case .upperV1: "V1"
            }
        }

        /// Payload bytes of an entry of this label (Ed25519 signatures are 64 bytes, MACs 32).
        var payloadBytes: Int { self == .v1a ? 64 : 32 }
    }

    /// A malformed way to write one entry.
    enum Shape: Int, Sendable, CaseIterable {
        case bareLabel = 0, labelComma, commaPayload, trailingComma, trailingLabel, spaceAfterComma, trailingTab

        func entry(_ label: String, _ payload: String) -> String {
            switch self {
            case .bareLabel: label
            case .labelComma: label + ","
            case .commaPayload: "," + payload
            case .trailingComma: label + "," + payload + ","
            case .trailingLabel: label + "," + payload + "," + label
            case .spaceAfterComma: label + ", " + payload
            case .trailingTab: label + "," + payload + "\t"
            }
        }

        var name: String {
            switch self {
            case .bareLabel: "a bare label (`L`)"
            case .labelComma: "a label and a comma (`L,`)"
            case .commaPayload: "a payload without a label (`,sig`)"
            case .trailingComma: "a trailing comma (`L,sig,`)"
            case .trailingLabel: "a trailing label (`L,sig,L`)"
            case .spaceAfterComma: "a space after the comma (`L, sig`)"
            case .trailingTab: "a trailing tab (`L,sig<TAB>`)"
            }
        }
    }

    /// Where the malformed entry stands.
    enum Position: Int, Sendable, CaseIterable {
        case alone = 0, beforeValid, afterValid

        var name: String {
            switch self {
            case .alone: "alone"
            case .beforeValid: "before the valid entry"
            case .afterValid: "after the valid entry"
            }
        }
    }

    static func number(_ label: Label, _ shape: Shape, _ position: Position) -> Int {
        17 + label.rawValue * Shape.allCases.count * Position.allCases.count + shape.rawValue * Position.allCases.count + position.rawValue
    }

    static func header(_ malformed: String, valid: String, _ position: Position) -> String {
        switch position {
        case .alone: malformed
        case .beforeValid: malformed + " " + valid
        case .afterValid: valid + " " + malformed
        }
    }

    /// The expectation the strict core gives the shape (SPEC §9.2): alone it verifies nothing; beside
    /// the valid entry, a list the core accepts (an unknown version is skipped; trailing whitespace
    /// is not part of a field value) is a valid delivery, any other is refused by strict verifiers
    /// while lenient ones read the valid entry (non-strict).
    static func expectation(_ label: Label, _ shape: Shape, _ position: Position) -> AnswerExpectation {
        guard position != .alone else { return .reject }
        let secret: WebhookSecret
        do { secret = try WebhookSecret(rawBytes: [UInt8](repeating: 0x5A, count: 32)) } catch { preconditionFailure("a 32-byte secret is valid") }
        let (id, timestamp, body): (String, String, [UInt8]) = ("msg_shape", "1800000000", Array("{}".utf8))
        let valid = StandardWebhookSigner.v1Entry(secret: secret, id: id, timestamp: timestamp, body: body)
        let payload = Base64Codec.encode([UInt8](repeating: 0xA5, count: label.payloadBytes))
        let sent = header(shape.entry(label.text, payload), valid: valid, position)
        let received = String(sent.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        let headers = HeaderFields([(WebhookHeader.id, id), (WebhookHeader.timestamp, timestamp), (WebhookHeader.signature, received)])
        guard case .success = StandardWebhookVerifier(secrets: [secret]).verify(headers: headers, body: body, now: 1_800_000_000) else { return .rejectPreferred }
        return .deliver
    }

    static func shapeCase(_ label: Label, _ shape: Shape, _ position: Position) -> ProbeCase {
        let title = "An entry with \(shape.name), label \(label.text), \(position.name)"
        let expectation = expectation(label, shape, position)
        let rule = switch (position, expectation.mode) {
        case (.alone, _): "A list whose only entry is malformed and random verifies nothing: 4xx, never 5xx."
        case (_, .deliver): "The entry is well formed once the field value's trailing whitespace is dropped, or of a version the receiver skips; the valid entry verifies."
        default: "A malformed entry beside the valid one: strict verifiers refuse the list with 4xx, lenient ones skip the entry and accept (non-strict); none answers 5xx."
        }
        return ProbeCase(
            .rot, number(label, shape, position), title, rule: rule, reference: "SPEC §3.1, §6, §9.4",
            severity: position == .alone ? .high : .low, expect: expectation, schemes: .standardWebhooks
        ) { context in
            let payload = Base64Codec.encode(DeliveryCraft.filler(seed: context.freshID(7), count: label.payloadBytes))
            return try context.valid().changing { $0.signature = header(shape.entry(label.text, payload), valid: $0.signature, position) }
        }
    }

    static let all: [ProbeCase] = Label.allCases.flatMap { label in
        Shape.allCases.flatMap { shape in Position.allCases.map { shapeCase(label, shape, $0) } }
    }
}
