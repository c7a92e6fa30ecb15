/// The signature scheme a delivery's `webhook-signature` uses, as read before verifying it.
public enum DetectedScheme: String, Sendable, Hashable {
    /// Only `v1,` entries.
    case v1
    /// Only `v1a,` entries.
    case v1a
    /// Both `v1` and `v1a` entries.
    case v1AndV1a = "v1+v1a"
    /// A compact JWS (three dot-separated base64url segments, no version label).
    case jwt
    /// Missing header or entries with no known version.
    case unknown

    /// Reads the scheme from the header value (nil: no header).
    public init(signatureHeader: String?) {
        guard let header = signatureHeader, !header.isEmpty else {
            self = .unknown
            return
        }
        if !header.contains(","), header.split(separator: ".", omittingEmptySubsequences: false).count == 3 {
            self = .jwt
            return
        }
        var versions = Set<Substring>()
        for entry in header.split(separator: " ").prefix(64) {
            if let comma = entry.firstIndex(of: ",") { versions.insert(entry[..<comma]) }
        }
        switch (versions.contains("v1"), versions.contains("v1a")) {
        case (true, true): self = .v1AndV1a
        case (true, false): self = .v1
        case (false, true): self = .v1a
        case (false, false): self = .unknown
        }
    }
}
