extension StringProtocol {
    /// Runs `body` on the text's UTF-8 bytes: in place for native strings (the usual case,
    /// no copy), through a temporary array otherwise.
    func withContiguousUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
