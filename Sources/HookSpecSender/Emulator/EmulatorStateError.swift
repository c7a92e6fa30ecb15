/// Why `hookspec emulate --state FILE` cannot use its file. Messages name the file and the
/// reason, never a secret or key stored in it.
public enum EmulatorStateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file cannot be opened or read as SQLite (missing directory, no permission, not a database, corrupt).
    case unreadable(path: String, reason: String)
    /// A SQLite database, but not an emulator state this hookspec writes (another program's, or a newer format).
    case notEmulatorState(path: String, reason: String)
    /// A stored row does not hold what it must (a secret, a key file, a state name).
    case badRecord(path: String, reason: String)
    /// A change could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "state file \(path) cannot be read: \(reason)"
        case .notEmulatorState(let path, let reason): "state file \(path) is not a hookspec emulate state: \(reason)"
        case .badRecord(let path, let reason): "state file \(path) holds a bad record: \(reason)"
        case .writeFailed(let path, let reason): "state file \(path) could not be written: \(reason)"
        }
    }
}
