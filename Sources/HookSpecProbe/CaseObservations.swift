/// One request the probe's JWKS host received while a case ran (SPEC §9.5).
public struct JWKSFetch: Sendable, Hashable {
    /// Which document was asked for.
    public enum Document: String, Sendable, Hashable, Codable {
        /// The JWKS the receiver is configured to trust.
        case trusted
        /// The attacker's JWKS or certificate, named only inside hostile tokens (`jku`, `x5u`).
        case attacker
        /// Any other path.
        case other
    }

    /// Which document.
    public let document: Document
    /// The path asked for.
    public let path: String
    /// The host's running count of requests, for ordering.
    public let sequence: Int

    /// A fetch.
    public init(document: Document, path: String, sequence: Int) {
        self.document = document
        self.path = path
        self.sequence = sequence
    }
}

/// What the probe saw of a case besides the answers (SPEC §9.2, §10).
public struct CaseObservations: Sendable, Hashable {
    /// How often the target processed the case's id, when an observation hook can tell; nil otherwise.
    public var timesProcessed: Int?
    /// JWKS host requests made while the case ran.
    public var jwksFetches: [JWKSFetch]

    /// Observations.
    public init(timesProcessed: Int? = nil, jwksFetches: [JWKSFetch] = []) {
        self.timesProcessed = timesProcessed
        self.jwksFetches = jwksFetches
    }

    /// Nothing observed.
    public static let none = CaseObservations()

    /// Number of fetches of `document`.
    public func count(_ document: JWKSFetch.Document) -> Int {
        jwksFetches.count { $0.document == document }
    }
}

/// A case's own rule over observations: it may replace the grade the answers earned.
public struct ObservationRule: Sendable {
    /// Takes the observations, the number of requests sent and the grade from the answers; returns the final grade.
    public let judge: @Sendable (CaseObservations, _ requestsSent: Int, Grade) -> Grade

    /// A rule.
    public init(_ judge: @escaping @Sendable (CaseObservations, _ requestsSent: Int, Grade) -> Grade) {
        self.judge = judge
    }
}

/// The probe's JWKS host as the runner drives it: which case is running, changes to the trusted
/// set, and what was fetched (SPEC §9.5).
public protocol JWKSHostControl: Sendable {
    /// The trusted JWKS URL the receiver is configured with.
    var trustedURL: String { get }
    /// The attacker JWKS URL that hostile tokens name in `jku`/`x5u`.
    var attackerURL: String { get }
    /// Labels the fetches that follow with `caseID` (nil between cases).
    func beginCase(_ caseID: String?)
    /// Publishes or withdraws a key of the trusted set.
    func apply(_ change: JWKSChange)
    /// Every fetch labelled with `caseID`, in order.
    func fetches(duringCase caseID: String) -> [JWKSFetch]
    /// Every fetch of the run, in order, with the case that was running (nil between cases).
    func fetchLog() -> [(caseID: String?, fetch: JWKSFetch)]
}
