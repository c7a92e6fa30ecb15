import HookSpecCore
import Testing

/// One test per fault the libFuzzer targets found (Fuzz/README.md); the input that found it is
/// also kept under Fuzz/regressions/<target>/ and replayed by `Fuzz/run replay`.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// Fuzz/regressions/timestamp/freshness-now-int64-min: `now` = Int64.min, timestamp 0. The
    /// difference is Int64.min, whose negation trapped.
    @Test("freshness at the ends of Int64 reports a distance instead of trapping")
    func freshnessAtInt64Extremes() {
        let policy = TimestampPolicy.strict
        #expect(policy.checkFreshness(0, now: .min) == .timestampFuture(aheadSeconds: .max))
        #expect(policy.checkFreshness(.max, now: .min) == .timestampFuture(aheadSeconds: .max))
        #expect(policy.checkFreshness(.min, now: .max) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(-1, now: .max) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(.min, now: 0) == .timestampStale(ageSeconds: .max))
        #expect(policy.checkFreshness(1, now: .min + 1) == .timestampFuture(aheadSeconds: .max))
    }

    /// Fuzz/regressions/envelope/type-with-newline: a `type` holding a newline (JSON `\n`) was
    /// printed as is, so the one-line result of a report became two lines.
    @Test("an envelope result stays on one line whatever its type holds")
    func envelopeDescriptionOneLine() throws {
        let validator = EnvelopeValidator(catalog: try EventCatalog.bundled())
        for body in [#"{"type":"batch.e:00:00Z\n","data":{"id":"batches/abc140"}}"#,
                     #"{"type":"batch.succeeded","version":"v1\r\ninjected","data":{"id":"b"}}"#,
                     #"{"type":"\u0000\u001b[31m\u0085","data":{"id":"b"}}"#] {
            let text = validator.validate(body: Array(body.utf8)).description
            #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(text.debugDescription)")
        }
    }

    /// Fuzz/regressions/diff-python/malformed-v1a-entry-without-public-keys: under
    /// `python_reference` a verifier holding only `v1` secrets refused a delivery because a `v1a`
    /// entry before the valid `v1` one was not base64; the Python library never decodes a
    /// non-`v1` entry and accepts it. Strict still fails closed.
    @Test("python-reference passes over a malformed entry of a version it holds no key for")
    func malformedUnkeyedEntry() throws {
        let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let valid = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let headers = { (signature: String) in
            HeaderFields([("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"), ("webhook-timestamp", "1614265330"), ("webhook-signature", signature)])
        }
        let python = StandardWebhookVerifier(secrets: [secret], policy: .pythonReference)
        let strict = StandardWebhookVerifier(secrets: [secret], policy: .strict)
        let malformed = "v1a,00000000000000000000000000000000000*00000000000000000000000000000000000000000000000000=="
        #expect(try python.verify(headers: headers(malformed + " " + valid), body: body, now: 1_614_265_330).get().entryIndex == 1)
        #expect(strict.verify(headers: headers(malformed + " " + valid), body: body, now: 1_614_265_330)
            == .failure(.entryMalformed(.notBase64)))
        // The shape of an entry is still checked: Python's `version, signature = entry.split(",")` raises.
        #expect(python.verify(headers: headers("v1a,a,b " + valid), body: body, now: 1_614_265_330)
            == .failure(.entryMalformed(.extraComma)))
        // An entry of a version the verifier holds keys for is decoded, and a malformed one rejects.
        let withKey = StandardWebhookVerifier(secrets: [secret], publicKeys: [Ed25519SigningKey().publicKey], policy: .pythonReference)
        #expect(withKey.verify(headers: headers(malformed + " " + valid), body: body, now: 1_614_265_330)
            == .failure(.entryMalformed(.notBase64)))
    }

    /// Fuzz/regressions/header-block/crlf-block: "\r\n" is one Character in Swift, so splitting
    /// on "\n" left a `curl -D` block (CRLF lines) as one line whose value held every other field.
    @Test("a CRLF header block reads as one field per line")
    func headerBlockCRLF() throws {
        let block = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nsvix-id: msg_hookspec_0001\r\n\r\n"
        let fields = try HeaderBlock.parse(block).get()
        #expect(fields == HeaderFields([("content-type", "application/json"), ("svix-id", "msg_hookspec_0001")]))
        #expect(try HeaderBlock.parse(block.replacingOccurrences(of: "\r\n", with: "\n")).get() == fields)
    }

    /// Fuzz/regressions/header-block/bare-cr: a bare CR inside a line (RFC 9112 §2.2: invalid)
    /// was kept in the value, a line break inside one field.
    @Test("a bare CR inside a header line is a malformed line")
    func headerBlockBareCR() {
        #expect(HeaderBlock.parse("webhook-id: a\rwebhook-timestamp: 1\n") == .failure(.malformedLine(number: 1)))
        #expect(HeaderBlock.parse("webhook-id: a\r") == .success(HeaderFields([("webhook-id", "a")])))
    }

    /// Fuzz/regressions/header-block/field-line-read-as-request-line: a field whose value has
    /// three words, the last starting `HTTP/`, was taken for a request line and discarded every
    /// field before it.
    @Test("a field line is never taken for a request line")
    func headerBlockFieldLikeRequestLine() throws {
        let fields = try HeaderBlock.parse("webhook-id: msg_1\nx-note: a b HTTP/1.1\nPOST /hook HTTP/1.1\nwebhook-id: msg_2\n").get()
        #expect(fields == HeaderFields([("webhook-id", "msg_2")]))
        let kept = try HeaderBlock.parse("webhook-id: msg_1\nx-note: a HTTP/1.1\n").get()
        #expect(kept == HeaderFields([("webhook-id", "msg_1"), ("x-note", "a HTTP/1.1")]))
    }

    /// Fuzz/regressions/diff-python/fraction-*: the Python library compares the instant
    /// datetime.fromtimestamp makes of the header (rounded to microseconds, half to even); the
    /// core floored it. 300.5 s ahead was fresh, and 29.9999998 was 29 s (stale at the edge, and
    /// signed as "…29" where Python signs "…30").
    @Test("python-reference judges the instant, rounded to microseconds as Python does")
    func fractionalFreshness() throws {
        let policy = TimestampPolicy.pythonReference, now: Int64 = 1_614_265_330
        let ahead = try policy.parse("1614265630.5").get()
        #expect(ahead.seconds == now + 300 && ahead.microseconds == 500_000)
        #expect(policy.checkFreshness(ahead, now: now) == .timestampFuture(aheadSeconds: 301))
        #expect(policy.checkFreshness(try policy.parse("1614265630.0000001").get(), now: now) == nil)
        let carried = try policy.parse("1614265029.9999998").get()
        #expect(carried.seconds == now - 300 && carried.microseconds == 0 && carried.signedText == "1614265030")
        #expect(policy.checkFreshness(carried, now: now) == nil)
        #expect(policy.checkFreshness(try policy.parse("1614265029.5").get(), now: now) == .timestampStale(ageSeconds: 301))
        #expect(try policy.parse("1614265329.9999998").get().signedText == "1614265330")
    }

    /// Fuzz/regressions/envelope/duplicate-member-name-with-cr: a repeated member name holding a
    /// CR reached the one-line result through the parser's message.
    @Test("a repeated member name is printed without control characters and shortened")
    func duplicateMemberMessage() {
        let name = "a\r\nb" + String(repeating: "x", count: 100)
        let message = StrictJSONError.duplicateMember(name).description
        #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(message.count < 90)
    }

    /// Fuzz/regressions/header-block/colon-hidden-by-combining-mark: ":" followed by a combining
    /// mark is one Character, so the Character search found a later colon and the name kept one;
    /// a combining mark likewise shielded a space from the name check and from trimming.
    @Test("header block separators are bytes: a combining mark never hides a colon or a space")
    func headerBlockCombiningMarks() throws {
        let fields = try HeaderBlock.parse("a:\u{301}b: c\nd:  \u{301}x \n").get()
        #expect(fields == HeaderFields([("a", "\u{301}b: c"), ("d", "\u{301}x")]))
        #expect(HeaderBlock.parse("a \u{301}b: c\n") == .failure(.malformedLine(number: 1)))
        // A field line whose first word hides its colon behind a mark is still no request line.
        #expect(try HeaderBlock.parse("webhook-id: 1\nx:\u{301} b HTTP/1.1\n").get().fields.count == 2)
    }

    /// Fuzz/regressions/keys/text-inside-fixed-wording: " whsec_ " is a fragment of the fixed
    /// message "secret lacks the whsec_ prefix", which the `keys` target first took for an echo
    /// of the key text. The fault was the target's; this pins the property it checks: a secret
    /// or key that fails to parse is never repeated in the message, whatever surrounds it.
    @Test("secret and key rejections never repeat the text they refused")
    func keyRejectionsDoNotEchoText() {
        let marker = "Qz7Kp2Vx9Lm4Rt8W"
        for text in [" whsec_ ", marker, " " + marker, "whsec_" + marker + "!", "whsec_" + marker + "=", "whsk_" + marker,
                     "whsk_" + marker + "!", "whpk_" + marker + "!", "whsec_ " + marker] {
            var messages: [String] = []
            for options in [WebhookSecret.ParsingOptions(), .pythonReference] {
                do throws(Rejection) { _ = try WebhookSecret(parsing: text, options: options) } catch { messages.append(error.description) }
            }
            do throws(Rejection) { _ = try Ed25519SigningKey(parsing: text) } catch { messages.append(error.description) }
            do throws(Rejection) { _ = try Ed25519PublicKey(parsing: text) } catch { messages.append(error.description) }
            // python-reference may accept some of them as raw-base64 secrets, as the library does.
            #expect(messages.count >= 3, "strict, whsk_ and whpk_ parsing refuse \(text.debugDescription)")
            for message in messages {
                #expect(!message.contains(marker), "\(message)")
            }
        }
    }
}
