import HookSpecCore

/// Finds what an answer body must never contain (SPEC §6): the expected signature, the secret,
/// a stack trace. It reports which kind leaked, never the leaked text itself.
public struct LeakDetector: Sendable {
    /// What leaked.
    public enum Leak: String, Sendable, Hashable {
        case expectedSignature = "the expected signature"
        case secret = "the signing secret"
        case stackTrace = "a stack trace"
    }

    private let secretForms: [[UInt8]]

    /// Markers of stack traces in the languages receivers are written in.
    static let stackTraceMarkers: [String] = [
        "Traceback (most recent call last)", "File \"/", ".py\", line ", "Exception in thread",
        "\tat java.", "\tat org.", "at java.base/", "goroutine ", "panic: ", "Fatal error:", ".swift:",
        "    at Object.", "    at Module.", "    at process", "node:internal", "at async ",
        "System.Exception", "stack backtrace:", "RUST_BACKTRACE", "NullPointerException",
        "Stack trace:", "#0 /", "backtrace:",
    ]

    /// A detector for leaks of the run's keys (`ProbeKeys.confidentialForms`).
    public init(confidentialForms: [[UInt8]]) {
        secretForms = confidentialForms.filter { $0.count >= 20 }
    }

    /// A detector for leaks of a `v1` secret.
    public init(secret: WebhookSecret) {
        self.init(confidentialForms: ProbeKeys.v1(HMACRunKeys(secret: secret)).confidentialForms)
    }

    /// Leaks in `body`, given the values a receiver with the keys would have computed (`PreparedRequest.confidential`).
    public func leaks(in body: [UInt8], confidential: [[UInt8]]) -> [Leak] {
        guard !body.isEmpty else { return [] }
        var found: [Leak] = []
        // A 20-character prefix is enough to recognise a MAC and survives truncated messages.
        let expectedLeaked = confidential.filter { !$0.isEmpty }.contains { value in
            let base64 = Array(Base64Codec.encode(value).utf8.prefix(20))
            let url = Array(Base64Codec.encodeURL(value).utf8.prefix(20))
            let hex = Array(DeliveryCraft.hex(value).utf8.prefix(20))
            return Self.contains(body, base64) || Self.contains(body, url) || Self.containsCaseInsensitive(body, hex)
        }
        if expectedLeaked { found.append(.expectedSignature) }
        if secretForms.contains(where: { Self.contains(body, Array($0.prefix(20))) }) {
            found.append(.secret)
        }
        if Self.stackTraceMarkers.contains(where: { Self.contains(body, Array($0.utf8)) }) {
            found.append(.stackTrace)
        }
        return found
    }

    /// `body` with every known secret or expected-MAC form replaced by a placeholder, for reports.
    public func redacted(_ body: [UInt8], confidential: [[UInt8]]) -> [UInt8] {
        var needles = secretForms.map { (Array($0.prefix(20)), Array("<redacted: secret>".utf8)) }
        for value in confidential where !value.isEmpty {
            for form in [Base64Codec.encode(value), Base64Codec.encodeURL(value), DeliveryCraft.hex(value)] {
                needles.append((Array(form.utf8.prefix(20)), Array("<redacted: expected signature>".utf8)))
            }
        }
        var out = body
        for (needle, replacement) in needles {
            out = Self.replacing(needle, with: replacement, in: out)
        }
        return out
    }

    private static func isEncodingCharacter(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: haystack, from: 0) != nil
    }

    static func containsCaseInsensitive(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        contains(haystack.map(lower), needle.map(lower))
    }

    private static func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Replaces each `needle` and the base64/hex characters that continue it, so a recognised
    /// prefix never leaves the rest of a MAC or key behind.
    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while let found = firstIndex(of: needle, in: haystack, from: start) {
            out.append(contentsOf: haystack[start..<found])
            out.append(contentsOf: replacement)
            start = found + needle.count
            while start < haystack.count, isEncodingCharacter(haystack[start]) { start += 1 }
        }
        out.append(contentsOf: haystack[start...])
        return out
    }
}
