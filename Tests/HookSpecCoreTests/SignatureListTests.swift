import HookSpecCore
import Testing

/// SignatureList: the `webhook-signature` grammar, strict and lenient (SPEC §3.1, §3.2).
@Suite("SignatureList")
struct SignatureListTests {
    // V1 of the published vectors (standard-webhooks reference libraries).
    static let v1 = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    static let v1Bytes: [UInt8] = (try? Base64Codec.decode(v1, mode: .strict).get()) ?? []
    static let v1a = Base64Codec.encode([UInt8](repeating: 0xAB, count: 64))

    func parse(_ header: String, _ leniency: SignatureLeniency = []) -> Result<[SignatureEntry], Rejection> {
        SignatureList.parse(header, leniency: leniency)
    }

    @Test("Entries of every version are kept in order; unknown versions stay undecoded")
    func wellFormed() throws {
        let entries = try parse("v1,\(Self.v1) v2,whatever v1a,\(Self.v1a) V1,\(Self.v1)").get()
        #expect(entries.map(\.version) == ["v1", "v2", "v1a", "V1"])
        #expect(entries[0].signature == Self.v1Bytes)
        #expect(entries[1].signature.isEmpty)
        #expect(entries[2].signature == [UInt8](repeating: 0xAB, count: 64))
        // Versions are case-sensitive: `V1` is an unknown version, skipped like `v2`.
        #expect(entries[3].signature.isEmpty)
    }

    @Test("Malformed lists and entries, with the problem named", arguments: [
        ("", EntryProblem.empty),
        ("v1,\(v1)  v1,\(v1)", .empty),                   // doubled space
        (" v1,\(v1)", .empty),
        ("v1,\(v1) ", .empty),
        ("v1", .missingComma),
        ("v1,\(v1),x", .extraComma),
        (",\(v1)", .emptyVersion),
        ("v1,", .wrongLength),                            // empty base64 decodes to 0 bytes
        ("v1,\(v1.dropLast(2))", .notBase64),             // 42 characters
        ("v1,AAAA", .wrongLength),
        ("v1,\(Base64Codec.encode([UInt8](repeating: 1, count: 31)))", .wrongLength),
        ("v1,\(Base64Codec.encode([UInt8](repeating: 1, count: 33)))", .wrongLength),
        ("v1a,\(v1)", .wrongLength),                      // a v1-sized signature under v1a
        ("v1,\(v1.replacingFirst("+", with: "-"))", .notBase64),
    ])
    func malformed(_ header: String, _ problem: EntryProblem) {
        #expect(parse(header) == .failure(.entryMalformed(problem)), "\(header.debugDescription)")
    }

    @Test("Non-canonical base64 of a right-sized signature is its own code in strict mode", arguments: [
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=",   // padding bits set
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OH=",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE==",  // extra padding
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=!!", // stray characters
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlN\nIOLJ1OE=",
    ])
    func nonCanonical(_ header: String) throws {
        #expect(parse(header) == .failure(.entryNonCanonicalBase64))
        // Python's b64decode reads each as V1's 32 bytes, so the lenient policy accepts them.
        #expect(try parse(header, .lenientBase64).get().first?.signature == Self.v1Bytes)
    }

    /// vectors.json lists the unpadded form among "non-canonical base64 of V1" that lenient
    /// decoders read, but CPython's b64decode refuses it ("Incorrect padding"), and the core
    /// classifies by what Python reads: so it is `entry_malformed` (not base64), in both modes.
    @Test("Unpadded V1 signature: not base64 to strict and to Python alike")
    func unpadded() {
        let header = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE"
        #expect(parse(header) == .failure(.entryMalformed(.notBase64)))
        #expect(parse(header, .lenientBase64) == .failure(.entryMalformed(.notBase64)))
    }

    @Test("Leniencies: anyLength keeps short signatures, skipMalformedEntries drops bad entries")
    func leniencies() throws {
        #expect(try parse("v1,AAAA", .anyLength).get().first?.signature == [0, 0, 0])
        let skipped = try parse("garbage  v1,\(Self.v1) v1,AAAA", .skipMalformedEntries).get()
        #expect(skipped.map(\.version) == ["v1"])
        #expect(try parse("", .skipMalformedEntries).get().isEmpty)
        #expect(try parse("v1,\(Self.v1)", .pythonReference).get().first?.signature == Self.v1Bytes)
    }

    @Test("At most 64 entries are read; the rest is ignored, not parsed")
    func entryBound() throws {
        let many = Array(repeating: "v2,x", count: SignatureList.maximumEntries).joined(separator: " ")
        let entries = try parse(many + " v1,\(Self.v1) this-is-not-an-entry").get()
        #expect(entries.count == SignatureList.maximumEntries)
        #expect(!entries.contains { $0.version == "v1" })
        // Skipped malformed entries do not count towards the bound; the list is read to its end.
        let skipped = try parse(Array(repeating: "junk", count: 200).joined(separator: " ") + " v1,\(Self.v1)", .skipMalformedEntries).get()
        #expect(skipped.map(\.version) == ["v1"])
        #expect(try parse("v1,\(Self.v1) " + String(repeating: " ", count: 500), .skipMalformedEntries).get().count == 1)
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let index = firstIndex(of: target) else { return self }
        return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
    }
}

/// Separators are bytes, as in the Python and JavaScript libraries (`split(" ")`, `split(",")`):
/// a combining mark after a space or comma does not glue itself to the separator.
@Suite("SignatureList separators")
struct SignatureListSeparatorTests {
    @Test("A combining mark after a space starts a new (unknown) entry; after a comma it is part of the base64")
    func combiningMarks() throws {
        let v1 = SignatureListTests.v1
        let entries = try SignatureList.parse("v1,\(v1) \u{301}v2,x", leniency: []).get()
        #expect(entries.map { String($0.version) } == ["v1", "\u{301}v2"])
        #expect(entries.map(\.knownVersion) == [.v1, nil])
        // Python's b64decode refuses non-ASCII text outright, so no decoder reads this as a signature.
        #expect(SignatureList.parse("v1,\u{301}\(v1)", leniency: []) == .failure(.entryMalformed(.notBase64)))
        #expect(SignatureList.parse("v1\u{301},\(v1)", leniency: []).map { $0.map(\.knownVersion) } == .success([nil]))
    }
}
