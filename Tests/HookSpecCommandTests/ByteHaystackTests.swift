import Testing
import TestTools

/// The leak checks are only as good as their search: it must find a needle anywhere, including
/// at either end and after a near miss, and must not find one that is absent.
@Suite struct ByteHaystackTests {
    @Test func findsNeedlesAnywhereAndNothingElse() {
        let text = ByteHaystack("v1,Tm90IGEgcmVhbCBNQUMu v1,Tm90IGEgcmVhbCBNQUMv é")
        #expect(text.contains("v1,Tm90"))
        #expect(text.contains("BNQUMv é"))
        #expect(text.contains("BNQUMv"))
        #expect(text.contains("é"))
        #expect(!text.contains("BNQUMw"))
        #expect(!text.contains("é!"))
        #expect(text.contains(""))
        #expect(!ByteHaystack("").contains("a"))
    }
}
