import HookSpecCore

/// The members the delivery vector format and the recorded envelope format share (see
/// `vectors/README.md`): `headers` as `[name, value]` pairs in order, and `body` as an object
/// holding exactly one of `text` (UTF-8) or `base64` (strict base64). One reader, so the two
/// formats cannot drift apart; each caller words the problems in its own error type.
enum DeliveryFields {
    /// What is wrong with a shared member.
    enum Problem: Error, Sendable, Hashable {
        /// `headers[index]` is not a pair of strings.
        case headerNotPair(index: Int)
        /// `body` has a member other than `text` and `base64`.
        case bodyMemberUnknown(String)
        /// `body` has neither or both of `text` and `base64`.
        case bodyNotExactlyOne
        /// `body.<member>` is not a string; `found` is the JSON type it has.
        case bodyMemberNotString(String, found: String)
        /// The body would be larger than the caller allows, in bytes.
        case bodyTooLarge(limit: Int)
        /// `body.base64` is not strict, canonical base64.
        case bodyNotBase64
    }

    /// The header fields of a `headers` array, in order, names as written.
    static func headers(_ items: [JSONValue]) throws(Problem) -> HeaderFields {
        var headers = HeaderFields()
        for (index, item) in items.enumerated() {
            guard let pair = item.arrayValue, pair.count == 2, let name = pair[0].stringValue, let value = pair[1].stringValue else {
                throw .headerNotPair(index: index)
            }
            headers.append(name: name, value: value)
        }
        return headers
    }

    /// The raw bytes of a `body` object, refused (before decoding) when over `maximumBodyBytes`.
    static func body(_ object: JSONObject, maximumBodyBytes: Int) throws(Problem) -> [UInt8] {
        for name in object.names where name != "text" && name != "base64" {
            throw .bodyMemberUnknown(name)
        }
        func string(_ name: String, maximumLength: Int) throws(Problem) -> String {
            guard let value = object[name], let text = value.stringValue else {
                throw .bodyMemberNotString(name, found: object[name]?.typeName ?? "nothing")
            }
            guard text.utf8.count <= maximumLength else { throw .bodyTooLarge(limit: maximumBodyBytes) }
            return text
        }
        switch (object["text"], object["base64"]) {
        case (.some, nil):
            return Array(try string("text", maximumLength: maximumBodyBytes).utf8)
        case (nil, .some):
            // Base64 of n bytes is 4 * ceil(n / 3) characters (saturating, so no limit can trap).
            let (base64Limit, overflow) = (maximumBodyBytes / 3 + (maximumBodyBytes % 3 == 0 ? 0 : 1)).multipliedReportingOverflow(by: 4)
            guard case .success(let bytes) = Base64Codec.decode(try string("base64", maximumLength: overflow ? .max : base64Limit), mode: .strict) else {
                throw .bodyNotBase64
            }
            return bytes
        default:
            throw .bodyNotExactlyOne
        }
    }
}
