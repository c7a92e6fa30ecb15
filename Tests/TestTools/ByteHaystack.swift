import Foundation

/// Text searched many times for exact needles (leak checks over whole reports), as UTF-8 bytes
/// with `memmem`: `String.contains` in a debug build reads a few MB at tens of MB/s, and one
/// report check asking it 400 times took 20 s.
public struct ByteHaystack: Sendable {
    private let bytes: [UInt8]

    /// The UTF-8 bytes of `text`.
    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Whether `needle`'s UTF-8 bytes occur in the text (an empty needle always does).
    public func contains(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return true }
        return bytes.withUnsafeBytes { haystack in
            pattern.withUnsafeBytes { glibcMemmem(haystack.baseAddress, haystack.count, $0.baseAddress, $0.count) != nil }
        }
    }
}

// glibc's memmem: Swift's Glibc module leaves it out (it is declared only under _GNU_SOURCE); its
// arguments are pointers and sizes, so the C calling convention is the plain one.
@_silgen_name("memmem")
private func glibcMemmem(_ haystack: UnsafeRawPointer?, _ haystackLength: Int, _ needle: UnsafeRawPointer?, _ needleLength: Int) -> UnsafeMutableRawPointer?
