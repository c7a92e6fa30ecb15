import Foundation
import HTTPTypes
import HookSpecCore
import HookSpecProbe
import HookSpecServer
import HummingbirdCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// `hookspec emulate`: the Gemini API's WebhookService as the google-genai SDK calls it, in
/// memory, on hookspec's Hummingbird server; it delivers signed `v1` events with retries, and
/// dynamic-webhook events signed `v1a` or `jwt` (SPEC §10).
///
/// Routes (any `{api_version}`): `GET|POST /{v}/webhooks`, `GET|PATCH|DELETE /{v}/webhooks/{id}`,
/// `POST /{v}/webhooks/{id}:ping`, `POST /{v}/webhooks/{id}:rotateSigningSecret`;
/// `POST /{v}/models/{model}:batchGenerateContent`, `GET /{v}/batches/{id}`,
/// `POST /{v}/interactions`, `GET /{v}/interactions/{id}` (jobs complete at once; see `EmulatedJob`);
/// `GET /.well-known/jwks.json`; admin: `POST /hookspec/trigger` (`{"type":..., "webhook":...}`)
/// and `GET /hookspec/deliveries`.
public final class WebhookEmulator: Sendable {
    /// The configuration it was made with.
    public let configuration: EmulatorConfiguration
    /// The retry schedule, compressed.
    public let schedule: RetrySchedule

    /// Attempts kept for `attempts` (the oldest are dropped past it).
    static let attemptLogCapacity = 10_000
    /// Largest request body read.
    static let maximumRequestBytes = 64 * 1024

    /// The keys dynamic deliveries are signed with (served at `/.well-known/jwks.json`).
    public let dynamicKeys: DynamicSigningKeys

    private let registry: WebhookRegistry
    let jobs = JobRegistry()
    private let log = NIOLockedValueBox<[EmulatorAttempt]>([])
    private let running = NIOLockedValueBox<[Int: Task<Void, Never>]>([:])
    private let nextTask = NIOLockedValueBox(0)
    private let server = NIOLockedValueBox<HTTPServerHost?>(nil)

    /// An emulator that is not yet listening. Throws `EmulatorAPIError` for a bad configuration,
    /// `EmulatorStateError` when the state file cannot be used.
    ///
    /// With a state file, the webhooks stored there come back; the dynamic keys are the
    /// configuration's (then stored), else the stored ones, else made now (then stored).
    public init(configuration: EmulatorConfiguration) throws {
        guard configuration.timeFactor > 0, configuration.timeFactor <= 1 else { throw EmulatorAPIError.invalid("time factor must be above 0 and at most 1") }
        guard (1...1000).contains(configuration.disableAfterFailedEvents) else { throw EmulatorAPIError.invalid("disable-after must be 1 to 1000") }
        guard configuration.deliveryTimeoutSeconds > 0, configuration.deliveryTimeoutSeconds <= 120 else { throw EmulatorAPIError.invalid("delivery timeout must be above 0 and at most 120 s") }
        let store = try configuration.statePath.map { path throws(EmulatorStateError) in try EmulatorStateStore(path: path) }
        let keys: DynamicSigningKeys
        if let given = configuration.dynamicKeys {
            keys = given
            try store?.saveDynamicKeys(given.keyFile)
        } else if let stored = try store?.dynamicKeys() {
            keys = try DynamicSigningKeys(keyFile: stored)
        } else {
            keys = try DynamicSigningKeys.generate()
            try store?.saveDynamicKeys(keys.keyFile)
        }
        if configuration.dynamicScheme == .jwt {
            guard keys.rsa != nil else { throw EmulatorAPIError.invalid("jwt dynamic deliveries need an RSA key: give a key file with one (hookspec keys new)") }
            guard !configuration.dynamicAudience.isEmpty else { throw EmulatorAPIError.invalid("jwt dynamic deliveries need an audience") }
        }
        self.registry = try WebhookRegistry(store: store)
        self.configuration = configuration
        self.schedule = RetrySchedule(timeFactor: configuration.timeFactor)
        self.dynamicKeys = keys
    }

    /// Every delivery attempt so far, oldest first.
    public var attempts: [EmulatorAttempt] { log.withLockedValue { $0 } }

