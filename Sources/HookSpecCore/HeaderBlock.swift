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

    /// Parses `text` as its UTF-8 bytes (see `parse(_:)` on bytes).
    public static func parse(_ text: String) -> Result<HeaderFields, Failure> {
        parse(Array(text.utf8))
    }

    /// Parses a header block on bytes, so CRLF and LF line ends both work (in Swift `"\r\n"` is
    /// one `Character`, so splitting text on `"\n"` would leave a `curl -D` file one long line).
    /// A leading status or request line (`HTTP/1.1 200 OK`, `POST /hook HTTP/1.1`) is skipped;
    /// when curl wrote several blocks (redirects, `100 Continue`), the last one counts.
    /// Values lose the optional whitespace around them (RFC 9110 §5.5), as any HTTP server strips it.
    public static func parse(_ bytes: [UInt8]) -> Result<HeaderFields, Failure> {
        guard bytes.count <= maximumBytes else { return .failure(.tooLarge(limit: maximumBytes)) }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count <= maximumLines else { return .failure(.tooManyLines(limit: maximumLines)) }
        var fields = HeaderFields()
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            // A bare CR inside a line is invalid (RFC 9112 §2.2); kept, it would put a line break in a value.
            guard !line.contains(UInt8(ascii: "\r")) else { return .failure(.malformedLine(number: offset + 1)) }
            if isStartLine(line) {
                fields = HeaderFields()
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon != line.startIndex else {
                return .failure(.malformedLine(number: offset + 1))
            }
            let name = line[..<colon]
            guard !name.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) else {
                return .failure(.malformedLine(number: offset + 1))
            }
            let value = trimmingOWS(line[line.index(after: colon)...])
            fields.append(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        }
        return .success(fields)
    }

    private static func trimmingOWS(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes
        while let first = result.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { result = result.dropFirst() }
        while let last = result.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { result = result.dropLast() }
        return result
    }

    private static func isStartLine(_ line: ArraySlice<UInt8>) -> Bool {
        if line.starts(with: "HTTP/".utf8) { return true }
        let parts = line.split(separator: UInt8(ascii: " "))
        // A method never holds a colon; a field line `Name: a HTTP/x` has one before its first space.
        return parts.count == 3 && parts[2].starts(with: "HTTP/".utf8) && !parts[0].contains(UInt8(ascii: ":"))
    }
}
