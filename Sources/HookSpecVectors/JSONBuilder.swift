import HookSpecCore

/// Builds JSON values in code; member names come from the caller, so duplicates are a typed error.
enum JSONBuilder {
    static func object(_ members: [(String, JSONValue)]) throws(StrictJSONError) -> JSONValue {
        .object(try JSONObject(members: members.map { (name: $0.0, value: $0.1) }))
    }

    static func strings(_ texts: [String]) -> JSONValue {
        .array(texts.map(JSONValue.string))
    }
}
