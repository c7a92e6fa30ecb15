import Foundation
import HookSpecCore

/// Everything a `WebhookReceiver` needs: where it listens, its keys, limits and (for tests) a mutant.
public struct ReceiverConfiguration: Sendable {
    /// Address to bind; loopback by default.
    public var host: String
    /// Port to bind; 0 picks a free one, reported by `start()`.
    public var port: Int
    /// The one path that takes deliveries.
    public var path: String
    /// `v1` secrets, tried in order (rotation).
    public var secrets: [WebhookSecret]
    /// `v1a` public keys, tried in order.
    public var publicKeys: [Ed25519PublicKey]
    /// Verification policy; strict by default.
    public var policy: VerificationPolicy
    /// Largest body read; a larger one is answered 413 without reading it.
    public var maximumBodyBytes: Int
    /// Ids kept for replay detection at most (the store also evicts by age).
    public var replayCapacity: Int
    /// The rule to break, or nil for the reference receiver.
    public var mutant: ReceiverMutant?
    /// Seconds a connection may stay silent before it is closed (a client that never finishes its request).
    public var idleTimeoutSeconds: Double
    /// How long the `slowAnswer` mutant holds a valid delivery (0 to 600 s); ignored otherwise.
    public var slowAnswerSeconds: Double
    /// Unix seconds now; a parameter so tests can move time.
    public var clock: @Sendable () -> Int64

    /// A loopback receiver on a free port at `/hook`.
    public init(
        host: String = "127.0.0.1", port: Int = 0, path: String = "/hook",
        secrets: [WebhookSecret] = [], publicKeys: [Ed25519PublicKey] = [],
        policy: VerificationPolicy = .strict, maximumBodyBytes: Int = 1 << 20, replayCapacity: Int = 100_000,
        idleTimeoutSeconds: Double = 30,
        mutant: ReceiverMutant? = nil, slowAnswerSeconds: Double = ReceiverMutant.slowAnswerSeconds,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970.rounded(.down)) }
    ) {
        self.host = host
        self.port = port
        self.path = path
        self.secrets = secrets
        self.publicKeys = publicKeys
        self.policy = policy
        self.maximumBodyBytes = maximumBodyBytes
        self.replayCapacity = replayCapacity
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.mutant = mutant
        self.slowAnswerSeconds = slowAnswerSeconds
        self.clock = clock
    }
}

/// Why a receiver could not start.
public enum ReceiverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither a secret nor a public key was given.
    case noKeys
    /// The path does not start with `/` or holds a space, control character, `?` or `#`.
    case badPath(String)
    /// The port is not 0 to 65535.
    case badPort(Int)
    /// The slow-answer delay is not 0 to 600 seconds.
    case badDelay(Double)
    /// The idle timeout is not above 0 and at most 3600 seconds.
    case badIdleTimeout(Double)
    /// `start()` was called on a receiver that is running or was stopped.
    case alreadyStarted
    /// The listening socket could not be opened.
    case bindFailed(String)

    /// The reason in one line, for the command line.
    public var description: String {
        switch self {
        case .noKeys: "the receiver needs at least one secret or public key"
        case .badPath(let path): "receiver path \(path) must start with / and hold no spaces, ? or #"
        case .badPort(let port): "receiver port \(port) is not 0 to 65535"
        case .badDelay(let seconds): "slow-answer delay \(seconds) s is not 0 to 600"
        case .badIdleTimeout(let seconds): "idle timeout \(seconds) s is not above 0 and at most 3600"
        case .alreadyStarted: "the receiver is already running"
        case .bindFailed(let why): "cannot listen: \(why)"
        }
    }
}
