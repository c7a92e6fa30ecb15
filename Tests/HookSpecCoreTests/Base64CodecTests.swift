import HookSpecCore
import Testing

/// Base64Codec: the three dialects and the meaning of "canonical" (SPEC §3.1, §3.3).
@Suite("Base64Codec")
struct Base64CodecTests {
    typealias Failure = Base64Codec.Failure

    // RFC 4648 §10 test vectors, plus both alphabets' last two characters.
    static let rfc4648: [(bytes: [UInt8], standard: String, url: String)] = [
        ([], "", ""),
        (Array("f".utf8), "Zg==", "Zg"),
        (Array("fo".utf8), "Zm8=", "Zm8"),
        (Array("foo".utf8), "Zm9v", "Zm9v"),
        (Array("foob".utf8), "Zm9vYg==", "Zm9vYg"),
        (Array("fooba".utf8), "Zm9vYmE=", "Zm9vYmE"),
        (Array("foobar".utf8), "Zm9vYmFy", "Zm9vYmFy"),
        ([0xFB, 0xFF, 0xBF], "+/+/", "-_-_"),
        ([0xFF, 0xFE, 0xFD, 0xFC], "//79/A==", "__79_A"),
    ]

    @Test("RFC 4648 vectors encode and decode in the standard and URL alphabets")
    func rfcVectors() {
        for vector in Self.rfc4648 {
            #expect(Base64Codec.encode(vector.bytes) == vector.standard)
            #expect(Base64Codec.encodeURL(vector.bytes) == vector.url)
            #expect(Base64Codec.decode(vector.standard, mode: .strict) == .success(vector.bytes))
            #expect(Base64Codec.decode(vector.url, mode: .strictURL) == .success(vector.bytes))
            #expect(Base64Codec.decode(vector.standard, mode: .pythonLenient) == .success(vector.bytes))
        }
    }

    @Test("Strict rejects every non-canonical form with its reason", arguments: [
        ("Zg", Failure.invalidLength),          // padding required
        ("Zg=", .invalidLength),
        ("Zg===", .invalidLength),
        ("Z===", .badPadding),                  // one data character before padding
        ("====", .badPadding),
        ("Zh==", .nonZeroPaddingBits),          // 'h' leaves bits set after the last byte
        ("Zm9=", .nonZeroPaddingBits),
        ("Zm8=Zm8=", .badPadding),              // padding in the middle
        ("Zm 8", .invalidCharacter),
        ("Zm8\n", .invalidCharacter),
        ("-_-_", .invalidCharacter),            // URL alphabet
        ("Zm9v\u{00E9}", .invalidLength),       // 6 bytes of UTF-8, not a multiple of 4
        ("Zm\u{00E9}", .invalidCharacter),     // 4 bytes, one non-ASCII character
    ])
    func strictRejects(_ text: String, _ failure: Failure) {
        #expect(Base64Codec.decode(text, mode: .strict) == .failure(failure))
    }

    @Test("Strict URL (RFC 7515 §2) rejects padding, the standard alphabet's + and /, and padding bits", arguments: [
        ("Zg==", Failure.badPadding),           // '=' is not part of the URL dialect
        ("Zm8=", .badPadding),
        ("Z", .invalidLength),
        ("Zh", .nonZeroPaddingBits),
        ("+/+/", .invalidCharacter),
        ("Zm9v.", .invalidLength),
        ("Zm.v", .invalidCharacter),
    ])
    func strictURLRejects(_ text: String, _ failure: Failure) {
        #expect(Base64Codec.decode(text, mode: .strictURL) == .failure(failure))
    }

