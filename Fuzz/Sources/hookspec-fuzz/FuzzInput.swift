import HookSpecCore

/// Ways the targets read one libFuzzer input.
enum FuzzInput {
    /// The input as text, invalid UTF-8 repaired as every Swift `String` from the wire is.
    static func text(_ input: UnsafeRawBufferPointer) -> String {
        String(decoding: input, as: UTF8.self)
    }

    /// The input cut at the first `count - 1` newlines into `count` fields (missing fields are
    /// empty), so one flat byte string can carry several inputs of a structured target.
    static func fields(_ input: UnsafeRawBufferPointer, count: Int) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        var rest = input[...]
        while fields.count < count - 1, let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            fields.append(Array(rest[..<newline]))
            rest = rest[(newline + 1)...]
        }
        fields.append(Array(rest))
        while fields.count < count { fields.append([]) }
        return fields
    }

    /// The three Standard Webhooks headers of one delivery.
    static func delivery(id: String, timestamp: String, signature: String) -> HeaderFields {
        HeaderFields([(WebhookHeader.id, id), (WebhookHeader.timestamp, timestamp), (WebhookHeader.signature, signature)])
    }
}

extension FuzzCheck {
    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s. Byte-wise on purpose: Foundation's
    /// `contains` stops at a NUL, which inputs are full of.
    static func containsBytes(_ haystack: String, _ needle: String) -> Bool {
        let bytes = Array(haystack.utf8), wanted = Array(needle.utf8)
        guard wanted.count <= bytes.count else { return false }
        return (0...(bytes.count - wanted.count)).contains { bytes[$0..<($0 + wanted.count)].elementsEqual(wanted) }
    }

    /// A rejection always names its stable code, first, in its message.
    static func coded(_ rejection: Rejection, _ context: @autoclosure () -> String) {
        require(RejectionCode.allCases.contains(rejection.code), "\(context()): rejection without a known code")
        require(rejection.description.hasPrefix(rejection.code.rawValue + ":"),
                "\(context()): rejection text does not start with its code: \(rejection.description.debugDescription)")
    }
}
