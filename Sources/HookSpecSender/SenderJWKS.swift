import HookSpecCore
import HookSpecReceiver

/// A sender's published keys for `hookspec listen`: its JWKS, fetched once at start with the
/// reference receiver's bounded fetcher (deadline, size cap, no redirects).
public enum SenderJWKS {
    /// Seconds the fetch may take unless the caller says otherwise.
    public static let defaultTimeoutSeconds = 10.0

    /// The key set at `url`.
    public static func fetch(
        url: String, timeoutSeconds: Double = defaultTimeoutSeconds, fetcher: any DocumentFetching = URLSessionDocumentFetcher()
    ) async throws(ListenError) -> JSONWebKeySet {
        switch await fetcher.fetch(url: url, timeoutSeconds: timeoutSeconds, maximumBytes: JSONWebKeySet.maximumBytes) {
        case .success(let document):
            do { return try JSONWebKeySet(parsing: document) } catch { throw .jwksUnavailable(url: url, reason: error.description) }
        case .failure(let failure):
            throw .jwksUnavailable(url: url, reason: failure.description)
        }
    }

    /// Whether the set holds an RSA key (so `jwt` deliveries can be verified with it).
    public static func hasRSAKeys(_ set: JSONWebKeySet) -> Bool {
        set.keys.contains { if case .rsa = $0.material { true } else { false } }
    }

    /// `configuration` with the set's keys: its Ed25519 keys join the `v1a` keys; with an
    /// audience, the set verifies `jwt` tokens.
    public static func apply(_ set: JSONWebKeySet, audience: String?, issuer: String?, to configuration: inout ListenConfiguration) {
        configuration.publicKeys += set.ed25519Keys
        if let audience {
            configuration.jwks = set
            configuration.tokenPolicy = TokenPolicy(audience: audience, issuer: issuer)
        }
    }
}
