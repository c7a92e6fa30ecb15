/// Why the core refused a delivery or a token: one case per reason (SPEC §7).
///
/// Associated values never carry key material; they name headers, members and sizes only,
/// so a `Rejection` can be printed, logged or reported as it is.
public enum Rejection: Error, Sendable, Hashable, CustomStringConvertible {
    // Headers (SPEC §3.1)
    case headerMissing(String)
    case headerEmpty(String)
    case headerDuplicate(String)
    case bodyTooLarge(limit: Int)

    // Keys
    case secretMalformed(SecretProblem)
    case secretLength(bytes: Int)
    case publicKeyMalformed(String)
    case noKeys

    // Timestamp (SPEC §4)
    case timestampMalformed
    case timestampNonCanonical(TimestampFeature)
    case timestampStale(ageSeconds: Int64)
    case timestampFuture(aheadSeconds: Int64)

    // The `webhook-signature` list (SPEC §3.1, §3.2)
    case entryMalformed(EntryProblem)
    case entryNonCanonicalBase64
    case signatureUnsupportedVersion
    case signatureMismatch

    // Replay (SPEC §4)
    case replayed

    // Compact JWS and JWT (SPEC §3.3)
    case tokenTooLarge(limit: Int)
    case tokenSegmentCount(Int)
    case tokenBase64(TokenSegment)
    case tokenHeaderInvalid(String)
    case tokenClaimsInvalid(String)
    case tokenDuplicateMember(String)
    case algorithmNone(String)
    case algorithmDisallowed(String)
    case kidMissing
    case kidUnknown(String)
    case embeddedKey(String)
    case critUnknown(String)
    case keyWeak(bits: Int)
    case keyUnsuitable(String)
    case tokenSignatureInvalid
    case audienceMissing
    case audienceMismatch
    case expirationMissing
    case tokenExpired
    case tokenNotYetValid
    case issuedInFuture
    case issuedTooLongAgo
    case issuerMismatch
    case bodyHashMissing
    case bodyHashMismatch
    case jwksMalformed(String)

    /// The stable string used in reports, vectors and exit messages.
    public var code: RejectionCode {
        switch self {
        case .headerMissing: .headerMissing
        case .headerEmpty: .headerEmpty
        case .headerDuplicate: .headerDuplicate
        case .bodyTooLarge: .bodyTooLarge
        case .secretMalformed: .secretMalformed
        case .secretLength: .secretLength
        case .publicKeyMalformed: .publicKeyMalformed
        case .noKeys: .noKeys
        case .timestampMalformed: .timestampMalformed
        case .timestampNonCanonical: .timestampNonCanonical
        case .timestampStale: .timestampStale
        case .timestampFuture: .timestampFuture
        case .entryMalformed: .entryMalformed
        case .entryNonCanonicalBase64: .entryNonCanonicalBase64
        case .signatureUnsupportedVersion: .signatureUnsupportedVersion
        case .signatureMismatch: .signatureMismatch
        case .replayed: .replayed
        case .tokenTooLarge: .tokenTooLarge
        case .tokenSegmentCount: .tokenSegmentCount
        case .tokenBase64: .tokenBase64
        case .tokenHeaderInvalid: .tokenHeaderInvalid
        case .tokenClaimsInvalid: .tokenClaimsInvalid
        case .tokenDuplicateMember: .tokenDuplicateMember
        case .algorithmNone: .algorithmNone
        case .algorithmDisallowed: .algorithmDisallowed
        case .kidMissing: .kidMissing
        case .kidUnknown: .kidUnknown
        case .embeddedKey: .embeddedKey
        case .critUnknown: .critUnknown
        case .keyWeak: .keyWeak
        case .keyUnsuitable: .keyUnsuitable
        case .tokenSignatureInvalid: .tokenSignatureInvalid
        case .audienceMissing: .audienceMissing
        case .audienceMismatch: .audienceMismatch
        case .expirationMissing: .expirationMissing
        case .tokenExpired: .tokenExpired
        case .tokenNotYetValid: .tokenNotYetValid
        case .issuedInFuture: .issuedInFuture
        case .issuedTooLongAgo: .issuedTooLongAgo
        case .issuerMismatch: .issuerMismatch
        case .bodyHashMissing: .bodyHashMissing
        case .bodyHashMismatch: .bodyHashMismatch
        case .jwksMalformed: .jwksMalformed
        }
    }

