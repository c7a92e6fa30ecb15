import Foundation

/// Creates a file that holds secrets: mode set at creation (never a window where it is readable),
/// no symlink followed, an existing file kept unless `overwrite`.
enum PrivateFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func create(_ bytes: [UInt8], at path: String, overwrite: Bool, mode: mode_t) throws(Failure) {
        var flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW
        flags |= overwrite ? O_TRUNC : O_EXCL
        let descriptor = open(path, flags, mode)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists (use --force to overwrite)" : String(cString: strerror(errno))
            throw Failure(description: "cannot create \(path): \(reason)")
        }
        defer { close(descriptor) }
        // An overwritten file keeps its old mode unless told otherwise.
        guard fchmod(descriptor, mode) == 0 else { throw Failure(description: "cannot set the mode of \(path): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            written += result
        }
    }
}
