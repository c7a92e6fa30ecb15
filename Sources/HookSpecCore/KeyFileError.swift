/// Why a key file could not be read or made; never echoes key material.
public enum KeyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is larger than `KeyFile.maximumBytes`.
    case tooLarge(limit: Int)
    /// The file is not strict JSON.
    case notJSON(StrictJSONError)
    /// The top level is not an object.
    case notAnObject
    /// `format` is missing or names another layout.
    case unknownFormat
    /// A member the layout requires is absent (`ed25519[0].kid`).
    case missingMember(String)
    /// A member the layout does not define is present (a typo would otherwise be silently ignored).
    case unknownMember(String)
    /// A member has the wrong JSON type.
    case wrongType(member: String, expected: String)
    /// A key ID is empty, longer than `KeyFile.maximumKeyIDBytes` or holds control characters.
    case badKeyID(member: String)
    /// Two keys share a key ID.
    case duplicateKeyID(String)
    /// More keys than `KeyFile.maximumKeys`.
    case tooManyKeys(limit: Int)
    /// A secret or key did not parse; `reason` names the problem, never the material.
    case unusableKey(member: String, reason: String)
    /// A stored public part (`whpk_`, a JWK) is not the public half of the stored private key.
    case publicPartMismatch(member: String)
    /// The crypto library could not generate a key.
    case generationFailed(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "key file is larger than \(limit) bytes"
        case .notJSON(let error): "key file is not JSON: \(error)"
        case .notAnObject: "key file is not a JSON object"
        case .unknownFormat: "key file has no \"format\": \"\(KeyFile.format)\""
        case .missingMember(let member): "key file lacks \(member)"
        case .unknownMember(let member): "key file has an unknown member \(member)"
        case .wrongType(let member, let expected): "key file member \(member) is not \(expected)"
        case .badKeyID(let member): "key file member \(member) is not a key ID of 1 to \(KeyFile.maximumKeyIDBytes) printable characters"
        case .duplicateKeyID(let keyID): "key file uses key ID \(keyID) twice"
        case .tooManyKeys(let limit): "key file holds more than \(limit) keys"
        case .unusableKey(let member, let reason): "key file member \(member) is unusable: \(reason)"
        case .publicPartMismatch(let member): "key file member \(member) does not match its private key"
        case .generationFailed(let why): "key generation failed: \(why)"
        }
    }
}