    public var description: String {
        switch self {
        case .headerMissing(let name): "\(code): header \(name) is missing"
        case .headerEmpty(let name): "\(code): header \(name) is empty"
        case .headerDuplicate(let name): "\(code): header \(name) appears more than once"
        case .bodyTooLarge(let limit): "\(code): body is larger than \(limit) bytes"
        case .secretMalformed(let problem): "\(code): \(problem.rawValue)"
        case .secretLength(let bytes): "\(code): secret decodes to \(bytes) bytes, expected 24 to 64"
        case .publicKeyMalformed(let why): "\(code): \(why)"
        case .noKeys: "\(code): no verification key was configured"
        case .timestampMalformed: "\(code): webhook-timestamp is not a number of seconds"
        case .timestampNonCanonical(let feature): "\(code): webhook-timestamp uses \(feature.rawValue), which strict mode forbids"
        case .timestampStale(let age): "\(code): timestamp is \(age) s in the past"
        case .timestampFuture(let ahead): "\(code): timestamp is \(ahead) s in the future"
        case .entryMalformed(let problem): "\(code): \(problem.rawValue)"
        case .entryNonCanonicalBase64: "\(code): signature base64 is not canonical"
        case .signatureUnsupportedVersion: "\(code): no signature entry of a version this verifier has keys for"
        case .signatureMismatch: "\(code): no signature entry matches"
        case .replayed: "\(code): webhook-id was already processed"
        case .tokenTooLarge(let limit): "\(code): token is larger than \(limit) bytes"
        case .tokenSegmentCount(let count): "\(code): token has \(count) segments, expected 3"
        case .tokenBase64(let segment): "\(code): \(segment.rawValue) segment is not strict base64url"
        case .tokenHeaderInvalid(let why): "\(code): \(why)"
        case .tokenClaimsInvalid(let why): "\(code): \(why)"
        case .tokenDuplicateMember(let name): "\(code): member \(name) appears twice"
        case .algorithmNone(let alg): "\(code): alg \(alg) is unsigned"
        case .algorithmDisallowed(let alg): "\(code): alg \(alg) is not allowed"
        case .kidMissing: "\(code): token header has no kid"
        case .kidUnknown(let kid): "\(code): kid \(kid) is not in the trusted JWKS"
        case .embeddedKey(let member): "\(code): token header carries \(member); keys in tokens are never used"
        case .critUnknown(let name): "\(code): crit names \(name), which this verifier does not understand"
        case .keyWeak(let bits): "\(code): key has \(bits) bits, at least 2048 required"
        case .keyUnsuitable(let why): "\(code): \(why)"
        case .tokenSignatureInvalid: "\(code): token signature does not verify"
        case .audienceMissing: "\(code): token has no aud"
        case .audienceMismatch: "\(code): aud does not contain the configured audience"
        case .expirationMissing: "\(code): token has no exp"
        case .tokenExpired: "\(code): exp is in the past"
        case .tokenNotYetValid: "\(code): nbf is in the future"
        case .issuedInFuture: "\(code): iat is in the future"
        case .issuedTooLongAgo: "\(code): iat is older than the tolerance"
        case .issuerMismatch: "\(code): iss is not the configured issuer"
        case .bodyHashMissing: "\(code): token has no request_body_sha256 and policy requires it"
        case .bodyHashMismatch: "\(code): request_body_sha256 does not match the body"
        case .jwksMalformed(let why): "\(code): \(why)"
        }
    }
}

/// Stable rejection codes: the vocabulary of reports and vector files.
public enum RejectionCode: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// The code itself (`timestamp_stale`), so interpolation prints the stable string, not the case name.
    public var description: String { rawValue }

    case headerMissing = "header_missing"
    case headerEmpty = "header_empty"
    case headerDuplicate = "header_duplicate"
    case bodyTooLarge = "body_too_large"
    case secretMalformed = "secret_malformed"
    case secretLength = "secret_length"
    case publicKeyMalformed = "public_key_malformed"
    case noKeys = "no_keys"
    case timestampMalformed = "timestamp_malformed"
    case timestampNonCanonical = "timestamp_noncanonical"
    case timestampStale = "timestamp_stale"
    case timestampFuture = "timestamp_future"
    case entryMalformed = "entry_malformed"
    case entryNonCanonicalBase64 = "entry_noncanonical_base64"
    case signatureUnsupportedVersion = "signature_unsupported_version"
    case signatureMismatch = "signature_mismatch"
    case replayed = "replayed_id"
    case tokenTooLarge = "token_too_large"
    case tokenSegmentCount = "token_segment_count"
    case tokenBase64 = "token_base64"
    case tokenHeaderInvalid = "token_header_invalid"
    case tokenClaimsInvalid = "token_claims_invalid"
    case tokenDuplicateMember = "token_duplicate_member"
    case algorithmNone = "alg_none"
    case algorithmDisallowed = "alg_disallowed"
    case kidMissing = "kid_missing"
    case kidUnknown = "kid_unknown"
    case embeddedKey = "token_embedded_key"
    case critUnknown = "crit_unknown"
    case keyWeak = "key_weak"
    case keyUnsuitable = "key_unsuitable"
    case tokenSignatureInvalid = "token_signature_invalid"
    case audienceMissing = "aud_missing"
    case audienceMismatch = "aud_mismatch"
    case expirationMissing = "exp_missing"
    case tokenExpired = "token_expired"
    case tokenNotYetValid = "token_not_yet_valid"
    case issuedInFuture = "iat_future"
    case issuedTooLongAgo = "iat_stale"
    case issuerMismatch = "iss_mismatch"
    case bodyHashMissing = "body_hash_missing"
    case bodyHashMismatch = "body_hash_mismatch"
    case jwksMalformed = "jwks_malformed"
}

/// What is wrong with a `whsec_` secret.
public enum SecretProblem: String, Sendable, Hashable {
    case empty = "secret is empty"
    case missingPrefix = "secret lacks the whsec_ prefix"
    case notBase64 = "secret is not valid base64 after its prefix"
}

/// What is wrong with one entry of `webhook-signature`.
public enum EntryProblem: String, Sendable, Hashable {
    case empty = "empty entry (doubled, leading or trailing space)"
    case missingComma = "entry has no comma"
    case extraComma = "entry has more than one comma"
    case emptyVersion = "entry has an empty version"
    case notBase64 = "entry signature is not base64"
    case wrongLength = "entry signature has the wrong length for its version"
}

/// A non-canonical feature of a `webhook-timestamp` value (SPEC §4); each is a named leniency.
public enum TimestampFeature: String, Sendable, Hashable, CaseIterable, Codable {
    case leadingZeros = "leading_zeros"
    case sign = "sign"
    case whitespace = "whitespace"
    case fraction = "fraction"
    case exponent = "exponent"
    case underscores = "underscores"
    case overlong = "overlong"
}

/// The three segments of a compact JWS.
public enum TokenSegment: String, Sendable, Hashable {
    case header, payload, signature
}
