import HookSpecCore
import HookSpecProbe

/// Why the embedded receiver could not be launched.
public enum LauncherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No mutant has this name.
    case unknownMutant(String)

    /// The reason in one line.
    public var description: String {
        switch self {
        case .unknownMutant(let name): "unknown mutant \(name); see hookspec serve --list-mutants"
        }
    }
}

/// Starts the reference receiver (or a mutant) as the probe's default target (SPEC §9.5), for the
/// command line, the tests and the benchmark alike.
public struct ReferenceReceiverLauncher: EmbeddedReceiverLauncher {
    /// Adjusts the configuration before the receiver starts (tests shorten delays, for example).
    private let adjust: @Sendable (inout ReceiverConfiguration) -> Void

    /// A launcher; `adjust` may change the configuration it builds.
    public init(adjust: @escaping @Sendable (inout ReceiverConfiguration) -> Void = { _ in }) {
        self.adjust = adjust
    }

    public func launch(_ setup: EmbeddedReceiverSetup) async throws -> EmbeddedReceiverHandle {
        var mutant: ReceiverMutant?
        if let name = setup.mutant {
            guard let known = ReceiverMutant(rawValue: name) else { throw LauncherError.unknownMutant(name) }
            mutant = known
        }
        let scheme: ReceiverScheme = switch setup.scheme {
        case .v1: .v1
        case .v1a: .v1a
        case .jwt: .jwt
        }
        var configuration = ReceiverConfiguration(
            scheme: scheme, secrets: setup.secret.map { [$0] } ?? [], jwksURL: setup.jwksURL,
            tokenPolicy: scheme == .jwt ? TokenPolicy(audience: setup.audience) : nil, mutant: mutant)
        adjust(&configuration)
        let receiver = try WebhookReceiver(configuration: configuration)
        let port = try await receiver.start()
        let url = "http://127.0.0.1:\(port)\(configuration.path)"
        let observer = ClosureDeliveryObserver { id in
            await receiver.ledger.waitUntilIdle()
            return receiver.ledger.timesProcessed(id)
        }
        let trust = switch setup.scheme {
        case .v1: "secret \(setup.secret.map(String.init(describing:)) ?? "none"), generated for this run"
        case .v1a, .jwt: "keys from \(setup.jwksURL ?? "no JWKS")" + (setup.scheme == .jwt ? ", audience \(setup.audience)" : "")
        }
        let role = mutant.map { "MUTANT \($0.name) of the reference receiver" } ?? "the reference receiver"
        return EmbeddedReceiverHandle(
            url: url, observer: observer, description: "started \(role) (\(setup.scheme.rawValue)) on \(url) (\(trust))",
            stop: { await receiver.stop() })
    }
}
