/// Envelope bodies of SPEC §5, written as JSON text by hand so that every byte is the case's choice.
///
/// The catalog module (`vectors/catalog/`) is the authority on event schemas; the probe only needs
/// one well-formed example per type, taken from SPEC §5's table, and must not depend on it.
public enum EnvelopeText {
    /// One catalog event type and a `data` object that carries its required members.
    public struct Event: Sendable, Hashable {
        /// The `type` value.
        public let type: String
        /// `data` members as (name, JSON text of the value), in writing order.
        public let data: [DataMember]
        /// Where the variant comes from (SPEC §5 "sources").
        public let note: String
    }

    /// One `data` member: its name and the JSON text of its value.
    public struct DataMember: Sendable, Hashable {
        /// Member name.
        public let name: String
        /// The value as JSON text, written as is.
        public let json: String
        init(_ name: String, _ json: String) {
            self.name = name
            self.json = json
        }
    }

    /// Every row of SPEC §5's table; `video.generated` twice (guide and launch-text members).
    public static func catalog(idSuffix: String) -> [Event] {
        let id = quoted("job_" + idSuffix)
        let uri = quoted("gs://hookspec-probe/results-\(idSuffix).jsonl")
        let code = DataMember("error_code", "3")
        let message = DataMember("error_message", quoted("Invalid input file"))
        return [
            Event(type: "batch.succeeded", data: [.init("id", id), .init("output_file_uri", uri)], note: "guide, SDK"),
            Event(type: "batch.cancelled", data: [.init("id", id)], note: "guide only"),
            Event(type: "batch.expired", data: [.init("id", id)], note: "guide (24 h), SDK (48 h)"),
            Event(type: "batch.failed", data: [.init("id", id), code, message], note: "guide, SDK"),
            Event(type: "interaction.requires_action", data: [.init("id", id)], note: "guide, SDK"),
            Event(type: "interaction.completed", data: [.init("id", id)], note: "guide, SDK"),
            Event(type: "interaction.failed", data: [.init("id", id), code, message], note: "guide, SDK"),
            Event(type: "interaction.cancelled", data: [.init("id", id)], note: "guide only"),
            Event(
                type: "video.generated",
                data: [.init("id", id), .init("output_file_uri", quoted("gs://hookspec-probe/video-\(idSuffix).mp4")), .init("file_name", quoted("files/video-\(idSuffix)"))],
                note: "guide members"
            ),
            Event(
                type: "video.generated",
                data: [.init("id", id), .init("file_id", quoted("files/video-\(idSuffix)")), .init("video_uri", quoted("gs://hookspec-probe/video-\(idSuffix).mp4"))],
                note: "launch-text members"
            ),
            Event(type: "batch.completed", data: [.init("id", id), .init("output_file_uri", uri)], note: "launch-text alias of batch.succeeded"),
        ]
    }

    /// The catalog event of `type` (first variant).
    public static func event(_ type: String, idSuffix: String) -> Event {
        catalog(idSuffix: idSuffix).first { $0.type == type }
            ?? Event(type: type, data: [.init("id", quoted("job_" + idSuffix))], note: "not in the catalog")
    }

    /// Compact JSON in the guide's member order: `type, version, timestamp, data` (SPEC §5).
    public static func compact(_ event: Event, eventTime: String, extraTop: [DataMember] = [], extraData: [DataMember] = []) -> String {
        let data = (event.data + extraData).map { "\(quoted($0.name)):\($0.json)" }.joined(separator: ",")
        var top = [
            "\"type\":\(quoted(event.type))", "\"version\":\"v1\"", "\"timestamp\":\(quoted(eventTime))",
            "\"data\":{\(data)}",
        ]
        top.append(contentsOf: extraTop.map { "\(quoted($0.name)):\($0.json)" })
        return "{" + top.joined(separator: ",") + "}"
    }

    /// The same envelope pretty-printed with two-space indentation and a final newline.
    public static func pretty(_ event: Event, eventTime: String) -> String {
        let data = event.data.map { "    \(quoted($0.name)): \($0.json)" }.joined(separator: ",\n")
        return "{\n  \"type\": \(quoted(event.type)),\n  \"version\": \"v1\",\n  \"timestamp\": \(quoted(eventTime)),\n  \"data\": {\n\(data)\n  }\n}\n"
    }

    /// The default body of a valid delivery: `type` from the catalog, compact.
    public static func standard(type: String, context: CaseContext) -> [UInt8] {
        Array(compact(event(type, idSuffix: context.caseSlug + "_" + context.runToken), eventTime: context.eventTime).utf8)
    }

    /// A JSON string literal; escapes what RFC 8259 requires and nothing else.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
