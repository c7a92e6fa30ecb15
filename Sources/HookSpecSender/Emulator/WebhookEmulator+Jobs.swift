import HTTPTypes
import HookSpecCore
import HookSpecProbe
import HookSpecServer

/// Batches and interactions: the requests that carry a `webhook_config` (dynamic webhooks).
extension WebhookEmulator {
    /// Dynamic URIs one config may name at most.
    static let maximumDynamicURIs = 10

    /// Answers the job routes, or nil when `segments` is not one of them.
    func routeJob(method: HTTPRequest.Method, segments: [String], body: [UInt8], now: Double) throws(EmulatorAPIError) -> ServerAnswer? {
        guard segments.count >= 2 else { return nil }
        switch (segments[1], segments.count) {
        case ("models", 3) where segments[2].hasSuffix(":batchGenerateContent"):
            guard method == .post else { throw .methodNotAllowed(method.rawValue) }
            let model = "models/" + segments[2].dropLast(":batchGenerateContent".count)
            return Self.ok(try createBatch(model: model, body, now: now))
        case ("batches", 3):
            guard method == .get else { throw .methodNotAllowed(method.rawValue) }
            return Self.ok(try jobs.get("batches/" + segments[2]).json())
        case ("interactions", 2):
            guard method == .post else { throw .methodNotAllowed(method.rawValue) }
            return Self.ok(try createInteraction(body, now: now))
        case ("interactions", 3):
            guard method == .get else { throw .methodNotAllowed(method.rawValue) }
            return Self.ok(try jobs.get(segments[2]).json())
        default:
            return nil
        }
    }

    /// `{"batch": {"displayName", "webhookConfig": {...}, ...}}` as the SDK sends it.
    private func createBatch(model: String, _ body: [UInt8], now: Double) throws(EmulatorAPIError) -> String {
        let request = try Self.object(body)
        guard let batch = request["batch"]?.objectValue else { throw .invalid("batch is required") }
        let config = try Self.webhookConfig(batch["webhookConfig"] ?? batch["webhook_config"])
        let job = EmulatedJob(
            kind: .batch, name: "batches/" + Self.randomToken(), model: model,
            displayName: Self.string(batch, "displayName", "display_name"), webhookConfig: config, createTime: Int64(now), completed: false)
        return accept(job, now: now)
    }

    /// `{"model", "input", "background", "webhook_config": {...}, ...}` as the SDK sends it.
    private func createInteraction(_ body: [UInt8], now: Double) throws(EmulatorAPIError) -> String {
        let request = try Self.object(body)
        guard let model = Self.string(request, "model", "agent"), !model.isEmpty else { throw .invalid("model or agent is required") }
        let config = try Self.webhookConfig(request["webhook_config"] ?? request["webhookConfig"])
        let job = EmulatedJob(
            kind: .interaction, name: "int_" + Self.randomToken(), model: model, displayName: nil,
            webhookConfig: config, createTime: Int64(now), completed: false)
        let background = request["background"].map { $0 == .bool(true) } ?? false
        return accept(job, now: now, answerCompleted: !background)
    }

    /// Records the job, completes it and starts its completion event; returns the create answer
    /// (pending, as the API answers a batch or a background interaction, or completed).
    private func accept(_ job: EmulatedJob, now: Double, answerCompleted: Bool = false) -> String {
        jobs.insert(job)
        var completed = job
        completed.completed = true
        jobs.insert(completed)
        let answer = answerCompleted ? completed.json() : job.json()
        let type = job.kind.completionEvent
        let members: [(name: String, value: JSONValue)] = [
            ("type", .string(type)), ("version", .string("v1")),
            ("timestamp", .string(RFC3339.format(unixSeconds: Int64(now)))), ("data", .object(JOSEJSON.object(completed.eventData))),
        ]
        let body = JOSEJSON.encode(JOSEJSON.object(members))
        if let uris = job.webhookConfig?.uris, !uris.isEmpty {
            // One event per URI, each with its own webhook-id, as separate deliveries are.
            for uri in uris { start(eventID: Self.newEventID(), type: type, body: body, to: .dynamic(uri: uri, job: job.name)) }
        } else {
            for id in subscribers(of: type) { start(eventID: Self.newEventID(), type: type, body: body, to: .webhook(id: id, force: false)) }
        }
        return answer
    }

    /// Reads `webhook_config`: `uris` (http(s), at most ten) and `user_metadata` (an object).
    private static func webhookConfig(_ value: JSONValue?) throws(EmulatorAPIError) -> EmulatedJob.WebhookConfig? {
        guard let value else { return nil }
        guard let object = value.objectValue else { throw .invalid("webhook_config must be an object") }
        var uris: [String] = []
        if let listed = object["uris"] {
            guard let array = listed.arrayValue, array.count <= maximumDynamicURIs else { throw .invalid("webhook_config.uris must be a list of at most \(maximumDynamicURIs) URIs") }
            for element in array {
                guard let uri = element.stringValue, isHTTPURL(uri) else { throw .invalid("webhook_config.uris holds something that is not an http(s) URL") }
                uris.append(uri)
            }
        }
        var metadata: JSONObject?
        if let given = object["user_metadata"] ?? object["userMetadata"] {
            guard let given = given.objectValue else { throw .invalid("webhook_config.user_metadata must be an object") }
            metadata = given
        }
        return EmulatedJob.WebhookConfig(uris: uris, userMetadata: metadata)
    }
}
