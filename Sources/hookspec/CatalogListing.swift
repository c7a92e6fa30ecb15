import HookSpecProbe

/// The text of `hookspec probe --list`: every case with its severity and accepted answers.
enum CatalogListing {
    static func text(_ catalog: [ProbeCase]) -> String {
        var out = "hookspec probe catalog \(ProbeCatalog.version): \(catalog.count) v1 cases\n"
        for group in ProbeGroup.allCases {
            let cases = catalog.filter { $0.group == group }
            guard !cases.isEmpty else { continue }
            out += "\n\(group.rawValue) — \(group.summary) (\(cases.count))\n"
            for probeCase in cases {
                let id = probeCase.id.padding(toLength: 10, withPad: " ", startingAt: 0)
                let severity = probeCase.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                let expected = probeCase.expectation.summary.padding(toLength: 30, withPad: " ", startingAt: 0)
                out += "  \(id) \(severity) \(expected) \(probeCase.title)\(probeCase.isLargeBody ? " [--large-bodies]" : "")\n"
            }
        }
        return out
    }
}
