import Foundation
import HookSpecCore
import Testing

/// The README's table of rejection codes is the user's reference; it must not drift from the core.
@Suite("README documents every rejection code")
struct ReadmeRejectionCodesTests {
    static let readmeURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    @Test("every RejectionCode has a row in the README", arguments: RejectionCode.allCases)
    func codeIsDocumented(_ code: RejectionCode) throws {
        let readme = try String(contentsOf: Self.readmeURL, encoding: .utf8)
        #expect(readme.contains("| `\(code.rawValue)` |"), "README.md has no row for \(code.rawValue)")
    }

    @Test("the README names no rejection code the core lacks")
    func noStaleCodes() throws {
        let readme = try String(contentsOf: Self.readmeURL, encoding: .utf8)
        guard let start = readme.range(of: "## Rejection codes (core)"),
            let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)
        else {
            Issue.record("README.md has no '## Rejection codes (core)' section")
            return
        }
        let section = readme[start.upperBound..<end.lowerBound]
        let known = Set(RejectionCode.allCases.map(\.rawValue))
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let code = line.dropFirst(3).prefix { $0 != "`" }
            #expect(known.contains(String(code)), "README.md documents \(code), which the core does not have")
        }
    }
}
