/// Where a probe sends its requests: scheme, host, port and request target, parsed from a URL.
public struct ProbeTarget: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public enum Scheme: String, Sendable, Hashable {
        case http, https
    }

    /// The scheme.
    public let scheme: Scheme
    /// Host name or IP literal, without brackets.
    public let host: String
    /// TCP port.
    public let port: Int
    /// The request target written on the request line (path and query), never empty.
    public let requestTarget: String

    /// A target from its parts; `requestTarget` must start with `/`.
    public init(scheme: Scheme, host: String, port: Int, requestTarget: String = "/") throws(ProbeTargetError) {
        guard !host.isEmpty else { throw .missingHost }
        guard (1...65_535).contains(port) else { throw .badPort(String(port)) }
        guard requestTarget.hasPrefix("/") else { throw .badPath }
        // Bytes that would end the request line early or smuggle a header are never a path.
        guard !requestTarget.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { throw .badPath }
        guard !host.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") }) else {
            throw .missingHost
        }
        self.scheme = scheme
        self.host = host
        self.port = port
        self.requestTarget = requestTarget
    }

    /// Parses `http[s]://host[:port][/path][?query]`; user info and fragments are refused.
    public init(url text: String) throws(ProbeTargetError) {
        let scheme: Scheme
        let rest: Substring
        if text.lowercased().hasPrefix("http://") {
            scheme = .http
            rest = text.dropFirst(7)
        } else if text.lowercased().hasPrefix("https://") {
            scheme = .https
            rest = text.dropFirst(8)
        } else {
            throw .unsupportedScheme
        }
        guard !rest.contains("#") else { throw .fragment }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty { target = "/" } else if target.hasPrefix("?") { target = "/" + target }
        guard !authority.contains("@") else { throw .userInfo }

        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .missingHost }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .missingHost }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        let port: Int
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
                let value = Int(portText)
            else { throw .badPort(String(portText)) }
            port = value
        } else {
            port = scheme == .https ? 443 : 80
        }
        try self.init(scheme: scheme, host: String(host), port: port, requestTarget: target)
    }

    /// Whether the host is a loopback name or address; the rate limit is off by default there (SPEC §9.8).
    public var isLoopback: Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered.hasSuffix(".localhost") || lowered == "::1" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && (Int(part) ?? 256) <= 255
        }
    }

    /// Whether the host is an IPv4 or IPv6 literal (no SNI is sent for those).
    public var isIPLiteral: Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0 == "." || $0.isASCIIDigit })
    }

    /// The `Host` header value: the port is left out when it is the scheme's default.
    public var hostHeader: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let defaultPort = scheme == .https ? 443 : 80
        return port == defaultPort ? shownHost : "\(shownHost):\(port)"
    }

    /// The URL again, normalised.
    public var description: String { "\(scheme.rawValue)://\(hostHeader)\(requestTarget)" }
}

/// Why a target URL was refused.
public enum ProbeTargetError: Error, Sendable, Hashable, CustomStringConvertible {
    case unsupportedScheme
    case missingHost
    case badPort(String)
    case badPath
    case userInfo
    case fragment

    public var description: String {
        switch self {
        case .unsupportedScheme: "target URL must start with http:// or https://"
        case .missingHost: "target URL has no usable host"
        case .badPort(let text): "target URL port \(text) is not a number from 1 to 65535"
        case .badPath: "target URL path must start with / and hold no spaces or control bytes"
        case .userInfo: "target URL must not carry user:password@ (put credentials nowhere in a probe URL)"
        case .fragment: "target URL must not carry a #fragment"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
