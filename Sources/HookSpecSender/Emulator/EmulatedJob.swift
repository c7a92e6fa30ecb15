import HookSpecCore
import HookSpecProbe

/// A batch or an interaction the emulator accepted, with the webhook config it came with.
///
/// The emulator runs no model: a job completes as soon as it is accepted, and its completion
/// event (`batch.succeeded`, `interaction.completed`) goes to the config's URIs (dynamic, signed
/// `v1a` or `jwt`) or, without URIs, to the registered webhooks subscribed to it (`v1`).
public struct EmulatedJob: Sendable {
    /// What kind of job.
    public enum Kind: String, Sendable, Hashable {
        case batch
        case interaction

        /// The catalog event its completion sends.
        public var completionEvent: String {
            switch self {
            case .batch: "batch.succeeded"
            case .interaction: "interaction.completed"
            }
        }
    }

    /// A request's `webhook_config` (`uris`, `user_metadata`).
    public struct WebhookConfig: Sendable, Hashable {
        /// Dynamic destinations; empty: the registered webhooks.
        public let uris: [String]
        /// Echoed in every event as `data.user_metadata`.
        public let userMetadata: JSONObject?
    }

    /// Kind.
    public let kind: Kind
    /// `batches/ID` for a batch, the bare id for an interaction (as the API names them).
    public let name: String
    /// The model the request named.
    public let model: String
    /// The batch's display name.
    public let displayName: String?
    /// The request's webhook config, if it had one.
    public let webhookConfig: WebhookConfig?
    /// Creation time, Unix seconds.
    public let createTime: Int64
    /// Whether it has completed (it does right after it is accepted).
    public var completed: Bool

    /// The `data` members of its completion event.
    var eventData: [(name: String, value: JSONValue)] {
        var members: [(name: String, value: JSONValue)] = [("id", .string(name))]
        if kind == .batch { members.append(("output_file_uri", .string(outputFile))) }
        if let metadata = webhookConfig?.userMetadata { members.append(("user_metadata", .object(metadata))) }
        return members
    }

    /// The batch's results file.
    var outputFile: String { "files/" + name.replacingOccurrences(of: "/", with: "-") + "-results" }

    /// The resource as the API answers it: a batch as its operation (`name`, `metadata`), an interaction as itself.
    func json() -> String {
        let created = RFC3339.format(unixSeconds: createTime)
        switch kind {
        case .batch:
            var metadata: [(name: String, value: JSONValue)] = [
                ("@type", .string("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch")),
                ("name", .string(name)), ("model", .string(model)),
            ]
            if let displayName { metadata.append(("displayName", .string(displayName))) }
            metadata.append(("createTime", .string(created)))
            metadata.append(("updateTime", .string(created)))
            metadata.append(("state", .string(completed ? "BATCH_STATE_SUCCEEDED" : "BATCH_STATE_PENDING")))
            if completed {
                metadata.append(("endTime", .string(created)))
                metadata.append(("output", .object(JOSEJSON.object([("responsesFile", .string(outputFile))]))))
            }
            var members: [(name: String, value: JSONValue)] = [("name", .string(name)), ("metadata", .object(JOSEJSON.object(metadata)))]
            if completed { members.append(("done", .bool(true))) }
            return JSONValue.object(JOSEJSON.object(members)).compactText
        case .interaction:
            var members: [(name: String, value: JSONValue)] = [
                ("id", .string(name)), ("object", .string("interaction")), ("model", .string(model)),
                ("status", .string(completed ? "completed" : "in_progress")), ("created", .string(created)), ("updated", .string(created)),
            ]
            if let config = webhookConfig {
                var fields: [(name: String, value: JSONValue)] = []
                if !config.uris.isEmpty { fields.append(("uris", .array(config.uris.map(JSONValue.string)))) }
                if let metadata = config.userMetadata { fields.append(("user_metadata", .object(metadata))) }
                members.append(("webhook_config", .object(JOSEJSON.object(fields))))
            }
            return JSONValue.object(JOSEJSON.object(members)).compactText
        }
    }
}
