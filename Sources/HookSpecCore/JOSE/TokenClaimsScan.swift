/// A JWT claims set read in place: one pass proves the payload strict JSON and records where each
/// top-level member lies, and a value is built only when a claim rule reads it.
///
/// The scan only speeds up what `CompactJWS.claims(in:)` decides, so it handles the shape real
/// claims sets have and nothing else: an object of at most `memberLimit` members, ASCII throughout,
/// no escape and no control character in any string, no object inside it, arrays at most
/// `arrayDepthLimit` deep. For any other payload, and for every fault, it gives nil and the caller
/// parses the payload with `StrictJSONParser`, which decides and names the fault. So the scan must
/// be sound, not complete: whatever it accepts, the parser accepts with the same members in the
/// same order (`TokenClaimsScanTests` and the `claims-scan` fuzz target check that, and that the
/// scan accepts every payload of its shape the parser accepts). ASCII names without escapes are
/// equal exactly when their bytes are, so comparing bytes finds the duplicates the parser finds.
package struct TokenClaimsScan: TokenClaimLookup {
    /// Where one member's name (without quotes) and value (its whole JSON text) lie in the payload.
    package struct Member {
        package let name: Range<Int>
        package let value: Range<Int>
    }

    /// Claims sets have a handful of members; larger objects go to the parser.
    package static let memberLimit = 16
    /// `aud` is an array of strings; deeper nesting goes to the parser.
    package static let arrayDepthLimit = 4

    package let payload: UnsafeBufferPointer<UInt8>
    package let members: UnsafeBufferPointer<Member>

    /// Scans `payload` and runs `body` on the scan, or on nil when the strict parser must read it.
    /// The scan lives only during `body`.
    package static func withScan<R>(of payload: UnsafeBufferPointer<UInt8>, _ body: (TokenClaimsScan?) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Member.self, capacity: memberLimit) { storage in
            guard let count = scanMembers(of: payload, into: storage) else { return body(nil) }
            // Members are plain ranges: nothing to deinitialize.
            return body(TokenClaimsScan(payload: payload, members: UnsafeBufferPointer(rebasing: storage[..<count])))
        }
    }

    package func claim(_ name: String) -> JSONValue? {
        guard let member = member(named: name) else { return nil }
        // The value alone is a JSON text the scan already checked, so the parser reads it as it
        // reads it inside the object; arrays are shallower than the parser's depth limit either way.
        do {
            return try StrictJSONParser(maximumSize: payload.count, maximumDepth: Self.arrayDepthLimit + 1)
                .parse(buffer: UnsafeBufferPointer(rebasing: payload[member.value]))
        } catch {
            preconditionFailure("a value the claims scan accepted is strict JSON (\(error))")
        }
    }

    package func integerClaim(_ name: String) -> Int64? {
        guard let member = member(named: name) else { return nil }
        // An integer the scan accepted is `-?(0|[1-9][0-9]*)`; up to 18 digits it fits, and reads
        // as `Int64(text)` reads it. Longer ones, fractions and other types take the parser's way.
        var offset = member.value.lowerBound
        let negative = payload[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        guard member.value.upperBound - offset <= 18 else { return claim(name)?.int64Value }
        var magnitude: Int64 = 0
        while offset < member.value.upperBound {
            let digit = payload[offset] &- UInt8(ascii: "0")
            guard digit < 10 else { return claim(name)?.int64Value }
            magnitude = magnitude * 10 + Int64(digit)
            offset += 1
        }
        return negative ? -magnitude : magnitude
    }

    package func withStringClaim<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let member = member(named: name), payload[member.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
        // Every string the scan accepts is plain: its bytes between the quotes are its value.
        return body(UnsafeBufferPointer(rebasing: payload[(member.value.lowerBound + 1)..<(member.value.upperBound - 1)]))
    }

    private func member(named name: String) -> Member? {
        name.withContiguousUTF8 { wanted in
            members.first { UnsafeBufferPointer(rebasing: payload[$0.name]).sameBytes(as: wanted) }
        }
    }

    /// The number of members recorded in `storage`, or nil when the payload is not of the scan's
    /// shape or not strict JSON.
    static func scanMembers(of payload: UnsafeBufferPointer<UInt8>, into storage: UnsafeMutableBufferPointer<Member>) -> Int? {
        precondition(storage.count >= memberLimit, "TokenClaimsScan needs room for memberLimit members")
        // The parser's limit on claims; ASCII text is valid UTF-8 and has no canonical equivalents.
        guard payload.count <= CompactJWS.defaultMaximumBytes, StrictJSONParser.isASCII(payload) else { return nil }
        var cursor = JSONCursor(bytes: payload, maximumDepth: arrayDepthLimit)
        var count = 0
        // The cursor's errors and the scan's refusals end the same way: the parser reads the
        // payload and names its fault, if it has one. None of them is shown.
        do throws(StrictJSONError) {
            cursor.skipWhitespace()
            guard try cursor.peek() == UInt8(ascii: "{") else { return nil }
            cursor.offset += 1
            cursor.skipWhitespace()
            if try cursor.peek() == UInt8(ascii: "}") {
                cursor.offset += 1
            } else {
                while true {
                    cursor.skipWhitespace()
                    guard try cursor.peek() == UInt8(ascii: "\""), let nameEnd = cursor.plainStringEnd(from: cursor.offset + 1) else {
                        return nil
                    }
                    let name = (cursor.offset + 1)..<nameEnd
                    cursor.offset = nameEnd + 1
                    cursor.skipWhitespace()
                    guard try cursor.peek() == UInt8(ascii: ":") else { return nil }
                    cursor.offset += 1
                    cursor.skipWhitespace()
                    let valueStart = cursor.offset
                    guard try skipValue(&cursor, arrayDepth: 0), count < memberLimit else { return nil }
                    let nameBytes = UnsafeBufferPointer(rebasing: payload[name])
                    for earlier in storage[..<count] where UnsafeBufferPointer(rebasing: payload[earlier.name]).sameBytes(as: nameBytes) {
                        return nil
                    }
                    storage.initializeElement(at: count, to: Member(name: name, value: valueStart..<cursor.offset))
                    count += 1
                    cursor.skipWhitespace()
                    let next = try cursor.peek()
                    cursor.offset += 1
                    if next == UInt8(ascii: "}") { break }
                    guard next == UInt8(ascii: ",") else { return nil }
                }
            }
            cursor.skipWhitespace()
            guard cursor.atEnd else { return nil }
            return count
        } catch {
            return nil
        }
    }

    /// Moves past one value of the scan's shape; false when the value is of another shape.
    private static func skipValue(_ cursor: inout JSONCursor, arrayDepth: Int) throws(StrictJSONError) -> Bool {
        switch try cursor.peek() {
        case UInt8(ascii: "\""):
            guard let end = cursor.plainStringEnd(from: cursor.offset + 1) else { return false }
            cursor.offset = end + 1
        case UInt8(ascii: "t"): try cursor.expect("true")
        case UInt8(ascii: "f"): try cursor.expect("false")
        case UInt8(ascii: "n"): try cursor.expect("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try cursor.skipNumber()
        case UInt8(ascii: "[") where arrayDepth < arrayDepthLimit:
            cursor.offset += 1
            cursor.skipWhitespace()
            if try cursor.peek() == UInt8(ascii: "]") {
                cursor.offset += 1
                return true
            }
            while true {
                cursor.skipWhitespace()
                guard try skipValue(&cursor, arrayDepth: arrayDepth + 1) else { return false }
                cursor.skipWhitespace()
                let next = try cursor.peek()
                cursor.offset += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else { return false }
            }
        default:
            // Objects (their names would need duplicate checks), deep arrays, and bytes that
            // start no value.
            return false
        }
        return true
    }
}