    /// Expectations computed with CPython 3.11 `binascii.a2b_base64(data)` (strict_mode=False),
    /// which `base64.b64decode` uses without `validate=True`; a Python error is `nil` here.
    static let pythonCases: [(input: [UInt8], output: [UInt8]?)] = [
        (Array("".utf8), []),
        (Array("QQ==".utf8), [65]),
        (Array("QUI=".utf8), [65, 66]),
        (Array("QUJD".utf8), [65, 66, 67]),
        (Array("QQ".utf8), nil),                 // Incorrect padding
        (Array("QUI".utf8), nil),
        (Array("Q".utf8), nil),                  // 1 more than a multiple of 4
        (Array("QR==".utf8), [65]),              // padding bits ignored
        (Array("QUJ=".utf8), [65, 66]),
        (Array("Q===".utf8), nil),
        (Array("QQ=".utf8), nil),
        (Array("QQ===".utf8), [65]),             // extra padding ignored
        (Array("QQ==QUJD".utf8), [65]),          // input after the completing pad ignored
        (Array("Q Q = =".utf8), [65]),           // stray characters dropped
        (Array("Q\nQ==".utf8), [65]),
        (Array("QQ==\n".utf8), [65]),
        (Array("!QQ==".utf8), [65]),
        (Array("QU*JD".utf8), [65, 66, 67]),
        (Array("=QQ==".utf8), [65]),
        (Array("==".utf8), []),
        (Array("=".utf8), []),
        (Array("QUJD=".utf8), [65, 66, 67]),
        (Array("QUJDRA".utf8), nil),
        (Array("QUJDRA=".utf8), nil),
        (Array("QUJDRA==".utf8), [65, 66, 67, 68]),
        (Array("QUJDRA=x".utf8), nil),
        (Array("Q=Q==".utf8), [65]),
        (Array("QU=JD".utf8), [65, 66, 67]),
        (Array("-_-_".utf8), []),                // URL characters are strays to Python
        ([0x51, 0x55, 0x4A, 0x44, 0x80, 0xFF, 0x52, 0x41, 0x3D, 0x3D], [65, 66, 67, 68]),
        (Array("QUJDRA==RA==".utf8), [65, 66, 67, 68]),
        (Array("QUI=QUJD".utf8), [65, 66]),
    ]

    @Test("pythonLenient matches CPython's binascii.a2b_base64 non-strict mode")
    func pythonLenient() {
        for (input, output) in Self.pythonCases {
            let result = input.withUnsafeBufferPointer { Base64Codec.decode(bytes: $0, mode: .pythonLenient) }
            let label = String(decoding: input, as: UTF8.self).debugDescription
            if let output {
                #expect(result == .success(output), "input \(label)")
            } else {
                #expect((try? result.get()) == nil, "input \(label): Python raises, got \(result)")
            }
        }
    }

    @Test("pythonLenient names the two Python errors: 1 data character too many, incorrect padding")
    func pythonLenientFailures() {
        #expect(Base64Codec.decode("Q", mode: .pythonLenient) == .failure(.invalidLength))
        #expect(Base64Codec.decode("QUJDR", mode: .pythonLenient) == .failure(.invalidLength))
        #expect(Base64Codec.decode("QQ", mode: .pythonLenient) == .failure(.badPadding))
        #expect(Base64Codec.decode("QUJDRA=", mode: .pythonLenient) == .failure(.badPadding))
    }

    @Test("Seeded round trips: encode then strict decode is the identity; strict success means canonical")
    func roundTrips() {
        let seed = TestSeed.base(0xB64)
        var random = SeededGenerator(seed: seed)
        for iteration in 0..<2_000 {
            let bytes = random.bytes(random.int(in: 0...80))
            let standard = Base64Codec.encode(bytes), url = Base64Codec.encodeURL(bytes)
            #expect(Base64Codec.decode(standard, mode: .strict) == .success(bytes), "seed \(seed) iteration \(iteration)")
            #expect(Base64Codec.decode(url, mode: .strictURL) == .success(bytes), "seed \(seed) iteration \(iteration)")
            #expect(Base64Codec.decode(standard, mode: .pythonLenient) == .success(bytes), "seed \(seed) iteration \(iteration)")
            #expect(!url.contains("=") && !url.contains("+") && !url.contains("/"))

            // Random text: whatever strict accepts re-encodes to exactly the same text.
            let text = random.string(random.int(in: 0...12), from: Array("AQgw+/=-_ \n!".utf8) + TestAlphabet.base64)
            if case .success(let decoded) = Base64Codec.decode(text, mode: .strict) {
                #expect(Base64Codec.encode(decoded) == text, "seed \(seed) iteration \(iteration): \(text.debugDescription)")
            }
            if case .success(let decoded) = Base64Codec.decode(text, mode: .strictURL) {
                #expect(Base64Codec.encodeURL(decoded) == text, "seed \(seed) iteration \(iteration): \(text.debugDescription)")
            }
            // Whatever strict accepts, the lenient reader reads the same way.
            if case .success(let decoded) = Base64Codec.decode(text, mode: .strict) {
                #expect(Base64Codec.decode(text, mode: .pythonLenient) == .success(decoded))
            }
        }
    }

    @Test("Decoding a Substring and a non-contiguous string gives the same answer")
    func substringInput() {
        let text = "xxZm9vYmFyxx"
        let slice = text.dropFirst(2).dropLast(2)
        #expect(Base64Codec.decode(slice, mode: .strict) == .success(Array("foobar".utf8)))
    }
}