    /// The webhook's current state, or nil when there is none with this id.
    public func webhook(_ id: String) -> EmulatedWebhook? { registry.find(id) }

    /// Starts listening; returns the bound port.
    public func start() async throws(HTTPServerError) -> Int {
        let host = HTTPServerHost(host: configuration.host, port: configuration.port, limits: HTTPServerLimits(maximumConnections: 128)) { [self] request, writer, _ in
            let answer = await self.answer(request)
            try await answer.write(to: writer)
        }
        server.withLockedValue { $0 = host }
        return try await host.start()
    }

    /// Stops listening and cancels deliveries in flight.
    public func stop() async {
        await server.withLockedValue { $0 }?.stop()
        let tasks = running.withLockedValue { tasks in
            defer { tasks = [:] }
            return Array(tasks.values)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// Waits until no delivery is in flight (retries included).
    public func waitForDeliveries() async {
        while true {
            let tasks = running.withLockedValue { Array($0.values) }
            if tasks.isEmpty { return }
            for task in tasks { await task.value }
        }
    }

    // MARK: - Routing

    private func answer(_ request: Request) async -> ServerAnswer {
        let target = request.head.path ?? "/"
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let query = Self.query(parts.count > 1 ? String(parts[1]) : "")
        var body: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard body.count + buffer.readableBytes <= Self.maximumRequestBytes else {
                    return Self.failure(EmulatorAPIError(code: 413, status: "INVALID_ARGUMENT", message: "request body over \(Self.maximumRequestBytes) bytes"))
                }
                body.append(contentsOf: buffer.readableBytesView)
            }
        } catch {
            return Self.failure(.invalid("request body could not be read"))
        }
        do {
            return try route(method: request.method, path: path, query: query, body: body)
        } catch {
            return Self.failure(error)
        }
    }

    private func route(method: HTTPRequest.Method, path: String, query: [String: String], body: [UInt8]) throws(EmulatorAPIError) -> ServerAnswer {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if segments == ["hookspec", "trigger"], method == .post { return try trigger(body) }
        if segments == ["hookspec", "deliveries"], method == .get { return Self.ok(attemptsJSON()) }
        if segments == [".well-known", "jwks.json"] {
            guard method == .get else { throw .methodNotAllowed(method.rawValue) }
            return ServerAnswer(status: 200, body: dynamicKeys.jwksDocument)
        }
        let now = configuration.clock()
        if let answer = try routeJob(method: method, segments: segments, body: body, now: now) { return answer }
        guard segments.count >= 2, segments.count <= 3, segments[1] == "webhooks" else { throw .notFound("no route for \(Self.printable(path))") }
        if segments.count == 2 {
            switch method {
            case .get: return Self.ok(try list(query: query, now: now))
            case .post: return Self.ok(try create(body, now: now))
            default: throw .methodNotAllowed(method.rawValue)
            }
        }
        let resource = segments[2]
        if let colon = resource.firstIndex(of: ":") {
            let id = String(resource[..<colon]), verb = resource[resource.index(after: colon)...]
            guard method == .post else { throw .methodNotAllowed(method.rawValue) }
            switch verb {
            case "ping": return Self.ok(try ping(id))
            case "rotateSigningSecret": return Self.ok(try rotate(id, body, now: now))
            default: throw .notFound("no method \(Self.printable(String(verb)))")
            }
        }
        switch method {
        case .get: return Self.ok(try registry.get(resource).json(now: now))
        case .patch: return Self.ok(try update(resource, body, mask: query["update_mask"] ?? query["updateMask"], now: now))
        case .delete:
            try registry.delete(resource)
            return Self.ok("{}")
        default: throw .methodNotAllowed(method.rawValue)
        }
    }

    // MARK: - WebhookService

    private func create(_ body: [UInt8], now: Double) throws(EmulatorAPIError) -> String {
        let object = try Self.object(body)
        guard let uri = Self.string(object, "uri"), Self.isHTTPURL(uri) else { throw .invalid("uri is required and must be an http(s) URL") }
        guard let events = Self.strings(object, "subscribed_events", "subscribedEvents"), !events.isEmpty else {
            throw .invalid("subscribed_events is required and must not be empty")
        }
        let secret = Self.newSecret()
        let webhook = try registry.create(name: Self.string(object, "name"), uri: uri, events: events, secret: secret, now: now)
        return webhook.json(now: now, newSigningSecret: secret)
    }

