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
        let parsed = token.withContiguousUTF8 { Self.copied($0, maximumBytes: maximumBytes) }
        self = try parsed.get()
    }

    /// Parses the token's bytes.
    public init(bytes: [UInt8], maximumBytes: Int = CompactJWS.defaultMaximumBytes) throws(Rejection) {
        let parsed = bytes.withUnsafeBufferPointer { Self.copied($0, maximumBytes: maximumBytes) }
        self = try parsed.get()
    }

    init(header: JSONObject, payload: [UInt8], signature: [UInt8], signingInput: [UInt8]) {
        self.header = header
        self.payload = payload
        self.signature = signature
        self.signingInput = signingInput
    }

    /// Parses in place, then copies the parts out of the scratch buffer.
    private static func copied(_ token: UnsafeBufferPointer<UInt8>, maximumBytes: Int) -> Result<CompactJWS, Rejection> {
        guard token.count <= maximumBytes else { return .failure(.tokenTooLarge(limit: maximumBytes)) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: token.count) { scratch in
            do throws(Rejection) {
                let layout = try parse(token, maximumBytes: maximumBytes, scratch: scratch)
                guard let header = layout.header else { preconditionFailure("a header that was not skipped is parsed") }
                return .success(CompactJWS(
                    header: header,
                    payload: Array(scratch[layout.payload]),
                    signature: Array(scratch[layout.signature]),
                    signingInput: Array(token[..<layout.signingInputCount])))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Where a token parsed in place keeps its parts: the header parsed, payload and signature
    /// decoded into the caller's scratch buffer, the signing input at the start of the token.
    struct Layout {
        /// The parsed header; nil when the caller asked to skip it.
        let header: JSONObject?
        /// The length of the header segment: where the first dot is.
        let headerSegmentCount: Int
        /// The decoded payload, in the scratch buffer.
        let payload: Range<Int>
        /// The decoded signature, in the scratch buffer.
        let signature: Range<Int>
        /// The length of `BASE64URL(header) "." BASE64URL(payload)`, the token's first bytes.
        let signingInputCount: Int
    }

    /// Checks the structure of the token in `bytes`, decoding its segments into `scratch` (at
    /// least `bytes.count` long), without an allocation beyond the header's JSON values.
    ///
    /// Order: size, segment count, base64url of header, payload, signature, header JSON.
    /// `skippingHeader` is for a caller that already holds the outcome of a header segment
    /// identical to this token's: its decoding and parsing are skipped.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, maximumBytes: Int, scratch: UnsafeMutableBufferPointer<UInt8>,
        skippingHeader: Bool = false
    ) throws(Rejection) -> Layout {
        guard bytes.count <= maximumBytes else { throw .tokenTooLarge(limit: maximumBytes) }
        precondition(scratch.count >= bytes.count, "CompactJWS.parse needs scratch as large as the token")
        let dot = UInt8(ascii: ".")
        let first = Self.nextDot(in: bytes, from: 0)
        let second = first.flatMap { Self.nextDot(in: bytes, from: $0 + 1) }
        guard let first, let second else { throw .tokenSegmentCount(first == nil ? 1 : 2) }
        // Each segment decodes to at most three quarters of its length, so they fit one after
        // another in a buffer as long as the token.
        let header: Range<Int>, payload: Range<Int>, signature: Range<Int>
        do {
            header = skippingHeader ? 0..<0 : try decode(bytes, 0..<first, segment: .header, into: scratch, at: 0)
            payload = try decode(bytes, (first + 1)..<second, segment: .payload, into: scratch, at: header.upperBound)
            signature = try decode(bytes, (second + 1)..<bytes.count, segment: .signature, into: scratch, at: payload.upperBound)
        } catch {
            // A third dot lies in the signature segment, which then cannot decode: the dots are
            // counted only here, and the count is still the fault reported before any base64 fault.
            if Self.nextDot(in: bytes, from: second + 1) != nil { throw .tokenSegmentCount(bytes.count(where: { $0 == dot }) + 1) }
            throw error
        }
        if skippingHeader {
            return Layout(header: nil, headerSegmentCount: first, payload: payload, signature: signature, signingInputCount: second)
        }

        let parsedHeader: JSONValue
        do {
            parsedHeader = try StrictJSONParser(maximumSize: maximumBytes, maximumDepth: 16)
                .parse(buffer: UnsafeBufferPointer(rebasing: scratch[header]))
        } catch {
            if case .duplicateMember(let name) = error { throw .tokenDuplicateMember(Self.printable(name)) }
            throw .tokenHeaderInvalid("header is not strict JSON: \(error)")
        }
        guard let headerObject = parsedHeader.objectValue else {
            throw .tokenHeaderInvalid("header is a JSON \(parsedHeader.typeName), not an object")
        }
        return Layout(header: headerObject, headerSegmentCount: first, payload: payload, signature: signature, signingInputCount: second)
    }

    /// The `alg` header member, if it is a string.
    public var algorithm: String? { header["alg"]?.stringValue }

    /// The `kid` header member, if it is a string.
    public var keyID: String? { header["kid"]?.stringValue }

    /// Parses the payload as a JWT claims set: a JSON object with unique member names (RFC 7519 §7.2).
    public func claims() throws(Rejection) -> JSONObject {
        try payload.withUnsafeBufferPointer { payload throws(Rejection) in try Self.claims(in: payload) }
    }

    /// Parses decoded payload bytes as a JWT claims set.
    static func claims(in payload: UnsafeBufferPointer<UInt8>) throws(Rejection) -> JSONObject {
        let parsed: JSONValue
        do {
            parsed = try StrictJSONParser(maximumSize: Self.defaultMaximumBytes, maximumDepth: 32).parse(buffer: payload)
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

    /// Decodes the segment at `range` of `token` into `scratch` from `offset`; returns where it went.
    private static func decode(
        _ token: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, segment: TokenSegment,
        into scratch: UnsafeMutableBufferPointer<UInt8>, at offset: Int
    ) throws(Rejection) -> Range<Int> {
        let result = Base64Codec.decodeStrictURL(
            UnsafeBufferPointer(rebasing: token[range]), into: UnsafeMutableBufferPointer(rebasing: scratch[offset...]))
        guard case .success(let count) = result else { throw .tokenBase64(segment) }
        return offset..<(offset + count)
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
