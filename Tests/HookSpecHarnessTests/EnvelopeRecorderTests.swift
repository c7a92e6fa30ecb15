import HookSpecCore
import HookSpecVectors
import Testing

/// The recorder behind `hookspec sign --record`, and the recorded files against it.
@Suite struct EnvelopeRecorderTests {
    /// The test keys of `vectors/envelopes/record.sh` (test material, written into every vector file).
    static let secret = "whsec_aG9va3NwZWMgY2F0YWxvZyB0ZXN0IHNlY3JldCAwMDE="
    static let signingKey = "whsk_aG9va3NwZWMgY2F0YWxvZyB0ZXN0IGVkMjU1MTkgMDE="

    /// Every recorded file carries exactly the headers hookspec's signer makes for its body, id and
    /// timestamp (the re-serialised one was signed over its compact form, so it is re-signed over that).
    @Test func recordedHeadersAreHookspecsSignature() throws {
        let secret = try WebhookSecret(parsing: Self.secret)
        let key = try Ed25519SigningKey(parsing: Self.signingKey)
        let verified = try CatalogHarness.envelopes().filter { $0.expected.verification == "valid" }
        // With no verified envelope the loop below would check nothing.
        #expect(verified.count >= 10)
        for envelope in verified {
            let id = try #require(try envelope.headers.singleValue(for: WebhookHeader.id).get())
            let timestampText = try #require(try envelope.headers.singleValue(for: WebhookHeader.timestamp).get())
            let timestamp = try #require(Int64(timestampText))
            let v1a = envelope.headers.values(for: WebhookHeader.signature).first?.hasPrefix("v1a,") == true
            let expected = StandardWebhookSigner.headers(
                id: id, timestamp: timestamp, body: envelope.body,
                secrets: v1a ? [] : [secret], signingKeys: v1a ? [key] : [])
            #expect(envelope.headers == expected, "\(envelope.name)")
            #expect(envelope.secrets == (v1a ? [] : [Self.secret]))
            #expect(envelope.publicKeys == (v1a ? [key.publicKey.exportedText] : []))
        }
    }

    @Test func refusesExpectationsTheCoreDisagreesWith() throws {
        let catalog = try EventCatalog.bundled()
        let body = Array(#"{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"b"}}"#.utf8)
        func request(_ expected: CatalogExpectation, verification: String = "valid", name: String = "probe") throws -> EnvelopeRecorder.Request {
            EnvelopeRecorder.Request(
                name: name, description: "", source: "test", id: "msg_1", timestamp: 1_769_083_200, now: 1_769_083_201,
                signedBody: body, secrets: [try WebhookSecret(parsing: Self.secret)], signingKeys: [],
                expected: RecordedExpectation(verification: verification, catalog: expected))
        }
        let right = CatalogExpectation(outcome: .valid, type: "batch.expired", variant: "guide")
        let recorded = try EnvelopeRecorder.record(try request(right), catalog: catalog)
        #expect(RecordedEnvelopeCheck(recorded, catalog: catalog).agrees)
        #expect(try RecordedEnvelope(json: Array(recorded.jsonText().utf8)) == recorded)

        var wrong = right
        wrong.variant = "launch-text"
        #expect(throws: EnvelopeRecorder.Failure.self) { try EnvelopeRecorder.record(try request(wrong), catalog: catalog) }
        #expect(throws: EnvelopeRecorder.Failure.self) { try EnvelopeRecorder.record(try request(right, verification: "timestamp_stale"), catalog: catalog) }
        #expect(throws: EnvelopeRecorder.Failure.nameInvalid("../x")) { try EnvelopeRecorder.record(try request(right, name: "../x"), catalog: catalog) }
    }

    /// Headers and body are read by the same code as delivery vectors, with the recorded format's errors.
    @Test(arguments: [
        (#"[["webhook-id"]]"#, #"{"text": ""}"#, RecordedEnvelopeError.memberWrongType("/headers/0")),
        (#"[]"#, #"{"text": "", "base64": ""}"#, .memberWrongType("/body")),
        (#"[]"#, #"{"text": "", "hex": ""}"#, .memberUnknown("/body/hex")),
        (#"[]"#, #"{"base64": "a"}"#, .bodyNotBase64),
    ])
    func malformedRecordedFilesGiveTypedErrors(headers: String, body: String, error: RecordedEnvelopeError) throws {
        let catalog = try EventCatalog.bundled()
        let request = EnvelopeRecorder.Request(
            name: "x", description: "", source: "test", id: "msg_1", timestamp: 1_769_083_200, now: 1_769_083_201,
            signedBody: Array(#"{"type":"batch.expired","version":"v1","timestamp":"2026-01-22T12:00:00Z","data":{"id":"b"}}"#.utf8),
            secrets: [try WebhookSecret(parsing: Self.secret)], signingKeys: [],
            expected: RecordedExpectation(verification: "valid", catalog: CatalogExpectation(outcome: .valid, type: "batch.expired", variant: "guide")))
        let text = try EnvelopeRecorder.record(request, catalog: catalog).jsonText()
        let headersStart = try #require(text.range(of: #""headers": "#))
        let keysStart = try #require(text.range(of: #","# + "\n" + #"  "keys": "#))
        let broken = String(text[..<headersStart.upperBound]) + headers + #", "body": "# + body + String(text[keysStart.lowerBound...])
        #expect(throws: error) { try RecordedEnvelope(json: Array(broken.utf8)) }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let text = "q\" b\\ n\n r\r t\t bs\u{8} ff\u{C} nul\u{0} us\u{1F} del\u{7F} é 日本 🎬 \u{2028}"
        let quoted = JSONValue.quotedText(text)
        // RFC 8259 §7: short escapes where they exist, lower-case \u00xx for other controls, the rest as UTF-8.
        #expect(quoted == "\"q\\\" b\\\\ n\\n r\\r t\\t bs\\b ff\\f nul\\u0000 us\\u001f del\u{7F} é 日本 🎬 \u{2028}\"")
        #expect(try StrictJSONParser().parse(quoted) == .string(text))
        let value = JSONValue.array([.string(text), .number("-1.5e3"), .bool(true), .null, .array([]),
                                     .object(try JSONObject(members: [("b", .array([.string("x")])), ("", .object(try JSONObject(members: []))), ("a", .number("1"))]))])
        // Compact: no whitespace, members in the order held (not sorted), numbers as written.
        #expect(value.compactText == "[" + quoted + #",-1.5e3,true,null,[],{"b":["x"],"":{},"a":1}]"#)
        #expect(value.compactEncoded() == Array(value.compactText.utf8))
        #expect(try StrictJSONParser().parse(value.compactEncoded()) == value)
        #expect(try StrictJSONParser().parse(JSONTextWriter.document(value)) == value)
        #expect(JSONTextWriter.document(value).hasSuffix("\n"))
    }
}
