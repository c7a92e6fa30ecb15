import HookSpecCore

/// One HTTP answer of the receiver: status, a short code for logs, and the body sent.
public struct ReceiverAnswer: Sendable, Hashable {
    /// HTTP status code.
    public let status: Int
    /// Short stable code: `accepted`, `duplicate`, a `RejectionCode`, or a receiver code below.
    public let code: String
    /// Extra header fields (e.g. `Location`, `Allow`).
    public let headers: [String: String]
    /// Body bytes; for errors only `{"error":"<code>"}`, so nothing internal leaks (SPEC §6).
    public let body: [UInt8]

    init(status: Int, code: String, headers: [String: String] = [:], body: [UInt8]? = nil) {
        self.status = status
        self.code = code
        self.headers = headers
        self.body = body ?? Array(#"{"\#(status < 300 ? "status" : "error")":"\#(code)"}"#.utf8)
    }

    /// Codes the receiver adds to the core's `RejectionCode`s.
    public enum ReceiverCode {
        /// 200: verified and queued for processing.
        public static let accepted = "accepted"
        /// 200: verified, but the id was already processed; not processed again.
        public static let duplicate = "duplicate"
        /// 400: verified, but the body is not a strict JSON object with a string `type`.
        public static let envelopeInvalid = "envelope_invalid"
        /// 404: not the receiver's path.
        public static let notFound = "not_found"
        /// 405: not POST.
        public static let methodNotAllowed = "method_not_allowed"
        /// 200: the processing log, for an observation hook (SPEC §10).
        public static let processingLog = "processing_log"
        /// 500: only the 500-on-malformed-* mutants send it.
        public static let internalError = "internal_error"
        /// 308: only the redirect-to-trailing-slash mutant sends it.
        public static let redirected = "redirected"
    }

    static let accepted = ReceiverAnswer(status: 200, code: ReceiverCode.accepted)
    static let duplicate = ReceiverAnswer(status: 200, code: ReceiverCode.duplicate)
    static let envelopeInvalid = ReceiverAnswer(status: 400, code: ReceiverCode.envelopeInvalid)
    static let notFound = ReceiverAnswer(status: 404, code: ReceiverCode.notFound)
    static let methodNotAllowed = ReceiverAnswer(status: 405, code: ReceiverCode.methodNotAllowed, headers: ["Allow": "POST"])
    static let tooLarge = ReceiverAnswer(status: 413, code: RejectionCode.bodyTooLarge.rawValue)

    /// The reference answer to a rejection (SPEC §6: 4xx, never 5xx or 3xx).
    static func rejected(_ rejection: Rejection) -> ReceiverAnswer {
        ReceiverAnswer(status: status(for: rejection), code: rejection.code.rawValue)
    }

    /// The status-code mapping: 400 for a request that is malformed, 401 for one that is well formed
    /// but not authentic or not fresh, 413 for an oversized body.
    public static func status(for rejection: Rejection) -> Int {
        switch rejection {
        case .headerMissing, .headerEmpty, .headerDuplicate,
            .timestampMalformed, .timestampNonCanonical,
            .entryMalformed, .entryNonCanonicalBase64:
            return 400
        case .bodyTooLarge, .tokenTooLarge:
            return 413
        case .signatureMismatch, .signatureUnsupportedVersion, .timestampStale, .timestampFuture, .replayed:
            return 401
        // Key configuration problems are refused at start; the JWT cases belong to another scheme.
        // Either way a sender's request gets a 4xx, never a 5xx.
        case .secretMalformed, .secretLength, .publicKeyMalformed, .noKeys, .jwksMalformed,
            .tokenSegmentCount, .tokenBase64, .tokenHeaderInvalid, .tokenClaimsInvalid, .tokenDuplicateMember,
            .algorithmNone, .algorithmDisallowed, .kidMissing, .kidUnknown, .embeddedKey, .critUnknown,
            .keyWeak, .keyUnsuitable, .tokenSignatureInvalid, .audienceMissing, .audienceMismatch,
            .expirationMissing, .tokenExpired, .tokenNotYetValid, .issuedInFuture, .issuedTooLongAgo,
            .issuerMismatch, .bodyHashMissing, .bodyHashMismatch:
            return 401
        }
    }
}
