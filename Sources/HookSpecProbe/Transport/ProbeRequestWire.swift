/// The exact bytes a `ProbeRequest` puts on the wire for a target.
public enum ProbeRequestWire {
    /// Request line, the case's headers byte for byte (`name: value`), then what the case left out
    /// (`Host`, `Content-Length`, `Connection: close`) unless it set `rawFraming`, then the body.
    public static func bytes(for request: ProbeRequest, target: ProbeTarget) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + request.body.count + request.headers.reduce(0) { $0 + $1.name.count + $1.value.count + 4 })
        out.append(contentsOf: request.method.utf8)
        out.append(0x20)
        out.append(contentsOf: target.requestTarget.utf8)
        out.append(contentsOf: " HTTP/1.1\r\n".utf8)
        for header in request.headers {
            out.append(contentsOf: header.name)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: header.value)
            out.append(contentsOf: crlf)
        }
        if !request.rawFraming {
            if !has("host", in: request) {
                out.append(contentsOf: "Host: \(target.hostHeader)\r\n".utf8)
            }
            if !has("content-length", in: request), !has("transfer-encoding", in: request) {
                out.append(contentsOf: "Content-Length: \(request.body.count)\r\n".utf8)
            }
            // One connection per request: the answer ends when the server closes or the framing says so.
            if !has("connection", in: request) {
                out.append(contentsOf: "Connection: close\r\n".utf8)
            }
        }
        out.append(contentsOf: crlf)
        out.append(contentsOf: request.body)
        return out
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    // ASCII case folding only: a name with other bytes never counts as the standard header.
    private static func has(_ lowercasedName: String, in request: ProbeRequest) -> Bool {
        let wanted = Array(lowercasedName.utf8)
        return request.headers.contains { header in
            header.name.count == wanted.count
                && zip(header.name, wanted).allSatisfy { (($0 >= 65 && $0 <= 90) ? $0 + 32 : $0) == $1 }
        }
    }
}
