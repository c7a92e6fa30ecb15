import HookSpecCore
import NIOConcurrencyHelpers

/// The emulator's webhooks, in memory, in creation order; with a state store, every change is
/// written through before it takes effect, so a failed write changes nothing.
final class WebhookRegistry: Sendable {
    private struct Contents {
        var order: [String] = []
        var webhooks: [String: EmulatedWebhook] = [:]
    }

    /// Webhooks kept at most; create past it is refused.
    static let capacity = 10_000

    private let contents: NIOLockedValueBox<Contents>
    private let store: EmulatorStateStore?

    /// A registry holding what `store` holds (empty without one).
    init(store: EmulatorStateStore?) throws(EmulatorStateError) {
        var loaded = Contents()
        for webhook in try store?.webhooks() ?? [] {
            loaded.order.append(webhook.id)
            loaded.webhooks[webhook.id] = webhook
        }
        self.contents = NIOLockedValueBox(loaded)
        self.store = store
    }

    func create(name: String?, uri: String, events: [String], secret: WebhookSecret, now: Double) throws(EmulatorAPIError) -> EmulatedWebhook {
        try contents.withLockedValue { contents -> Result<EmulatedWebhook, EmulatorAPIError> in
            guard contents.order.count < Self.capacity else {
                return .failure(EmulatorAPIError(code: 429, status: "RESOURCE_EXHAUSTED", message: "at most \(Self.capacity) webhooks"))
            }
            var id: String
            repeat { id = Self.randomID() } while contents.webhooks[id] != nil
            let webhook = EmulatedWebhook(
                id: id, name: name, uri: uri, subscribedEvents: events, state: .enabled,
                createTime: Int64(now), updateTime: Int64(now), secrets: [.init(secret: secret, expiresAt: nil)])
            if let failure = persist(webhook) { return .failure(failure) }
            contents.order.append(id)
            contents.webhooks[id] = webhook
            return .success(webhook)
        }.get()
    }

    func get(_ id: String) throws(EmulatorAPIError) -> EmulatedWebhook {
        guard let webhook = contents.withLockedValue({ $0.webhooks[id] }) else { throw .notFound("webhook \(id) not found") }
        return webhook
    }

    /// A page of `size` from `offset`; the next offset when more remain.
    func page(offset: Int, size: Int) -> (webhooks: [EmulatedWebhook], next: Int?) {
        contents.withLockedValue { contents in
            let slice = contents.order.dropFirst(offset).prefix(size).compactMap { contents.webhooks[$0] }
            let next = offset + size < contents.order.count ? offset + size : nil
            return (Array(slice), next)
        }
    }

    /// Applies `change` to the webhook under the lock.
    @discardableResult
    func modify(_ id: String, _ change: (inout EmulatedWebhook) throws(EmulatorAPIError) -> Void) throws(EmulatorAPIError) -> EmulatedWebhook {
        try contents.withLockedValue { contents -> Result<EmulatedWebhook, EmulatorAPIError> in
            guard var webhook = contents.webhooks[id] else { return .failure(.notFound("webhook \(id) not found")) }
            do throws(EmulatorAPIError) {
                try change(&webhook)
            } catch {
                return .failure(error)
            }
            if let failure = persist(webhook) { return .failure(failure) }
            contents.webhooks[id] = webhook
            return .success(webhook)
        }.get()
    }

    func delete(_ id: String) throws(EmulatorAPIError) {
        try contents.withLockedValue { contents -> Result<Void, EmulatorAPIError> in
            guard contents.webhooks[id] != nil else { return .failure(.notFound("webhook \(id) not found")) }
            do throws(EmulatorStateError) {
                try store?.delete(id)
            } catch {
                return .failure(Self.internalError(error))
            }
            contents.webhooks[id] = nil
            contents.order.removeAll { $0 == id }
            return .success(())
        }.get()
    }

    /// Every webhook, in creation order.
    func all() -> [EmulatedWebhook] {
        contents.withLockedValue { contents in contents.order.compactMap { contents.webhooks[$0] } }
    }

    /// The webhook, or nil once deleted.
    func find(_ id: String) -> EmulatedWebhook? {
        contents.withLockedValue { $0.webhooks[id] }
    }

    /// Writes `webhook` to the store; the API error to answer when that fails.
    private func persist(_ webhook: EmulatedWebhook) -> EmulatorAPIError? {
        do throws(EmulatorStateError) {
            try store?.save(webhook)
            return nil
        } catch {
            return Self.internalError(error)
        }
    }

    private static func internalError(_ error: EmulatorStateError) -> EmulatorAPIError {
        EmulatorAPIError(code: 500, status: "INTERNAL", message: "\(error)")
    }

    private static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
