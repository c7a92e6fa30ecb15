/// How the transport treats certificates of an `https` target (SPEC §9.8).
public enum CertificateTrust: Sendable, Hashable {
    /// The system roots, verified against the host name or IP.
    case system
    /// The system roots plus the PEM certificates in this file (`--cacert`).
    case systemAnd(caFile: String)
    /// No verification at all (`--insecure`); callers must say so loudly.
    case insecure
}

/// Timeouts and limits of one transport; every request obeys them (SPEC §9.8).
public struct TransportConfiguration: Sendable, Hashable {
    /// Most seconds to establish the TCP connection (and resolve the name).
    public var connectTimeoutSeconds: Double
    /// Most seconds from the start of a request to the last byte of its answer, connect included.
    public var totalTimeoutSeconds: Double
    /// Response body bytes kept; the rest is read and dropped, and the answer marked truncated.
    public var maximumResponseBodyBytes: Int
    /// Certificate handling for `https`.
    public var trust: CertificateTrust

    /// Defaults: 5 s connect, 15 s total (above the 10 s a valid delivery may take, SPEC §6), 64 KiB kept.
    public init(
        connectTimeoutSeconds: Double = 5,
        totalTimeoutSeconds: Double = 15,
        maximumResponseBodyBytes: Int = 64 * 1024,
        trust: CertificateTrust = .system
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.maximumResponseBodyBytes = maximumResponseBodyBytes
        self.trust = trust
    }
}

/// Why a transport could not be set up; raised before any request is sent.
public enum TransportSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    case badTimeout(String)
    case caFileUnreadable(path: String, reason: String)
    case tlsConfiguration(String)

    public var description: String {
        switch self {
        case .badTimeout(let why): "invalid timeout: \(why)"
        case .caFileUnreadable(let path, let reason): "cannot use CA file \(path): \(reason)"
        case .tlsConfiguration(let why): "cannot configure TLS: \(why)"
        }
    }
}
