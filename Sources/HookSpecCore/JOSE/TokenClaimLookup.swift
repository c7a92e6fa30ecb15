/// A claims set as the claim rules read it: parsed (`JSONObject`) or in place (`TokenClaimsScan`).
package protocol TokenClaimLookup {
    /// The value of claim `name`, as the strict parser reads it; nil when absent.
    func claim(_ name: String) -> JSONValue?
    /// Claim `name` when it is a number written as an integer that fits (`JSONValue.int64Value`).
    func integerClaim(_ name: String) -> Int64?
    /// `body` over the UTF-8 of claim `name` if it is a string; nil when it is absent or not one.
    func withStringClaim<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R?
}

extension JSONObject: TokenClaimLookup {
    package func claim(_ name: String) -> JSONValue? { self[name] }

    package func integerClaim(_ name: String) -> Int64? { self[name]?.int64Value }

    package func withStringClaim<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard case .string(let text)? = self[name] else { return nil }
        return text.withContiguousUTF8(body)
    }
}
