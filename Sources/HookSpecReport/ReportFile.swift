import Foundation

/// Why a report could not be written.
public enum ReportWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The report's directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The report file could not be written.
    case cannotWrite(path: String, reason: String)

    /// The path and the system's reason.
    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason): "cannot create directory \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write report \(path): \(reason)"
        }
    }
}

/// Writes a rendered report to disk: directory created, file replaced atomically so that a
/// reader (CI, a concurrent test) never sees half a report.
public enum ReportFile {
    /// Writes `text` as UTF-8 to `path`.
    public static func write(_ text: String, to path: String) throws(ReportWriteError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// Writes `bytes` as they are to `path`.
    public static func write(bytes: [UInt8], to path: String) throws(ReportWriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
