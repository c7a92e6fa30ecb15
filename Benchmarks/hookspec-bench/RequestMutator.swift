import HookSpecProbe
import SeededRandom

/// Random mutations of a probe request for the receiver load benchmark: bytes flipped in header
/// names, values and the body, headers dropped or doubled, control bytes injected, odd methods and
/// framing. A mutation never announces more body than it sends, so no request waits on the
/// receiver's body deadline (the slow clients test that on purpose).
enum RequestMutator {
    static func mutate(_ request: ProbeRequest, using generator: inout SplitMix64) -> ProbeRequest {
        var mutated = request
        let rounds = Int.random(in: 1...3, using: &generator)
        for _ in 0..<rounds {
            switch Int.random(in: 0..<9, using: &generator) {
            case 0: flipByte(inHeaderValue: &mutated, using: &generator)
            case 1: flipByte(inHeaderName: &mutated, using: &generator)
            case 2: if !mutated.body.isEmpty { flip(&mutated.body, using: &generator) }
            case 3: if !mutated.headers.isEmpty { mutated.headers.remove(at: Int.random(in: 0..<mutated.headers.count, using: &generator)) }
            case 4:
                if let header = mutated.headers.randomElement(using: &generator) { mutated.headers.append(header) }
            case 5:
                // CR, LF, NUL, DEL or a byte above 0x7F in the middle of a value.
                let bad: [UInt8] = [0x0D, 0x0A, 0x00, 0x7F, 0xFF, 0x0D, 0x0A]
                if let index = mutated.headers.indices.randomElement(using: &generator) {
                    let value = mutated.headers[index].value
                    let at = Int.random(in: 0...value.count, using: &generator)
                    mutated.headers[index].value.insert(bad[Int.random(in: 0..<bad.count, using: &generator)], at: at)
                }
            case 6:
                mutated.method = ["GET", "PUT", "P0ST", "post", "DELETE", "OPTIONS", "PATCH"].randomElement(using: &generator) ?? "GET"
            case 7:
                // Framing the receiver must refuse or read exactly: shorter or unparsable lengths only.
                let lengths = ["-1", "abc", "1, 2", "0x10", "", "0", "\(max(0, mutated.body.count - 1))", "+\(mutated.body.count)"]
                mutated.rawFraming = true
                mutated.headers.removeAll { asciiLowercased($0.name) == Array("content-length".utf8) }
                mutated.headers.append((name: Array("Content-Length".utf8), value: Array((lengths.randomElement(using: &generator) ?? "0").utf8)))
                mutated.headers.append((name: Array("Host".utf8), value: Array("127.0.0.1".utf8)))
                mutated.headers.append((name: Array("Connection".utf8), value: Array("close".utf8)))
            default:
                // A truncated or padded body under the transport's own Content-Length (padded only under the
                // case's own framing, which then leaves extra bytes after the request).
                if Bool.random(using: &generator), !mutated.body.isEmpty, !mutated.rawFraming {
                    mutated.body.removeLast(Int.random(in: 1...mutated.body.count, using: &generator))
                } else {
                    mutated.body.append(contentsOf: (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                }
            }
        }
        return mutated
    }

    private static func flipByte(inHeaderValue request: inout ProbeRequest, using generator: inout SplitMix64) {
        guard let index = request.headers.indices.randomElement(using: &generator), !request.headers[index].value.isEmpty else { return }
        flip(&request.headers[index].value, using: &generator)
    }

    private static func flipByte(inHeaderName request: inout ProbeRequest, using generator: inout SplitMix64) {
        guard let index = request.headers.indices.randomElement(using: &generator), !request.headers[index].name.isEmpty else { return }
        flip(&request.headers[index].name, using: &generator)
    }

    private static func flip(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
    }

    private static func asciiLowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }
}
