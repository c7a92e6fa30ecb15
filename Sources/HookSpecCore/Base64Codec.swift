/// Base64 in the exact dialects the protocols need, so that "canonical" means one thing.
///
/// Foundation's decoder is not used: its handling of padding bits and stray characters differs
/// between platforms, and strict mode must be the same everywhere.
public enum Base64Codec {
    /// How strictly to read base64 text.
    public enum Mode: Sendable, Hashable {
        /// RFC 4648 §4 standard alphabet, `=` padding required, zero padding bits, nothing else.
        case strict
        /// RFC 4648 §5 URL alphabet, no padding, zero padding bits (RFC 7515 §2).
        case strictURL
        /// What Python's `base64.b64decode` accepts without `validate=True`: stray characters
        /// dropped, padding bits ignored, input after the completing pad ignored.
        case pythonLenient
    }

    /// Why a decode failed.
    public enum Failure: Error, Sendable, Hashable {
        case invalidCharacter
        case invalidLength
        case badPadding
        case nonZeroPaddingBits
    }

    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let standardTable: [UInt8] = makeTable(standardAlphabet)
    private static let urlTable: [UInt8] = makeTable(urlAlphabet)
    private static let standardPlaced: [UInt32] = makePlacedTable(standardTable)
    private static let urlPlaced: [UInt32] = makePlacedTable(urlTable)

    /// Marks a character outside the alphabet in a placed table (above the 24 data bits).
    private static let placedInvalid: UInt32 = 0x0100_0000

    /// Four tables of 256 entries, one per position in a quad: the character's 6 bits already
    /// shifted to their place in the quad's 24-bit group, so that a group is four lookups ORed.
    private static func makePlacedTable(_ table: [UInt8]) -> [UInt32] {
        var placed = [UInt32](repeating: 0, count: 4 * 256)
        for position in 0..<4 {
            for byte in 0..<256 {
                let value = table[byte]
                placed[position * 256 + byte] = value == 0xFF ? placedInvalid : UInt32(value) << UInt32(18 - 6 * position)
            }
        }
        return placed
    }

    private static func makeTable(_ alphabet: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }

