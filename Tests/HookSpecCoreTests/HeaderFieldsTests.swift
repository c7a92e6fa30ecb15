import HookSpecCore
import Testing

/// HeaderFields: ordered, duplicates kept, names compared case-insensitively in ASCII (RFC 9110 §5.1).
@Suite("HeaderFields")
struct HeaderFieldsTests {
    @Test("Lookup ignores ASCII case only")
    func caseInsensitive() {
        let headers: HeaderFields = ["Webhook-ID": "a", "WEBHOOK-TIMESTAMP": "1"]
        #expect(headers.singleValue(for: "webhook-id") == .success("a"))
        #expect(headers.singleValue(for: "webhook-timestamp") == .success("1"))
        #expect(headers.singleValue(for: "webhook-signature") == .success(nil))
        // U+0130 (İ) lowercases to "i̇" in Unicode; it must not match "i".
        let unicode: HeaderFields = ["webhook-\u{130}d": "x", "webhook-\u{131}d": "y"]
        #expect(unicode.singleValue(for: "webhook-id") == .success(nil))
        // Names of different length never match, even if one is a prefix.
        let prefix: HeaderFields = ["webhook-idx": "x", "webhook-i": "y"]
        #expect(prefix.singleValue(for: "webhook-id") == .success(nil))
    }

    @Test("Repeated fields: all values in order, and singleValue reports the duplicate")
    func duplicates() {
        var headers = HeaderFields()
        headers.append(name: "Webhook-Id", value: "one")
        headers.append(name: "content-type", value: "application/json")
        headers.append(name: "webhook-id", value: "two")
        #expect(headers.values(for: "WEBHOOK-ID") == ["one", "two"])
        #expect(headers.singleValue(for: "webhook-id") == .failure(.headerDuplicate("webhook-id")))
        #expect(Array(headers).map(\.name) == ["Webhook-Id", "content-type", "webhook-id"])
    }

    @Test("Equality and hashing follow order and exact spelling")
    func equality() {
        let a: HeaderFields = ["x": "1", "y": "2"]
        let b: HeaderFields = ["y": "2", "x": "1"]
        let c: HeaderFields = ["X": "1", "y": "2"]
        #expect(a != b)
        #expect(a != c)
        #expect(a == HeaderFields([(name: "x", value: "1"), (name: "y", value: "2")]))
        #expect(Set([a, a, b]).count == 2)
    }
}
