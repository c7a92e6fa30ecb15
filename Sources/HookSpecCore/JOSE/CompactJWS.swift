/// A compact JWS split and decoded strictly, before any key or claim is looked at (RFC 7515 §7.1, SPEC §3.3).
///
/// Parsing only proves the token is well formed: three strict base64url segments and a JSON
/// object header with unique member names. The payload stays bytes; a JWT verifier parses it as
/// claims only after the signature verified, so unauthenticated claims are never acted on.
public struct CompactJWS: Sendable, Hashable {
    /// Largest token accepted by default, in bytes (SPEC §3.3).
    public static let defaultMaximumBytes = 16 * 1024

    /// The decoded protected header.
    public let header: JSONObject
    /// The decoded payload bytes.
    public let payload: [UInt8]
    /// The decoded signature bytes.
    public let signature: [UInt8]
    /// `BASE64URL(header) "." BASE64URL(payload)`: the bytes the signature covers.
    public let signingInput: [UInt8]

    /// Parses `token` (the text of one header value), rejecting the first structural fault.
    public init(parsing token: String, maximumBytes: Int = CompactJWS.defaultMaximumBytes) throws(Rejection) {
        try self.init(bytes: Array(token.utf8), maximumBytes: maximumBytes)
    }

    /// Parses the token's bytes.
    public init(bytes: [UInt8], maximumBytes: Int = CompactJWS.defaultMaximumBytes) throws(Rejection) {
        guard bytes.count <= maximumBytes else { throw .tokenTooLarge(limit: maximumBytes) }
        let dot = UInt8(ascii: ".")
        // The first three dots, without a list: a token has two, and past three the exact
        // count is only needed for the error.
        let (first, second, third) = bytes.withUnsafeBufferPointer { buffer in
            let first = Self.nextDot(in: buffer, from: 0)
            let second = first.flatMap { Self.nextDot(in: buffer, from: $0 + 1) }
            let third = second.flatMap { Self.nextDot(in: buffer, from: $0 + 1) }
            return (first, second, third)
        }
        guard let first, let second, third == nil else {
            let segments = third != nil ? bytes.count(where: { $0 == dot }) + 1 : (first == nil ? 1 : 2)
            throw .tokenSegmentCount(segments)
        }
        let headerText = bytes[..<first]
        let payloadText = bytes[(first + 1)..<second]
        let signatureText = bytes[(second + 1)...]

        let headerBytes = try Self.decode(headerText, segment: .header)
        let payloadBytes = try Self.decode(payloadText, segment: .payload)
        let signatureBytes = try Self.decode(signatureText, segment: .signature)

        let parsedHeader: JSONValue
        do {
            parsedHeader = try StrictJSONParser(maximumSize: maximumBytes, maximumDepth: 16).parse(headerBytes)
        } catch {
            if case .duplicateMember(let name) = error { throw .tokenDuplicateMember(Self.printable(name)) }
            throw .tokenHeaderInvalid("header is not strict JSON: \(error)")
        }
        guard let headerObject = parsedHeader.objectValue else {
            throw .tokenHeaderInvalid("header is a JSON \(parsedHeader.typeName), not an object")
        }
        self.header = headerObject
        self.payload = payloadBytes
        self.signature = signatureBytes
        self.signingInput = Array(bytes[..<second])
    }

    /// The `alg` header member, if it is a string.
    public var algorithm: String? { header["alg"]?.stringValue }

    /// The `kid` header member, if it is a string.
    public var keyID: String? { header["kid"]?.stringValue }

    /// Parses the payload as a JWT claims set: a JSON object with unique member names (RFC 7519 §7.2).
    public func claims() throws(Rejection) -> JSONObject {
        let parsed: JSONValue
        do {
            parsed = try StrictJSONParser(maximumSize: Self.defaultMaximumBytes, maximumDepth: 32).parse(payload)
        } catch {
            if case .duplicateMember(let name) = error { throw .tokenDuplicateMember(Self.printable(name)) }
            throw .tokenClaimsInvalid("claims are not strict JSON: \(error)")
        }
        guard let object = parsed.objectValue else {
            throw .tokenClaimsInvalid("claims are a JSON \(parsed.typeName), not an object")
        }
        return object
    }

    /// The offset of the next `.` at or after `start`, eight bytes per step where there is none
    /// (a zero byte in `word ^ dots` marks a dot); tokens are hundreds of bytes with two dots.
    static func nextDot(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let dots: UInt64 = 0x2E2E_2E2E_2E2E_2E2E
        var offset = start
        while offset + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self) ^ dots
            if (word &- ones) & ~word & highs != 0 { break }
            offset += 8
        }
        while offset < bytes.count {
            if base[offset] == UInt8(ascii: ".") { return offset }
            offset += 1
        }
        return nil
    }

    private static func decode(_ text: ArraySlice<UInt8>, segment: TokenSegment) throws(Rejection) -> [UInt8] {
        let result = text.withUnsafeBufferPointer { Base64Codec.decode(bytes: $0, mode: .strictURL) }
        guard case .success(let decoded) = result else { throw .tokenBase64(segment) }
        return decoded
    }

    /// Attacker-chosen names go into error messages; keep them short and on one line.
    static func printable(_ text: String) -> String {
        let limit = 64
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit + 1).map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
        return cleaned.unicodeScalars.count > limit ? String(cleaned.unicodeScalars.prefix(limit)) + "…" : cleaned
    }
}
