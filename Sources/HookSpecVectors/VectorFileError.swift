/// Why a vector file could not be read: the file, where in it, and what is wrong.
public enum VectorFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or directory could not be read.
    case unreadable(path: String, reason: String)
    /// The file is larger than the reader accepts.
    case tooLarge(path: String, limit: Int)
    /// The file is not strict JSON.
    case notJSON(path: String, reason: String)
    /// The file's `format` member is missing or names another format.
    case unsupportedFormat(path: String, found: String)
    /// More entries than the reader accepts (vectors, groups, headers, keys).
    case tooMany(path: String, what: String, limit: Int)
    /// A member is missing, of the wrong type, or has a value the format does not allow.
    case invalidField(path: String, location: String, reason: String)

    /// The file, the place in it, and the reason.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .tooLarge(let path, let limit): "\(path): larger than \(limit) bytes"
        case .notJSON(let path, let reason): "\(path): not strict JSON: \(reason)"
        case .unsupportedFormat(let path, let found): "\(path): unsupported format \(found)"
        case .tooMany(let path, let what, let limit): "\(path): more than \(limit) \(what)"
        case .invalidField(let path, let location, let reason): "\(path): \(location): \(reason)"
        }
    }
}
