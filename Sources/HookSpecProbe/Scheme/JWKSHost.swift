import HookSpecServer
import NIOConcurrencyHelpers

/// The probe's JWKS host (SPEC §9.5): serves the run's trusted JWKS at a fixed path, the attacker's
/// JWKS and certificate for `jku`/`x5u` cases, and logs every request with the case that ran.
public final class JWKSHost: JWKSHostControl {
    /// Path of the trusted JWKS.
    public static let trustedPath = "/.well-known/jwks.json"
    /// Path of the attacker's JWKS.
    public static let attackerPath = "/attacker/jwks.json"
    /// Path of the attacker's certificate (`x5u`).
    public static let attackerCertificatePath = "/attacker/certificate.pem"

    private let host: DocumentHost
    private let documents: NIOLockedValueBox<JWKSDocuments>
    private let port: Int

    /// Starts a host on 127.0.0.1:`port` (0: a free one) serving `documents`.
    public static func start(documents: JWKSDocuments, port: Int = 0) async throws -> JWKSHost {
        let host = DocumentHost(host: "127.0.0.1", port: port)
        let bound = try await host.start()
        let started = JWKSHost(host: host, documents: documents, port: bound)
        started.publishAll()
        return started
    }

    private init(host: DocumentHost, documents: JWKSDocuments, port: Int) {
        self.host = host
        self.documents = NIOLockedValueBox(documents)
        self.port = port
    }

    /// Stops serving.
    public func stop() async { await host.stop() }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The trusted JWKS URL the receiver is configured with.
    public var trustedURL: String { baseURL + Self.trustedPath }
    /// The attacker JWKS URL that hostile tokens name.
    public var attackerURL: String { baseURL + Self.attackerPath }

    public func beginCase(_ caseID: String?) { host.setLabel(caseID) }

    public func apply(_ change: JWKSChange) {
        let trusted = documents.withLockedValue { documents -> [UInt8] in
            documents.apply(change)
            return documents.trusted
        }
        host.publish(path: Self.trustedPath, body: trusted)
    }

    public func fetches(duringCase caseID: String) -> [JWKSFetch] {
        host.fetches().filter { $0.label == caseID }.map(Self.fetch)
    }

    public func fetchLog() -> [(caseID: String?, fetch: JWKSFetch)] {
        host.fetches().map { ($0.label, Self.fetch($0)) }
    }

    private func publishAll() {
        let (trusted, attacker, certificate) = documents.withLockedValue { ($0.trusted, $0.attacker, $0.attackerCertificate) }
        host.publish(path: Self.trustedPath, body: trusted)
        host.publish(path: Self.attackerPath, body: attacker)
        host.publish(path: Self.attackerCertificatePath, body: certificate, contentType: "application/x-pem-file")
    }

    private static func fetch(_ entry: DocumentFetch) -> JWKSFetch {
        let path = String(entry.path.prefix { $0 != "?" })
        let document: JWKSFetch.Document =
            path == trustedPath ? .trusted : path.hasPrefix("/attacker/") ? .attacker : .other
        return JWKSFetch(document: document, path: entry.path, sequence: entry.sequence)
    }
}