    private func list(query: [String: String], now: Double) throws(EmulatorAPIError) -> String {
        let requested = try query["page_size"].map { text throws(EmulatorAPIError) in
            guard let size = Int(text), size >= 0 else { throw .invalid("page_size must be a non-negative integer") }
            return size
        } ?? 0
        let size = requested == 0 ? 50 : min(requested, 1000)
        var offset = 0
        if let token = query["page_token"], !token.isEmpty {
            guard token.hasPrefix("p"), let value = Int(token.dropFirst()), value >= 0 else { throw .invalid("page_token is not one this service issued") }
            offset = value
        }
        let page = registry.page(offset: offset, size: size)
        var text = #"{"webhooks":["# + page.webhooks.map { $0.json(now: now) }.joined(separator: ",") + "]"
        if let next = page.next { text += #","next_page_token":"p\#(next)""# }
        return text + "}"
    }

    private func update(_ id: String, _ body: [UInt8], mask: String?, now: Double) throws(EmulatorAPIError) -> String {
        let object = try Self.object(body)
        let fields = mask.map { $0.split(separator: ",").map { String($0).replacingCamelCase() } } ?? object.names.map { $0.replacingCamelCase() }
        return try registry.modify(id) { webhook throws(EmulatorAPIError) in
            for field in fields {
                switch field {
                case "name": webhook.name = Self.string(object, "name")
                case "uri":
                    guard let uri = Self.string(object, "uri"), Self.isHTTPURL(uri) else { throw .invalid("uri must be an http(s) URL") }
                    webhook.uri = uri
                case "subscribed_events":
                    guard let events = Self.strings(object, "subscribed_events", "subscribedEvents"), !events.isEmpty else { throw .invalid("subscribed_events must not be empty") }
                    webhook.subscribedEvents = events
                case "state":
                    guard let text = Self.string(object, "state"), let state = EmulatedWebhook.State(rawValue: text) else { throw .invalid("state must be enabled, disabled or disabled_due_to_failed_deliveries") }
                    webhook.state = state
                    if state == .enabled { webhook.consecutiveFailedEvents = 0 }
                default: throw .invalid("update_mask names an unknown field \(Self.printable(field))")
                }
            }
            webhook.updateTime = Int64(now)
        }.json(now: now)
    }

    private func rotate(_ id: String, _ body: [UInt8], now: Double) throws(EmulatorAPIError) -> String {
        let object = body.isEmpty ? nil : try Self.object(body)
        let behaviour = object.flatMap { Self.string($0, "revocation_behavior", "revocationBehavior") } ?? "revoke_previous_secrets_after_h24"
        let grace: Double?
        switch behaviour {
        case "revoke_previous_secrets_after_h24": grace = 86_400 * configuration.timeFactor
        case "revoke_previous_secrets_immediately": grace = nil
        default: throw .invalid("revocation_behavior must be revoke_previous_secrets_after_h24 or revoke_previous_secrets_immediately")
        }
        let secret = Self.newSecret()
        try registry.modify(id) { webhook in
            let previous = webhook.secrets.filter { $0.expiresAt.map { $0 > now } ?? true }.map { entry -> EmulatedWebhook.LiveSecret in
                var entry = entry
                entry.expiresAt = min(entry.expiresAt ?? .infinity, now + (grace ?? 0))
                return entry
            }
            webhook.secrets = [.init(secret: secret, expiresAt: nil)] + (grace == nil ? [] : previous)
            webhook.updateTime = Int64(now)
        }
        return #"{"secret":\#(EnvelopeText.quoted(secret.exportedText()))}"#
    }

    private func ping(_ id: String) throws(EmulatorAPIError) -> String {
        _ = try registry.get(id)
        dispatch(type: "webhook.ping", webhookID: id, force: true)
        return "{}"
    }

    /// Every enabled webhook subscribed to `type` (what a job without dynamic URIs notifies).
    func subscribers(of type: String) -> [String] {
        registry.all().filter { $0.state == .enabled && $0.subscribedEvents.contains(type) }.map(\.id)
    }

    private func trigger(_ body: [UInt8]) throws(EmulatorAPIError) -> ServerAnswer {
        let object = try Self.object(body)
        guard let type = Self.string(object, "type"), !type.isEmpty else { throw .invalid("type is required") }
        guard let id = Self.string(object, "webhook") else { throw .invalid("webhook is required") }
        let webhook = try registry.get(id)
        guard webhook.subscribedEvents.contains(type) else { throw .invalid("webhook \(id) is not subscribed to \(Self.printable(type))") }
        guard webhook.state == .enabled else { throw EmulatorAPIError(code: 409, status: "FAILED_PRECONDITION", message: "webhook \(id) is \(webhook.state.rawValue)") }
        let eventID = dispatch(type: type, webhookID: id, force: false)
        return Self.ok(#"{"event_id":\#(EnvelopeText.quoted(eventID))}"#)
    }

    // MARK: - Delivery

    /// Where one event goes: a registered webhook (looked up again before every attempt, so
    /// rotation, a new URI or a disabled state apply to retries) or a dynamic URI.
    enum Destination: Sendable {
        case webhook(id: String, force: Bool)
        case dynamic(uri: String, job: String)
    }

    /// Starts delivering one catalog event of `type` to a registered webhook; returns its `webhook-id`.
    @discardableResult
    public func dispatch(type: String, webhookID: String, force: Bool) -> String {
        let eventID = Self.newEventID()
        let body = Array(EnvelopeText.compact(EnvelopeText.event(type, idSuffix: eventID), eventTime: RFC3339.format(unixSeconds: Int64(configuration.clock()))).utf8)
        start(eventID: eventID, type: type, body: body, to: .webhook(id: webhookID, force: force))
        return eventID
    }

    /// Starts delivering `body` to `destination` with retries.
    func start(eventID: String, type: String, body: [UInt8], to destination: Destination) {
        let key = nextTask.withLockedValue { value in
            defer { value += 1 }
            return value
        }
        // Made under the lock, so the task's own removal (which takes the lock) cannot run before
        // its insertion and leave a finished task behind for `waitForDeliveries`.
        running.withLockedValue { running in
            running[key] = Task { [self] in
                await self.deliver(eventID: eventID, type: type, body: body, to: destination)
                _ = self.running.withLockedValue { $0.removeValue(forKey: key) }
            }
        }
    }

    private func deliver(eventID: String, type: String, body: [UInt8], to destination: Destination) async {
        var attempt = 1
        while !Task.isCancelled {
            let now = configuration.clock()
            let label: String, uri: String, scheme: String, entries: Int, headers: HeaderFields?
            switch destination {
            case .webhook(let id, let force):
                guard let webhook = registry.find(id), force || webhook.state == .enabled else { return }
                let secrets = webhook.liveSecrets(at: now)
                (label, uri, scheme, entries) = (id, webhook.uri, "v1", secrets.count)
                headers = StandardWebhookSigner.headers(id: eventID, timestamp: Int64(now), body: body, secrets: secrets)
            case .dynamic(let target, let job):
                (label, uri, scheme, entries) = (job, target, configuration.dynamicScheme.rawValue, 1)
                headers = try? dynamicKeys.headers(
                    scheme: configuration.dynamicScheme, id: eventID, timestamp: Int64(now), body: body,
                    audience: configuration.dynamicAudience, issuer: configuration.dynamicIssuer)
            }
            // A dynamic delivery whose token could not be signed counts as a failed attempt.
            var status: Int?
            if let headers { status = await send(body: body, to: uri, headers: headers) }
            record(EmulatorAttempt(webhookID: label, uri: uri, scheme: scheme, eventID: eventID, type: type, attempt: attempt, status: status, entries: entries))
            if let status, (200...299).contains(status) {
                if case .webhook(let id, _) = destination { _ = try? registry.modify(id) { $0.consecutiveFailedEvents = 0 } }
                return
            }
            guard let delay = schedule.delay(beforeRetry: attempt) else {
                if case .webhook(let id, _) = destination {
                    let limit = configuration.disableAfterFailedEvents
                    _ = try? registry.modify(id) { webhook in
                        webhook.consecutiveFailedEvents += 1
                        if webhook.consecutiveFailedEvents >= limit { webhook.state = .disabledDueToFailedDeliveries }
                    }
                }
                return
            }
            try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            attempt += 1
        }
    }

    private func send(body: [UInt8], to uri: String, headers signed: HeaderFields) async -> Int? {
        guard let target = try? ProbeTarget(url: uri),
            let transport = try? NIOProbeTransport(
                target: target,
                configuration: TransportConfiguration(connectTimeoutSeconds: min(5, configuration.deliveryTimeoutSeconds), totalTimeoutSeconds: configuration.deliveryTimeoutSeconds),
                group: MultiThreadedEventLoopGroup.singleton)
        else { return nil }
        var headers = signed.fields
        headers.insert((name: "content-type", value: "application/json"), at: 0)
        headers.append((name: "user-agent", value: "hookspec-emulate"))
        let request = ProbeRequest(headers: headers.map { (Array($0.name.utf8), Array($0.value.utf8)) }, body: body)
        if case .response(let response) = await transport.send(request) { return response.status }
        return nil
    }

    private func record(_ attempt: EmulatorAttempt) {
        log.withLockedValue { log in
            if log.count >= Self.attemptLogCapacity { log.removeFirst(log.count - Self.attemptLogCapacity + 1) }
            log.append(attempt)
        }
    }

    private func attemptsJSON() -> String {
        "[" + attempts.map { attempt in
            #"{"webhook":\#(EnvelopeText.quoted(attempt.webhookID)),"uri":\#(EnvelopeText.quoted(attempt.uri)),"scheme":\#(EnvelopeText.quoted(attempt.scheme)),"event_id":\#(EnvelopeText.quoted(attempt.eventID)),"type":\#(EnvelopeText.quoted(attempt.type)),"attempt":\#(attempt.attempt),"status":\#(attempt.status.map(String.init) ?? "null"),"entries":\#(attempt.entries)}"#
        }.joined(separator: ",") + "]"
    }

    // MARK: - Helpers

    static func ok(_ json: String) -> ServerAnswer { ServerAnswer(status: 200, body: Array(json.utf8)) }
    private static func failure(_ error: EmulatorAPIError) -> ServerAnswer { ServerAnswer(status: error.code, body: Array(error.json.utf8)) }

    static func object(_ body: [UInt8]) throws(EmulatorAPIError) -> JSONObject {
        guard let value = try? StrictJSONParser(maximumSize: maximumRequestBytes).parse(body), let object = value.objectValue else {
            throw .invalid("the request body is not a JSON object")
        }
        return object
    }

    static func string(_ object: JSONObject, _ names: String...) -> String? {
        names.lazy.compactMap { object[$0]?.stringValue }.first
    }

    static func strings(_ object: JSONObject, _ names: String...) -> [String]? {
        guard let array = names.lazy.compactMap({ object[$0]?.arrayValue }).first else { return nil }
        let strings = array.compactMap(\.stringValue)
        return strings.count == array.count && strings.count <= 100 ? strings : nil
    }

    static func isHTTPURL(_ text: String) -> Bool {
        (try? ProbeTarget(url: text)) != nil
    }

    private static func query(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&").prefix(32) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[String(parts[0])] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
        }
        return result
    }

    private static func newSecret() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        do { return try WebhookSecret(rawBytes: bytes) } catch { preconditionFailure("32 random bytes are a valid secret") }
    }

    /// A fresh `webhook-id`.
    static func newEventID() -> String { "evt_" + randomToken() }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next(), radix: 16) }.joined()
    }

    static func printable(_ text: String) -> String { SenderInspector.printable(text) }
}

private extension String {
    /// `subscribedEvents` → `subscribed_events` (the SDK sends snake case; REST clients may send camel case).
    func replacingCamelCase() -> String {
        var out = ""
        for character in self {
            if character.isUppercase { out += "_" + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}
