/// A set of HTTP status codes a case accepts, named for reports.
public enum StatusClass: String, Sendable, Hashable, Codable {
    /// Any 2xx: the delivery was taken.
    case success = "2xx"
    /// 400, 401 or 403: the answers SPEC §6 prefers for a rejected delivery.
    case verificationRejection = "400/401/403"
    /// Any 4xx: a rejection that does not make the sender retry for a day.
    case clientError = "4xx"
    /// 413: the body was too large for this receiver.
    case payloadTooLarge = "413"
    /// 405: the method is not served.
    case methodNotAllowed = "405"
    /// 413 or 431: the body or the header fields were too large for this receiver (RFC 9110 §15.5.14, RFC 6585 §5).
    case tooLarge = "413/431"

    /// Whether `status` belongs to the class.
    public func contains(_ status: Int) -> Bool {
        switch self {
        case .success: (200...299).contains(status)
        case .verificationRejection: status == 400 || status == 401 || status == 403
        case .clientError: (400...499).contains(status)
        case .payloadTooLarge: status == 413
        case .methodNotAllowed: status == 405
        case .tooLarge: status == 413 || status == 431
        }
    }
}

/// The answers a case accepts and the one strict mode insists on (SPEC §9.1, §9.2).
public struct AnswerExpectation: Sendable, Hashable {
    /// How the case is graded.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// A valid delivery: 2xx, in time.
        case deliver
        /// A hostile delivery: a 4xx, preferably 400/401/403.
        case reject
        /// Either answer is defensible; one is preferred (NON-STRICT otherwise).
        case tolerate
        /// Observed and reported, graded by no rule (INFO).
        case observe
    }

    /// How the case is graded.
    public let mode: Mode
    /// The answer that gives PASS.
    public let preferred: StatusClass
    /// Answers that give NON-STRICT (PASS-worthy outside `--strict`), besides `preferred`.
    public let alsoAccepted: [StatusClass]

    /// A valid delivery: 2xx, answered within 2 s (warn) and 10 s (fail) (SPEC §6).
    public static let deliver = AnswerExpectation(mode: .deliver, preferred: .success, alsoAccepted: [])
    /// Must be refused with 4xx; 400/401/403 preferred (SPEC §6).
    public static let reject = AnswerExpectation(mode: .reject, preferred: .verificationRejection, alsoAccepted: [.clientError])
    /// Lenient acceptance is defensible, strict rejection preferred (SPEC §3.1 strict mode).
    public static let rejectPreferred = AnswerExpectation(mode: .tolerate, preferred: .verificationRejection, alsoAccepted: [.clientError, .success])
    /// Acceptance preferred; a 4xx is defensible (forward compatibility, SPEC §5).
    public static let deliverPreferred = AnswerExpectation(mode: .tolerate, preferred: .success, alsoAccepted: [.clientError])
    /// Must be refused: 400/401/403 preferred, 413/431 as good (a size limit), never 2xx (SPEC §6).
    public static let rejectAsTooLarge = AnswerExpectation(mode: .tolerate, preferred: .verificationRejection, alsoAccepted: [.tooLarge])
    /// Refusal preferred (400/401/403, or 413/431 for size); acceptance defensible.
    public static let rejectPreferredOrTooLarge = AnswerExpectation(mode: .tolerate, preferred: .verificationRejection, alsoAccepted: [.tooLarge, .clientError, .success])
    /// Observed only.
    public static let observe = AnswerExpectation(mode: .observe, preferred: .success, alsoAccepted: [.clientError])

    /// A custom tolerance.
    public static func tolerate(preferring preferred: StatusClass, alsoAccepting others: [StatusClass]) -> AnswerExpectation {
        AnswerExpectation(mode: .tolerate, preferred: preferred, alsoAccepted: others)
    }

    /// Text for listings and reports: `2xx`, `400/401/403 (also 4xx)`.
    public var summary: String {
        switch mode {
        case .observe: "any (observed)"
        default: alsoAccepted.isEmpty ? preferred.rawValue : "\(preferred.rawValue) (also \(alsoAccepted.map(\.rawValue).joined(separator: ", ")))"
        }
    }
}