    /// Standard alphabet with padding.
    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        encode(bytes, alphabet: standardAlphabet, padded: true)
    }

    /// URL alphabet without padding (JWS).
    public static func encodeURL<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        encode(bytes, alphabet: urlAlphabet, padded: false)
    }

    private static func encode<Bytes: Collection>(_ bytes: Bytes, alphabet: [UInt8], padded: Bool) -> String
    where Bytes.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            let b1 = iterator.next()
            let b2 = iterator.next()
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
            if let b1 {
                out.append(alphabet[Int((b1 & 0x0F) << 2 | (b2 ?? 0) >> 6)])
            } else if padded {
                out.append(UInt8(ascii: "="))
            }
            if let b2 {
                out.append(alphabet[Int(b2 & 0x3F)])
            } else if padded {
                out.append(UInt8(ascii: "="))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `text` under `mode`.
    public static func decode(_ text: some StringProtocol, mode: Mode) -> Result<[UInt8], Failure> {
        text.withContiguousUTF8 { decode(bytes: $0, mode: mode) }
    }

    /// Decodes raw ASCII bytes under `mode`.
    public static func decode(bytes: UnsafeBufferPointer<UInt8>, mode: Mode) -> Result<[UInt8], Failure> {
        switch mode {
        case .strict: return decodeStrict(bytes, table: standardTable, placed: standardPlaced, padded: true)
        case .strictURL: return decodeStrict(bytes, table: urlTable, placed: urlPlaced, padded: false)
        case .pythonLenient: return decodePythonLenient(bytes)
        }
    }

    private static func decodeStrict(_ input: UnsafeBufferPointer<UInt8>, table: [UInt8], placed: [UInt32], padded: Bool) -> Result<[UInt8], Failure> {
        var result: Result<Int, Failure> = .success(0)
        let out = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3 + 3) { buffer, count in
            result = decodeStrict(input, table: table, placed: placed, padded: padded, into: buffer)
            count = (try? result.get()) ?? 0
        }
        return result.map { _ in out }
    }

    /// Strict standard-alphabet decoding into `output`, for callers that decode into stack
    /// buffers; returns the byte count (`invalidLength` if `output` is too small).
    static func decodeStrict(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Result<Int, Failure> {
        decodeStrict(input, table: standardTable, placed: standardPlaced, padded: true, into: output)
    }

    /// Strict URL-alphabet decoding (JWS segments) into `output`; as `decodeStrict(_:into:)`.
    static func decodeStrictURL(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Result<Int, Failure> {
        decodeStrict(input, table: urlTable, placed: urlPlaced, padded: false, into: output)
    }

    private static func decodeStrict(
        _ input: UnsafeBufferPointer<UInt8>, table: [UInt8], placed: [UInt32], padded: Bool,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<Int, Failure> {
        var dataCount = input.count
        if padded {
            guard input.count % 4 == 0 else { return .failure(.invalidLength) }
            if dataCount > 0, input[dataCount - 1] == UInt8(ascii: "=") { dataCount -= 1 }
            if dataCount > 0, input[dataCount - 1] == UInt8(ascii: "=") { dataCount -= 1 }
        } else if input.count % 4 == 1 {
            return .failure(.invalidLength)
        }
        let remainder = dataCount % 4
        if remainder == 1 { return .failure(padded ? .badPadding : .invalidLength) }
        guard dataCount * 6 / 8 <= output.count else { return .failure(.invalidLength) }
        guard dataCount > 0, let source = input.baseAddress, let target = output.baseAddress else { return .success(0) }
        // Four characters to three bytes per step (this runs on every entry and token segment);
        // 0xFF marks a character outside the alphabet, and any such quad is re-read in order
        // so the error names the first bad character, as a one-by-one reader would.
        return table.withUnsafeBufferPointer { values -> Result<Int, Failure> in
            func firstBad(from start: Int) -> Failure {
                var index = start
                while values[Int(source[index])] != 0xFF { index += 1 }
                return source[index] == UInt8(ascii: "=") ? .badPadding : .invalidCharacter
            }
            var read = 0, written = 0
            // Eight characters per step (one load, eight lookups, one store of six bytes plus
            // two that the next step or the tail overwrites), while the output has room for them.
            placed.withUnsafeBufferPointer { placed in
                while read + 8 <= dataCount, written + 8 <= output.count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(source + read).loadUnaligned(as: UInt64.self))
                    @inline(__always) func character(_ index: UInt64) -> Int { Int(truncatingIfNeeded: word >> (8 * index) & 0xFF) }
                    let first = placed[character(0)] | placed[256 + character(1)] | placed[512 + character(2)] | placed[768 + character(3)]
                    let second = placed[character(4)] | placed[256 + character(5)] | placed[512 + character(6)] | placed[768 + character(7)]
                    // A bad character: the quad loop below finds it and names it.
                    if (first | second) & placedInvalid != 0 { break }
                    let group = UInt64(first) << 40 | UInt64(second) << 16
                    UnsafeMutableRawPointer(target + written).storeBytes(of: group.bigEndian, as: UInt64.self)
                    read += 8
                    written += 6
                }
            }
            while read + 4 <= dataCount {
                let a = values[Int(source[read])], b = values[Int(source[read + 1])]
                let c = values[Int(source[read + 2])], d = values[Int(source[read + 3])]
                if (a | b | c | d) & 0x80 != 0 { return .failure(firstBad(from: read)) }
                target[written] = a << 2 | b >> 4
                target[written + 1] = b << 4 | c >> 2
                target[written + 2] = c << 6 | d
                read += 4
                written += 3
            }
            switch dataCount - read {
            case 2:
                let a = values[Int(source[read])], b = values[Int(source[read + 1])]
                if (a | b) & 0x80 != 0 { return .failure(firstBad(from: read)) }
                target[written] = a << 2 | b >> 4
                if b & 0x0F != 0 { return .failure(.nonZeroPaddingBits) }
                written += 1
            case 3:
                let a = values[Int(source[read])], b = values[Int(source[read + 1])], c = values[Int(source[read + 2])]
                if (a | b | c) & 0x80 != 0 { return .failure(firstBad(from: read)) }
                target[written] = a << 2 | b >> 4
                target[written + 1] = b << 4 | c >> 2
                if c & 0x03 != 0 { return .failure(.nonZeroPaddingBits) }
                written += 2
            default:
                break  // 0; 1 was rejected above
            }
            return .success(written)
        }
    }

    // Mirrors CPython's binascii.a2b_base64 with strict_mode=False (3.11), which
    // `base64.b64decode` uses and the Python Standard Webhooks library relies on.
    // That library passes header values and secrets as `str`, and `b64decode` refuses a `str`
    // with any non-ASCII character (ValueError) before a2b_base64 could skip it as a stray byte.
    private static func decodePythonLenient(_ input: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], Failure> {
        if input.contains(where: { $0 >= 0x80 }) { return .failure(.invalidCharacter) }
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 4)
        var quadPosition = 0
        var leftChar: UInt8 = 0
        var pads = 0
        for byte in input {
            if byte == UInt8(ascii: "=") {
                pads += 1
                if quadPosition >= 2 && quadPosition + pads >= 4 {
                    return .success(out)
                }
                continue
            }
            let value = standardTable[Int(byte)]
            if value == 0xFF { continue }
            pads = 0
            switch quadPosition {
            case 0:
                quadPosition = 1
                leftChar = value
            case 1:
                quadPosition = 2
                out.append(leftChar << 2 | value >> 4)
                leftChar = value & 0x0F
            case 2:
                quadPosition = 3
                out.append(leftChar << 4 | value >> 2)
                leftChar = value & 0x03
            default:
                quadPosition = 0
                out.append(leftChar << 6 | value)
                leftChar = 0
            }
        }
        if quadPosition != 0 { return .failure(quadPosition == 1 ? .invalidLength : .badPadding) }
        return .success(out)
    }
}
