import HookSpecCore
import Testing

/// StrictJSONParser: RFC 8259 plus the rejections RFC 7515 §4 and RFC 8725 ask for.
@Suite("StrictJSONParser")
struct StrictJSONParserTests {
    let parser = StrictJSONParser()

    func parse(_ text: String) -> Result<JSONValue, StrictJSONError> {
        Result { () throws(StrictJSONError) in try parser.parse(text) }
    }

    func parse(bytes: [UInt8]) -> Result<JSONValue, StrictJSONError> {
        Result { () throws(StrictJSONError) in try parser.parse(bytes) }
    }

    @Test("Duplicate member names are rejected, also when spelled with escapes or nested")
    func duplicates() {
        #expect(parse(#"{"a":1,"a":2}"#) == .failure(.duplicateMember("a")))
        #expect(parse(#"{"a":1,"\u0061":2}"#) == .failure(.duplicateMember("a")))
        #expect(parse(#"{"x":{"b":true,"b":false}}"#) == .failure(.duplicateMember("b")))
        #expect(parse(#"[{"k":1},{"k":1}]"#).isSuccess)   // same name in different objects is fine
        #expect(parse(#"{"a":1,"A":2}"#).isSuccess)        // names are case-sensitive
    }

    @Test("Surrogates: pairs decode, lone or reversed halves are rejected")
    func surrogates() throws {
        #expect(try parse(#""\ud83d\ude00""#).get() == .string("\u{1F600}"))
        #expect(parse(#""\ud800""#) == .failure(.loneSurrogate(offset: 1)))
        #expect(parse(#""\udc00""#) == .failure(.loneSurrogate(offset: 1)))
        #expect(parse(#""\ude00\ud83d""#) == .failure(.loneSurrogate(offset: 1)))
        #expect(parse(#""a\ud83d\u0041""#) == .failure(.loneSurrogate(offset: 2)))
        #expect(parse(#""\ud83dx""#) == .failure(.loneSurrogate(offset: 1)))
        #expect(try parse(#""\u00e9\u0000""#).get() == .string("\u{E9}\u{0}"))
    }

    @Test("UTF-8 is validated: overlong forms, encoded surrogates and stray continuation bytes fail")
    func utf8() {
        #expect(parse(bytes: [0x22, 0xC0, 0xAF, 0x22]) == .failure(.invalidUTF8))
        #expect(parse(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]) == .failure(.invalidUTF8))
        #expect(parse(bytes: [0x22, 0x80, 0x22]) == .failure(.invalidUTF8))
        #expect(parse(bytes: [0x22, 0xFF, 0x22]) == .failure(.invalidUTF8))
        #expect((try? parse(bytes: [0x22, 0xC3, 0xA9, 0x22]).get()) == .string("\u{E9}"))
        // A byte order mark is not JSON whitespace (RFC 8259 §8.1 lets parsers refuse it).
        #expect(parse("\u{FEFF}{}") == .failure(.unexpectedByte(offset: 0)))
    }

