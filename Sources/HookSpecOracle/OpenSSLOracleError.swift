import COpenSSL

/// Why an OpenSSL oracle call could not produce an answer (as opposed to answering "invalid").
public enum OpenSSLOracleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// OpenSSL refused the key material; `detail` is OpenSSL's own error text.
    case keyRejected(detail: String)
    /// An OpenSSL call failed for another reason (allocation, provider, ...).
    case operationFailed(function: String, detail: String)

    public var description: String {
        switch self {
        case .keyRejected(let detail): "OpenSSL rejected the key: \(detail)"
        case .operationFailed(let function, let detail): "OpenSSL \(function) failed: \(detail)"
        }
    }

    /// Drains OpenSSL's thread-local error queue into one line, so no stale error leaks into a later call.
    static func drainErrorQueue() -> String {
        var messages: [String] = []
        // The queue holds at most 16 entries (ERR_NUM_ERRORS); the bound guards against surprises.
        for _ in 0..<32 {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error recorded" : messages.joined(separator: "; ")
    }
}

/// Runs `body` with a pointer that is never nil, even for an empty array: OpenSSL rejects
/// some NULL inputs even when their length is zero.
@inline(__always)
func withNonNullBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { buffer in
        if let base = buffer.baseAddress { return try body(base, buffer.count) }
        var placeholder: UInt8 = 0
        return try withUnsafePointer(to: &placeholder) { try body($0, 0) }
    }
}
