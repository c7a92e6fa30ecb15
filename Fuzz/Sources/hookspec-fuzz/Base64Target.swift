import HookSpecCore

/// Every `Base64Codec` mode: strict decodings re-encode to their input, encodings decode back
/// in every mode, strict acceptance implies the same bytes leniently, sizes stay in bound.
enum Base64Target {
    static let target = FuzzTarget(name: "base64") { input in
        let bytes = Array(input)
        // The input as base64 text under each mode.
        let strict = Base64Codec.decode(bytes: input.assumingMemoryBound(to: UInt8.self), mode: .strict)
        let url = Base64Codec.decode(bytes: input.assumingMemoryBound(to: UInt8.self), mode: .strictURL)
        let lenient = Base64Codec.decode(bytes: input.assumingMemoryBound(to: UInt8.self), mode: .pythonLenient)
        for result in [strict, url, lenient] {
            if case .success(let decoded) = result {
                FuzzCheck.require(decoded.count <= bytes.count * 3 / 4, "decoded more bytes than the text holds")
            }
        }
        if case .success(let decoded) = strict {
            FuzzCheck.require(Array(Base64Codec.encode(decoded).utf8) == bytes, "strict decode does not re-encode to its input")
            FuzzCheck.require(lenient == .success(decoded), "python-lenient reads canonical base64 differently")
        }
        if case .success(let decoded) = url {
            FuzzCheck.require(Array(Base64Codec.encodeURL(decoded).utf8) == bytes, "strict URL decode does not re-encode to its input")
        }
        // The input as bytes to encode.
        let standard = Base64Codec.encode(bytes)
        let urlText = Base64Codec.encodeURL(bytes)
        FuzzCheck.require(standard.utf8.count == (bytes.count + 2) / 3 * 4, "encoded length")
        FuzzCheck.require(Base64Codec.decode(standard, mode: .strict) == .success(bytes), "strict round trip")
        FuzzCheck.require(Base64Codec.decode(standard, mode: .pythonLenient) == .success(bytes), "lenient round trip")
        FuzzCheck.require(Base64Codec.decode(urlText, mode: .strictURL) == .success(bytes), "URL round trip")
        FuzzCheck.require(!urlText.utf8.contains(UInt8(ascii: "=")), "URL encoding padded")
    }
}
