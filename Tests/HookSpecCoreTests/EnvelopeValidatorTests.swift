import Foundation
import HookSpecCore
import Testing

/// Envelope validation against the catalog compiled into the core (SPEC §5).
@Suite struct EnvelopeValidatorTests {
    let validator: EnvelopeValidator

    init() throws {
        validator = EnvelopeValidator(catalog: try EventCatalog.bundled())
    }

    func check(_ body: String) -> EnvelopeResult {
        validator.validate(body: Array(body.utf8))
    }

    func envelope(_ type: String, data: String, extra: String = "") -> String {
        "{\"type\":\"\(type)\",\"version\":\"v1\",\"timestamp\":\"2026-01-22T12:00:00Z\"\(extra),\"data\":\(data)}"
    }

    @Test func acceptsEveryCatalogTypeWithItsMembers() throws {
        for event in validator.catalog.events {
            for variant in event.variants {
                let members = variant.members.map { "\"\($0.name)\":" + ($0.types.first == .integer ? "3" : "\"x\"") }
                let result = check(envelope(event.type, data: "{" + members.joined(separator: ",") + "}"))
                #expect(result.isAccepted, "\(event.type) \(variant.name): \(result)")
                #expect(result.code == (event.aliasOf == nil ? .valid : .alias))
                #expect(result.variant == variant.name)
                #expect(result.problems.isEmpty)
            }
        }
    }

