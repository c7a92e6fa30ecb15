/// Reads an HTTP header block as `curl -D` or a proxy log writes it (`Name: value` lines).
public enum HeaderBlock {
    /// Why a header block could not be read.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case tooLarge(limit: Int)
        case tooManyLines(limit: Int)
        case malformedLine(number: Int)

        public var description: String {
            switch self {
            case .tooLarge(let limit): "header block is larger than \(limit) bytes"
            case .tooManyLines(let limit): "header block has more than \(limit) lines"
            case .malformedLine(let number): "line \(number) is not `Name: value`"
            }
        }
    }

    /// Largest block accepted.
    public static let maximumBytes = 256 * 1024
    /// Most lines accepted.
    public static let maximumLines = 2000

    /// Parses `text`. A leading status or request line (`HTTP/1.1 200 OK`, `POST /hook HTTP/1.1`)
    /// is skipped; when curl wrote several blocks (redirects, `100 Continue`), the last one counts.
    /// Values lose the optional whitespace around them (RFC 9110 §5.5), as any HTTP server strips it.
    public static func parse(_ text: String) -> Result<HeaderFields, Failure> {
        guard text.utf8.count <= maximumBytes else { return .failure(.tooLarge(limit: maximumBytes)) }
        // "\r\n" is one Character in Swift: comparing with "\n" alone never split a CRLF block.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard lines.count <= maximumLines else { return .failure(.tooManyLines(limit: maximumLines)) }
        var fields = HeaderFields()
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            // A bare CR inside a line is invalid (RFC 9112 §2.2); kept, it would put a line break in a value.
            guard !line.contains("\r") else { return .failure(.malformedLine(number: offset + 1)) }
            if isStartLine(line) {
                fields = HeaderFields()
                continue
            }
            // Bytes, not Characters: a combining mark after `:` or SP would otherwise hide it.
            let bytes = line.utf8
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex else {
                return .failure(.malformedLine(number: offset + 1))
            }
            let name = bytes[..<colon]
            guard !name.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
                return .failure(.malformedLine(number: offset + 1))
            }
            let value = Substring(bytes[bytes.index(after: colon)...]).trimmingOWS()
            fields.append(name: String(Substring(name)), value: String(value))
        }
        return .success(fields)
    }

    private static func isStartLine(_ line: Substring) -> Bool {
        let bytes = line.utf8
        if bytes.starts(with: "HTTP/".utf8) { return true }
        let parts = bytes.split(separator: UInt8(ascii: " "))
        // A method never holds a colon; a field line `Name: a HTTP/x` has one before its first space.
        return parts.count == 3 && parts[2].starts(with: "HTTP/".utf8) && !parts[0].contains(UInt8(ascii: ":"))
    }
}

extension Substring {
    /// Without the SP and HTAB bytes at either end (a combining mark never shields them).
    func trimmingOWS() -> Substring {
        let bytes = utf8
        let isOWS = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isOWS($0) }), let last = bytes.lastIndex(where: { !isOWS($0) }) else {
            return self[endIndex...]
        }
        return Substring(bytes[first...last])
    }
}
