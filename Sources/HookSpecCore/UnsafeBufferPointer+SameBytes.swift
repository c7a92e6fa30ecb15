extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether both hold the same bytes, eight per step: for public bytes (names, header segments,
    /// claim values), where the time taken may depend on where they differ.
    @inline(__always)
    func sameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard let left = baseAddress, let right = other.baseAddress else { return true }
        var offset = 0
        while offset + 8 <= count {
            guard UnsafeRawPointer(left + offset).loadUnaligned(as: UInt64.self)
                == UnsafeRawPointer(right + offset).loadUnaligned(as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < count {
            guard left[offset] == right[offset] else { return false }
            offset += 1
        }
        return true
    }
}
