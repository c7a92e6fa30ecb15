import HookSpecCore
import Testing

@testable import HookSpecProbe

@Suite("Probe case catalog invariants (SPEC §9.1)")
struct CatalogTests {
    @Test func idsAreUniqueAndStable() {
        let ids = ProbeCatalog.v1.map(\.id)
        #expect(Set(ids).count == ids.count)
        for probeCase in ProbeCatalog.v1 {
            #expect(probeCase.id.hasPrefix(probeCase.group.rawValue + "/"))
            #expect(Int(probeCase.id.split(separator: "/").last ?? "") != nil, "\(probeCase.id) is not group/number")
        }
    }
}
