/// Writes the JSON that hookspec's own tokens carry: compact, members in the given order.
///
/// Output is deterministic so that generated tokens (and the hostile-token vectors) are
/// byte-for-byte reproducible from the same keys and claims.
public enum JOSEJSON {
    /// Builds an object from members whose names the caller fixed in code.
    public static func object(_ members: [(name: String, value: JSONValue)]) -> JSONObject {
        do {
            return try JSONObject(members: members)
        } catch {
            // Only reachable through a programming error: every caller passes literal, distinct names.
            preconditionFailure("JOSEJSON.object called with a repeated member name")
        }
    }

    /// Serialises `value` compactly with the core's one encoder (`JSONValue.compactEncoded()`).
    public static func encode(_ value: JSONValue) -> [UInt8] {
        value.compactEncoded()
    }

    /// Serialises an object.
    public static func encode(_ object: JSONObject) -> [UInt8] {
        JSONValue.object(object).compactEncoded()
    }
}