    @Test("Depth is bounded: the limit parses, one more level fails")
    func depth() {
        let limited = StrictJSONParser(maximumSize: 1 << 20, maximumDepth: 8)
        func nested(_ levels: Int) -> [UInt8] { Array(String(repeating: "[", count: levels).utf8) + Array(String(repeating: "]", count: levels).utf8) }
        #expect((try? limited.parse(nested(8))) != nil)
        #expect(Result { () throws(StrictJSONError) in try limited.parse(nested(9)) } == .failure(.tooDeep(limit: 8)))
        let objects = String(repeating: #"{"a":"#, count: 9) + "1" + String(repeating: "}", count: 9)
        #expect(Result { () throws(StrictJSONError) in try limited.parse(objects) } == .failure(.tooDeep(limit: 8)))
        // The default bound stops a deep attack long before the stack could.
        #expect(parse(bytes: Array(repeating: UInt8(ascii: "["), count: 100_000)) == .failure(.tooDeep(limit: 64)))
    }

    @Test("Size is bounded before any parsing")
    func size() {
        let small = StrictJSONParser(maximumSize: 4, maximumDepth: 64)
        #expect((try? small.parse("[1]")) != nil)
        #expect((try? small.parse("[12]")) != nil)
        #expect(Result { () throws(StrictJSONError) in try small.parse("[123]") } == .failure(.tooLarge(limit: 4)))
    }

    @Test("Numbers keep their source text; the grammar is RFC 8259's", arguments: [
        "0", "-0", "1", "-1", "1.5", "1e10", "1E+2", "1e-2", "-0.0e0", "123456789012345678901234567890",
    ])
    func numbers(_ text: String) throws {
        #expect(try parse(text).get() == .number(text))
    }

    @Test("Malformed numbers are rejected", arguments: [
        ("-", StrictJSONError.invalidNumber(offset: 0)),
        ("1.", .invalidNumber(offset: 0)),
        ("1e", .invalidNumber(offset: 0)),
        ("1e+", .invalidNumber(offset: 0)),
        ("-a", .invalidNumber(offset: 0)),
        (".5", .unexpectedByte(offset: 0)),
        ("+1", .unexpectedByte(offset: 0)),
        ("01", .trailingData(offset: 1)),
        ("[01]", .unexpectedByte(offset: 2)),
        ("NaN", .unexpectedByte(offset: 0)),
        ("Infinity", .unexpectedByte(offset: 0)),
        ("0x10", .trailingData(offset: 1)),
    ])
    func badNumbers(_ text: String, _ error: StrictJSONError) {
        #expect(parse(text) == .failure(error))
    }

    @Test("Number accessors: exact Int64 only for integers that fit")
    func numberAccessors() throws {
        #expect(try parse("9223372036854775807").get().int64Value == .max)
        #expect(try parse("9223372036854775808").get().int64Value == nil)
        #expect(try parse("1.0").get().int64Value == nil)
        #expect(try parse("1.0").get().doubleValue == 1.0)
        #expect(try parse("1").get().typeName == "integer")
        #expect(try parse("1e0").get().typeName == "number")
    }

    @Test("Trailing data after the value is rejected; trailing whitespace is not")
    func trailing() {
        #expect(parse("{} x") == .failure(.trailingData(offset: 3)))
        #expect(parse("{}{}") == .failure(.trailingData(offset: 2)))
        #expect(parse("{} \n\t\r").isSuccess)
        #expect(parse(" \n[1] ").isSuccess)
    }

    @Test("Structural errors", arguments: [
        ("", StrictJSONError.unexpectedEnd),
        ("   ", .unexpectedEnd),
        ("[1,]", .unexpectedByte(offset: 3)),
        ("{,}", .unexpectedByte(offset: 1)),
        (#"{"a" 1}"#, .unexpectedByte(offset: 5)),
        (#"{"a":1,}"#, .unexpectedByte(offset: 7)),
        ("{1:2}", .unexpectedByte(offset: 1)),
        ("[1 2]", .unexpectedByte(offset: 3)),
        ("tru", .unexpectedEnd),
        ("trUe", .unexpectedByte(offset: 2)),
        (#""abc"#, .unexpectedEnd),
        (#""a\x""#, .invalidEscape(offset: 2)),
        (#""\u12G4""#, .invalidEscape(offset: 5)),
        ("\"a\nb\"", .controlCharacterInString(offset: 2)),
        ("\"a\u{7F}b\"", nil),
        ("'a'", .unexpectedByte(offset: 0)),
        ("[", .unexpectedEnd),
        ("{\"a\":", .unexpectedEnd),
    ] as [(String, StrictJSONError?)])
    func structural(_ text: String, _ error: StrictJSONError?) {
        if let error {
            #expect(parse(text) == .failure(error))
        } else {
            #expect(parse(text).isSuccess, "DEL (0x7F) is allowed unescaped in strings")
        }
    }

    @Test("Objects keep member order; lookups and names work")
    func objects() throws {
        let value = try parse(#"{"b":[true,false,null],"a":"x","c":{}}"#).get()
        let object = try #require(value.objectValue)
        #expect(object.names == ["b", "a", "c"])
        #expect(object["a"]?.stringValue == "x")
        #expect(object["b"]?.arrayValue == [.bool(true), .bool(false), .null])
        #expect(object["c"]?.objectValue?.members.isEmpty == true)
        #expect(object["missing"] == nil)
        #expect(throws: StrictJSONError.duplicateMember("k")) {
            try JSONObject(members: [("k", .null), ("k", .bool(true))])
        }
    }

    @Test("Escapes decode to the right scalars")
    func escapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t""#).get() == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try parse(#""caf\u00E9 \u20AC""#).get() == .string("café €"))
    }

    @Test("Seeded mutations of a valid document never crash and either parse or fail with an error")
    func mutations() {
        let seed = TestSeed.base(0x15_0000)
        var random = SeededGenerator(seed: seed)
        let document = Array(#"{"type":"batch.succeeded","version":"v1","timestamp":"2026-01-01T00:00:00Z","data":{"id":"b\u00e9","n":[1,-2.5e3,true,null,{}]}}"#.utf8)
        let alphabet = Array(#"{}[]":,\u0123456789-+.eEtrufalsn "#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
        var parsed = 0
        for _ in 0..<3_000 {
            var mutated = document
            for _ in 0..<random.int(in: 1...4) {
                let position = random.int(in: 0...(mutated.count - 1))
                switch random.int(in: 0...2) {
                case 0: mutated[position] = random.pick(alphabet)
                case 1: mutated.remove(at: position)
                default: mutated.insert(random.pick(alphabet), at: position)
                }
                if mutated.isEmpty { mutated = [0x20] }
            }
            if (try? parser.parse(mutated)) != nil { parsed += 1 }
        }
        // Most mutations break the document; some (a digit for a digit) keep it valid.
        #expect(parsed < 3_000, "seed \(seed)")
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