    @Test func namesTheVideoVariant() {
        let guide = check(envelope("video.generated", data: #"{"id":"v","output_file_uri":"u","file_name":"n"}"#))
        let launch = check(envelope("video.generated", data: #"{"id":"v","file_id":"f","video_uri":"u"}"#))
        let both = check(envelope("video.generated", data: #"{"id":"v","output_file_uri":"u","file_name":"n","file_id":"f","video_uri":"u"}"#))
        #expect([guide.variant, launch.variant, both.variant] == ["guide", "launch-text", "guide"])
        #expect([guide.code, launch.code, both.code] == [.valid, .valid, .valid])
        // Nearest variant: launch-text misses one member, guide two.
        let near = check(envelope("video.generated", data: #"{"id":"v","file_id":"f"}"#))
        #expect(near.code == .invalid)
        #expect(near.variant == "launch-text")
        #expect(near.problems.map(\.summary) == ["member_missing /data/video_uri"])
    }

    @Test func flagsTheAlias() {
        let result = check(envelope("batch.completed", data: #"{"id":"b","output_file_uri":"u","error_count":0}"#))
        #expect(result.outcome == .alias(of: "batch.succeeded"))
        #expect(result.isAccepted)
        #expect(result.description.contains("alias_of=batch.succeeded"))
    }

    @Test func reportsUnknownTypesAsUnknownNotInvalid() {
        let unknown = check(envelope("batch.paused", data: #"{"id":"b"}"#))
        #expect(unknown.code == .unknownType)
        #expect(unknown.type == "batch.paused")
        #expect(!unknown.isAccepted)
        // An unknown type with a broken envelope is invalid: the envelope rules hold for every type.
        let broken = check(envelope("batch.paused", data: #"{"id":""}"#))
        #expect(broken.code == .invalid)
        #expect(broken.problems.map(\.summary) == ["member_empty /data/id"])
    }

    @Test func allowsUnknownMembersAndUserMetadataInBothPlaces() {
        let body = envelope(
            "batch.succeeded", data: #"{"id":"b","output_file_uri":"u","user_metadata":{"k":"v"},"more":[1,{}]}"#,
            extra: #","user_metadata":{"job_group":"nightly"},"extra":null"#)
        let result = check(body)
        #expect(result.code == .valid)
        #expect(result.userMetadata == ["/user_metadata", "/data/user_metadata"])
        let wrong = check(envelope("batch.expired", data: #"{"id":"b","user_metadata":[]}"#))
        #expect(wrong.problems == [.memberWrongType(path: "/data/user_metadata", expected: [.object], found: .array)])
    }

    @Test func reportsEachProblemWithItsCodeAndPath() {
        let result = check(#"{"type":"batch.failed","version":"v2","timestamp":"yesterday","data":{"id":7,"error_code":1.5}}"#)
        #expect(result.code == .invalid)
        #expect(result.problems.map(\.summary) == [
            "version_unsupported /version", "timestamp_not_rfc3339 /timestamp", "member_wrong_type /data/id",
            "member_wrong_type /data/error_code", "member_missing /data/error_message",
        ])
        #expect(result.problems.map(\.code) == [.versionUnsupported, .timestampNotRFC3339, .memberWrongType, .memberWrongType, .memberMissing])
        #expect(result.variant == "guide")
    }

    @Test func reportsMissingEnvelopeMembers() {
        let result = check("{}")
        #expect(result.code == .invalid)
        #expect(result.type == nil)
        #expect(result.problems.map(\.summary) == ["member_missing /type", "member_missing /version", "member_missing /timestamp", "member_missing /data"])
        let dataNotObject = check(#"{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":"b"}"#)
        #expect(dataNotObject.problems == [.memberWrongType(path: "/data", expected: [.object], found: .string)])
        #expect(dataNotObject.variant == nil)
    }

    @Test func refusesBodiesThatAreNotJSONObjects() {
        #expect(check("").code == .notJSON)
        #expect(check(#"{"type":"a","type":"b"}"#).outcome == .notJSON(.duplicateMember("type")))
        #expect(check(#"{"id":"\ud800"}"#).code == .notJSON)
        #expect(validator.validate(body: [0x7B, 0xFF, 0x7D]).outcome == .notJSON(.invalidUTF8))
        #expect(check("[1]").outcome == .notObject(found: .array))
        #expect(check("12.0").outcome == .notObject(found: .integer))
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(check(deep).outcome == .notJSON(.tooDeep(limit: 64)))
    }

    @Test func integerMeansIntegralAsJSONSchemaSays() {
        for (text, integral) in [("3", true), ("-0", true), ("3.0", true), ("1.3e1", true), ("100e-2", true), ("1E+2", true),
                                 ("123456789012345678901234567890", true), ("3.5", false), ("1e-1", false), ("0.0001e4", true),
                                 ("12.5e-1", false), ("5e-1", false), ("0e-5", true), ("1e99999999999999999999", true),
                                 ("1e-99999999999999999999", false)] {
            #expect(JSONType.integer.matches(.number(text)) == integral, "\(text)")
            #expect(JSONType.number.matches(.number(text)))
        }
        #expect(!JSONType.integer.matches(.string("3")))
    }

    @Test func descriptionClipsUntrustedText() {
        let long = String(repeating: "v", count: 500)
        let result = check(#"{"type":"batch.expired","version":"\#(long)","timestamp":"2026-01-22T12:00:00Z","data":{"id":"b"}}"#)
        #expect(result.description.count < 200)
        #expect(result.description.contains("version_unsupported /version"))
    }
}

/// Reading the catalog document, and refusing broken ones with a precise error.
@Suite struct EventCatalogDecodingTests {
    static let minimal = #"""
        {"catalog_version":"t","envelope_version":"v1","sources":[{"id":"s","title":"S"}],
         "events":[{"type":"a.done","status":"current","sources":["s"],"trigger":"t",
                    "variants":[{"name":"only","sources":["s"],"data":[{"name":"id","types":["string"],"non_empty":true}]}]}]}
        """#

    func decode(_ text: String) -> Result<EventCatalog, EventCatalogError> {
        Result { () throws(EventCatalogError) in try EventCatalog(json: Array(text.utf8)) }
    }

    @Test func readsAMinimalCatalog() throws {
        let catalog = try decode(Self.minimal).get()
        #expect(catalog.version == "t")
        #expect(catalog.event("a.done")?.variants.first?.members.first?.nonEmpty == true)
    }

    @Test func bundledCatalogParses() throws {
        let catalog = try EventCatalog.bundled()
        #expect(catalog.events.count == 10)
    }

    @Test(arguments: [
        ("\"status\":\"current\"", "\"status\":\"retired\"", EventCatalogError.statusUnknown("retired")),
        ("[\"string\"]", "[\"text\"]", .jsonTypeUnknown("text")),
        ("\"status\":\"current\"", "\"status\":\"alias\"", .aliasMismatch(type: "a.done")),
        ("\"status\":\"current\"", "\"status\":\"alias\",\"alias_of\":\"b.done\"", .aliasTargetUnknown(type: "a.done", target: "b.done")),
        ("\"sources\":[\"s\"],\"trigger\"", "\"sources\":[\"x\"],\"trigger\"", .sourceUnknown(type: "a.done", source: "x")),
        ("\"envelope_version\":\"v1\",", "", .memberMissing(path: "/envelope_version")),
        ("\"catalog_version\":\"t\"", "\"catalog_version\":1", .memberWrongType(path: "/catalog_version", expected: .string)),
        ("\"type\":\"a.done\"", "\"type\":\"\"", .valueEmpty(path: "/events/0/type")),
        ("\"non_empty\":true", "\"non_empty\":\"yes\"", .memberWrongType(path: "/events/0/variants/0/data/0/non_empty", expected: .boolean)),
    ])
    func refusesBrokenCatalogs(_ original: String, _ replacement: String, _ error: EventCatalogError) {
        #expect(Self.minimal.contains(original))
        #expect(decode(Self.minimal.replacingOccurrences(of: original, with: replacement)) == .failure(error))
    }

    @Test func refusesDuplicates() {
        let event = #"{"type":"a.done","status":"current","sources":["s"],"trigger":"t","variants":[{"name":"only","sources":["s"],"data":[]}]}"#
        let twice = Self.minimal.replacingOccurrences(of: "\"events\":[", with: "\"events\":[" + event + ",")
        #expect(decode(twice) == .failure(.duplicateType("a.done")))
        #expect(decode("{").map(\.version) == .failure(.notJSON(.unexpectedEnd)))
    }
}
