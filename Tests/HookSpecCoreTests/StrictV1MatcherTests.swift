@testable import HookSpecCore
import Testing

/// `StrictV1Matcher` decides the common `v1` case without the general parser; it must reach the
/// general path's verdict on every list of canonical `v1` entries and step aside on anything else.
@Suite("Strict v1 matcher")
struct StrictV1MatcherTests {
    static let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    static let timestamp = "1767225600"
    static let body = Array(#"{"type":"batch.succeeded"}"#.utf8)

    @Test("Agrees with SignatureList.parse and a plain comparison on every list of up to three entries, each separator")
    func agreesWithTheGeneralPath() throws {
        let secret = try WebhookSecret.random(), other = try WebhookSecret.random()
        let good = StandardWebhookSigner.v1Entry(secret: secret, id: Self.id, timestamp: Self.timestamp, body: Self.body)
        let wrong = StandardWebhookSigner.v1Entry(secret: other, id: Self.id, timestamp: Self.timestamp, body: Self.body)
        let tag = Array(StandardWebhookSigner.mac(secret: secret, id: Self.id, timestamp: Self.timestamp, body: Self.body))
        let encoded = String(good.dropFirst(3))
        let variants = [
            good, wrong, "v1," + encoded.dropLast(), "v1," + encoded + "A", "v1," + encoded.prefix(20) + " " + encoded.dropFirst(21),
            "v1a," + encoded, "v2," + encoded, "V1," + encoded, "v1" + encoded, "", "v1,",
        ]
        var lists: [[String]] = variants.map { [$0] }
        for first in variants { for second in variants { lists.append([first, second]) } }
        for first in [good, wrong, ""] { for second in variants { for third in variants { lists.append([first, second, third]) } } }
        var decided = 0
        for list in lists {
            for separator in [" ", "  ", "\t", ","] {
                for header in [list.joined(separator: separator), list.joined(separator: separator) + " ", " " + list.joined(separator: separator)] {
                    let fast = StrictV1Matcher.match(signatureHeader: header, secrets: [secret], id: Self.id, timestamp: Self.timestamp, body: Self.body)
                    let expected: StrictV1Matcher.Outcome
                    switch SignatureList.parse(header, leniency: []) {
                    case .success(let entries) where !entries.isEmpty && entries.allSatisfy({ $0.knownVersion == .v1 }):
                        expected = entries.firstIndex(where: { $0.signature == tag }).map { .matched(entryIndex: $0, keyIndex: 0) } ?? .mismatched
                    default:
                        expected = .notApplicable
                    }
                    #expect(fast == expected, "\(header.debugDescription)")
                    if expected != .notApplicable { decided += 1 }
                }
            }
        }
        #expect(decided > 0, "no list of canonical entries was generated")
    }
}
