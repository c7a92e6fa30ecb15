import HookSpecCore

/// Where a vector's values come from (SPEC §8): project, file, test name.
public struct VectorSource: Sendable, Hashable, CustomStringConvertible {
    /// Project the values come from (`owner/name`, or `hookspec`).
    public var project: String
    /// File in that project.
    public var file: String
    /// Test name or entry in that file; may be empty.
    public var test: String

    /// A source naming a project, a file in it and a test (may be empty).
    public init(project: String, file: String, test: String) {
        self.project = project
        self.file = file
        self.test = test
    }

    /// `project | file | test`, empty parts left out.
    public var description: String {
        [project, file, test].filter { !$0.isEmpty }.joined(separator: " | ")
    }
}

/// The policy a delivery vector is checked under.
public enum VectorPolicy: Sendable, Hashable, CustomStringConvertible {
    /// `VerificationPolicy.strict`.
    case strict
    /// `VerificationPolicy.pythonReference`.
    case pythonReference
    /// Strict with exactly these named leniencies.
    case leniencies([VerificationPolicy.Leniency])

    /// The core's policy value.
    public var verificationPolicy: VerificationPolicy {
        switch self {
        case .strict: .strict
        case .pythonReference: .pythonReference
        case .leniencies(let list): .strict(with: list)
        }
    }

    /// `strict`, `python_reference`, or the leniency list.
    public var description: String {
        switch self {
        case .strict: "strict"
        case .pythonReference: "python_reference"
        case .leniencies(let list): "[" + list.map(\.rawValue).joined(separator: ", ") + "]"
        }
    }
}

/// What a vector expects: the delivery verifies, or the core rejects it with this code.
public enum VectorExpectation: Sendable, Hashable, CustomStringConvertible {
    /// The delivery verifies.
    case valid
    /// The core rejects it with exactly this code.
    case rejected(RejectionCode)

    /// `valid` or the rejection code, as written in vector files and reports.
    public var description: String {
        switch self {
        case .valid: "valid"
        case .rejected(let code): code.rawValue
        }
    }
}

/// One delivery and the verdict the core must reach on it (SPEC §8), in hookspec's own format.
public struct DeliveryVector: Sendable, Hashable {
    /// Readable name, unique within its file (`V1 standard-webhooks python sign`).
    public var name: String
    /// Provenance.
    public var source: VectorSource
    /// Header fields in order; duplicates and original casing kept.
    public var headers: HeaderFields
    /// The raw body bytes.
    public var body: [UInt8]
    /// `whsec_` texts (test secrets; fine in vector files).
    public var secrets: [String]
    /// Leniencies of secret parsing.
    public var secretOptions: WebhookSecret.ParsingOptions
    /// `whpk_` texts.
    public var publicKeys: [String]
    /// A JWKS document as text, whose OKP Ed25519 keys are trusted too.
    public var jwks: String?
    /// The verifier's clock, Unix seconds.
    public var now: Int64
    /// The policy checked under.
    public var policy: VectorPolicy
    /// The verdict the core must reach.
    public var expected: VectorExpectation
    /// Why the expectation is what it is, when that is not obvious.
    public var note: String?

    /// A vector; keys, policy and note default to none, strict and none.
    public init(
        name: String, source: VectorSource, headers: HeaderFields, body: [UInt8],
        secrets: [String] = [], secretOptions: WebhookSecret.ParsingOptions = [], publicKeys: [String] = [],
        jwks: String? = nil, now: Int64, policy: VectorPolicy = .strict, expected: VectorExpectation, note: String? = nil
    ) {
        self.name = name
        self.source = source
        self.headers = headers
        self.body = body
        self.secrets = secrets
        self.secretOptions = secretOptions
        self.publicKeys = publicKeys
        self.jwks = jwks
        self.now = now
        self.policy = policy
        self.expected = expected
        self.note = note
    }
}

/// A file of delivery vectors.
public struct DeliveryVectorFile: Sendable, Hashable {
    /// The only format this reader understands.
    public static let format = "hookspec-delivery-vectors/1"
    /// Most vectors read from one file.
    public static let maximumVectors = 10_000

    /// Where it was read from.
    public var path: String
    /// What the file covers.
    public var description: String
    /// The vectors in file order.
    public var vectors: [DeliveryVector]

    /// A file read from `path`.
    public init(path: String, description: String, vectors: [DeliveryVector]) {
        self.path = path
        self.description = description
        self.vectors = vectors
    }
}
