import HTTPTypes
import HookSpecCore
import HookSpecServer
import HummingbirdCore
import NIOConcurrencyHelpers

/// `hookspec listen`'s receiver: answers a sender under test per the script and grades every
/// delivery it gets (SPEC §10), on hookspec's Hummingbird server.
///
/// Any POST counts as a delivery, whatever its path; other methods get 405 and are not graded.
public final class SenderListener: Sendable {
    /// The configuration it was made with.
    public let configuration: ListenConfiguration
    /// Every graded delivery as it is answered (single consumer; newest 10 000 kept if unread).
    public let deliveries: AsyncStream<InspectedDelivery>

    /// Deliveries graded per run at most; past it the listener answers 503 without grading.
    public static let maximumDeliveries = 10_000

    private let server: HTTPServerHost
    private let graded = NIOLockedValueBox<[InspectedDelivery]>([])
    private let continuation: AsyncStream<InspectedDelivery>.Continuation

    /// A listener that is not yet listening.
    public init(configuration: ListenConfiguration, catalog: EventCatalog) throws(ListenError) {
        guard (0...65_535).contains(configuration.port) else { throw .badPort(configuration.port) }
        guard (1...(64 << 20)).contains(configuration.maximumBodyBytes) else {
            throw .badLimit("body limit \(configuration.maximumBodyBytes) is not 1 byte to 64 MiB")
        }
        guard (0...(1 << 32)).contains(configuration.toleranceSeconds) else { throw .badLimit("tolerance \(configuration.toleranceSeconds) s is negative or huge") }
        self.configuration = configuration
        (deliveries, continuation) = AsyncStream.makeStream(of: InspectedDelivery.self, bufferingPolicy: .bufferingNewest(10_000))
        let tokenVerifier: RS256TokenVerifier? = switch (configuration.jwks, configuration.tokenPolicy) {
        case (let keys?, let policy?): RS256TokenVerifier(keys: keys, policy: policy)
        default: nil
        }
        let inspector = SenderInspector(
            secrets: configuration.secrets, publicKeys: configuration.publicKeys, tokenVerifier: tokenVerifier,
            toleranceSeconds: configuration.toleranceSeconds, catalog: catalog)
        let graded = self.graded, continuation = self.continuation, limit = configuration.maximumBodyBytes
        let answers = configuration.answers, clock = configuration.clock
        server = HTTPServerHost(
            host: configuration.host, port: configuration.port,
            limits: HTTPServerLimits(maximumConnections: 64, maximumDiscardedBytes: 2 * limit)
        ) { request, writer, _ in
            guard request.method == .post else {
                try await ServerAnswer(status: 405, headers: [(name: "Allow", value: "POST")], body: Array(#"{"error":"method_not_allowed"}"#.utf8)).write(to: writer)
                return
            }
            var body: [UInt8] = []
            var tooLarge = false
            for try await buffer in request.body {
                guard body.count + buffer.readableBytes <= limit else {
                    tooLarge = true
                    break
                }
                body.append(contentsOf: buffer.readableBytesView)
            }
            if tooLarge {
                try await ServerAnswer(status: 413, body: Array(#"{"error":"body_too_large"}"#.utf8)).write(to: writer)
                return
            }
            let headers = HeaderFields(request.headers.map { (name: $0.name.rawName, value: $0.value) })
            let receivedAt = clock()
            // Grading under the lock keeps arrival order, attempt numbers and history consistent.
            let inspected = graded.withLockedValue { graded -> InspectedDelivery? in
                guard graded.count < Self.maximumDeliveries else { return nil }
                let delivery = ReceivedDelivery(index: graded.count + 1, receivedAt: receivedAt, path: request.head.path ?? "/", headers: headers, body: body)
                let result = inspector.inspect(delivery, earlier: graded) { answers.status(type: $0, attempt: $1) }
                graded.append(result)
                return result
            }
            guard let inspected else {
                try await ServerAnswer(status: 503, body: Array(#"{"error":"delivery_limit_reached"}"#.utf8)).write(to: writer)
                return
            }
            try await ServerAnswer(status: inspected.status, body: Array(#"{"status":\#(inspected.status)}"#.utf8)).write(to: writer)
            continuation.yield(inspected)
        }
    }

    /// Every delivery graded so far, in arrival order.
    public var inspected: [InspectedDelivery] { graded.withLockedValue { $0 } }

    /// Starts listening; returns the bound port.
    public func start() async throws(ListenError) -> Int {
        do {
            return try await server.start()
        } catch {
            switch error {
            case .alreadyStarted: throw .alreadyStarted
            case .badPort(let port): throw .badPort(port)
            case .badLimit(let why): throw .badLimit(why)
            case .bindFailed(let why): throw .bindFailed(why)
            }
        }
    }

    /// Stops listening and ends `deliveries`. Idempotent.
    public func stop() async {
        await server.stop()
        continuation.finish()
    }

    /// Serves until `count` deliveries were graded or `seconds` passed, whichever comes first,
    /// calling `each` per delivery; then stops. Returns what was graded.
    public func run(count: Int?, seconds: Double?, each: @escaping @Sendable (InspectedDelivery) -> Void) async -> [InspectedDelivery] {
        precondition(count.map { $0 > 0 } ?? true, "a delivery count is positive")
        precondition(seconds.map { $0 > 0 && $0.isFinite } ?? true, "a duration is positive")
        let stream = deliveries
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var seen = 0
                for await delivery in stream {
                    each(delivery)
                    seen += 1
                    if let count, seen >= count { return }
                }
            }
            if let seconds {
                group.addTask { try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) }
            }
            await group.next()
            group.cancelAll()
        }
        await stop()
        return inspected
    }
}
