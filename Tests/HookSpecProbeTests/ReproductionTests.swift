import Testing

@testable import HookSpecProbe

@Suite("Reproductions: curl lines without signatures or secrets")
struct ReproductionTests {
    @Test func signatureEntriesKeepTheirShapeButNotTheirValue() {
        let value = Array("v1,AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKK= v2,xyz  nocomma v1,".utf8)
        #expect(Reproduction.redactedSignature(value) == "v1,<44 chars, not shown> v2,<3 chars, not shown>  <7 chars, not shown> v1,")
    }

    @Test func curlQuotesAnyBytesForBash() {
        let request = ProbeRequest(
            headers: [(Array("webhook-id".utf8), Array("it's".utf8)), (Array("Webhook-Signature".utf8), Array("v1,secretmac".utf8))],
            body: [0x7B, 0xFF, 0x5C, 0x0A, 0x7D])
        let line = Reproduction.curl(request, url: "http://127.0.0.1:1/hook")
        #expect(line.contains("-H $'webhook-id: it\\'s'"))
        #expect(line.contains("--data-binary $'{\\xff\\\\\\n}'"))
        #expect(!line.contains("secretmac") && line.contains("Webhook-Signature: v1,<9 chars, not shown>"))
        #expect(line.contains("not printed"))
    }

    @Test func largeBodiesAreDescribedNotInlined() {
        let request = ProbeRequest(headers: [], body: [UInt8](repeating: 0x78, count: 10_000))
        let line = Reproduction.curl(request, url: "http://h/")
        #expect(line.contains("@body.bin") && line.contains("10000-byte body") && line.count < 600)
        #expect(Reproduction.describeBody(request.body).hasSuffix("(10000 bytes in all)"))
    }
}
