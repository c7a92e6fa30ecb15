import HookSpecCore
import HookSpecProbe

/// One registered webhook, as the emulator keeps it.
public struct EmulatedWebhook: Sendable {
    /// The Webhook resource's states.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case enabled
        case disabled
        case disabledDueToFailedDeliveries = "disabled_due_to_failed_deliveries"
    }

    /// A signing secret and, after a rotation with a 24 h grace, when it stops signing.
    public struct LiveSecret: Sendable {
        /// The secret.
        public let secret: WebhookSecret
        /// Emulator seconds after which it is revoked (nil: until the next rotation revokes it).
        public var expiresAt: Double?
    }

    /// `id` (and `name` is user-chosen).
    public let id: String
    /// User-provided name.
    public var name: String?
    /// Where events go.
    public var uri: String
    /// Subscribed event types.
    public var subscribedEvents: [String]
    /// State.
    public var state: State
    /// Creation and last update, Unix seconds.
    public let createTime: Int64
    public var updateTime: Int64
    /// Newest first.
    public var secrets: [LiveSecret]
    /// Events whose whole retry schedule failed, in a row.
    public var consecutiveFailedEvents: Int = 0

    /// The secrets that sign at `now` (newest first).
    public func liveSecrets(at now: Double) -> [WebhookSecret] {
        secrets.filter { $0.expiresAt.map { $0 > now } ?? true }.map(\.secret)
    }

    /// The resource JSON; `newSigningSecret` only on create.
    func json(now: Double, newSigningSecret: WebhookSecret? = nil) -> String {
        var members = [
            ("id", EnvelopeText.quoted(id)),
            ("uri", EnvelopeText.quoted(uri)),
            ("subscribed_events", "[" + subscribedEvents.map(EnvelopeText.quoted).joined(separator: ",") + "]"),
            ("state", EnvelopeText.quoted(state.rawValue)),
            ("create_time", EnvelopeText.quoted(RFC3339.format(unixSeconds: createTime))),
            ("update_time", EnvelopeText.quoted(RFC3339.format(unixSeconds: updateTime))),
        ]
        if let name { members.insert(("name", EnvelopeText.quoted(name)), at: 1) }
        let live = secrets.filter { $0.expiresAt.map { $0 > now } ?? true }
        members.append(("signing_secrets", "[" + live.map { entry in
            var fields = [#""truncated_secret":"# + EnvelopeText.quoted(String(entry.secret.exportedText().prefix(10)) + "…")]
            if let expiry = entry.expiresAt { fields.append(#""expire_time":"# + EnvelopeText.quoted(RFC3339.format(unixSeconds: Int64(expiry)))) }
            return "{" + fields.joined(separator: ",") + "}"
        }.joined(separator: ",") + "]"))
        if let newSigningSecret { members.append(("new_signing_secret", EnvelopeText.quoted(newSigningSecret.exportedText()))) }
        return "{" + members.map { "\(EnvelopeText.quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
