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
///
/// Memory per exchange is bounded whatever the target sends: the answer's head is parsed up to
/// `maximumResponseHeadBytes` of header names and values in at most `maximumResponseHeaderFields`
/// fields, at most `maximumInformationalResponses` 1xx heads are read before the final one, and
/// `maximumResponseBodyBytes` of the body are kept (the rest is read and dropped). Time per
/// exchange is bounded by `totalTimeoutSeconds`, connect and TLS handshake included.
public struct TransportConfiguration: Sendable, Hashable {
    /// Most seconds to establish the TCP connection (and resolve the name).
    public var connectTimeoutSeconds: Double
    /// Most seconds from the start of a request to the last byte of its answer, connect included.
    public var totalTimeoutSeconds: Double
    /// Response body bytes kept; the rest is read and dropped, and the answer marked truncated.
    public var maximumResponseBodyBytes: Int
    /// Most bytes of header names and values in one response head (a single field included);
    /// past it the exchange fails with `responseHeadTooLarge`.
    public var maximumResponseHeadBytes: Int
    /// Most header fields in one response head; past it the exchange fails with `responseHeadTooLarge`.
    public var maximumResponseHeaderFields: Int
    /// Most informational (1xx other than 101) heads before the final answer; past it the exchange
    /// fails with `tooManyInformationalResponses`.
    public var maximumInformationalResponses: Int
    /// Certificate handling for `https`.
    public var trust: CertificateTrust

    /// Defaults: 5 s connect, 15 s total (above the 10 s a valid delivery may take, SPEC §6), 64 KiB of
    /// body kept, a head of at most 32 KiB in 100 fields, at most 8 informational answers.
    public init(
        connectTimeoutSeconds: Double = 5,
        totalTimeoutSeconds: Double = 15,
        maximumResponseBodyBytes: Int = 64 * 1024,
        maximumResponseHeadBytes: Int = 32 * 1024,
        maximumResponseHeaderFields: Int = 100,
        maximumInformationalResponses: Int = 8,
        trust: CertificateTrust = .system
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.maximumResponseBodyBytes = maximumResponseBodyBytes
        self.maximumResponseHeadBytes = maximumResponseHeadBytes
        self.maximumResponseHeaderFields = maximumResponseHeaderFields
        self.maximumInformationalResponses = maximumInformationalResponses
        self.trust = trust
    }
}

/// Why a transport could not be set up; raised before any request is sent.
public enum TransportSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    case badTimeout(String)
    case badLimit(String)
    case caFileUnreadable(path: String, reason: String)
    case tlsConfiguration(String)

    public var description: String {
        switch self {
        case .badTimeout(let why): "invalid timeout: \(why)"
        case .badLimit(let why): "invalid limit: \(why)"
        case .caFileUnreadable(let path, let reason): "cannot use CA file \(path): \(reason)"
        case .tlsConfiguration(let why): "cannot configure TLS: \(why)"
        }
    }
}
