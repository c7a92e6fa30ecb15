import HookSpecCore
import HookSpecVectors
import Testing

/// Every delivery vector through the core, one test case per vector (SPEC §8).
@Suite struct DeliveryVectorTests {
    @Test(arguments: try HarnessVectors.deliveryCases())
    func coreAgreesWithVector(_ testCase: DeliveryVectorCase) {
        let result = DeliveryVectorRunner.run(testCase.vector)
        #expect(result.verdict == .agrees, "expected \(result.expected), core said \(result.actual): \(result.detail ?? "")")
    }

    @Test func everyPublishedValueIsPresent() throws {
        let names = try HarnessVectors.deliveryCases().map(\.vector.name)
        for id in ["V1", "V2", "V3", "V4", "V5", "V6", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"] {
            #expect(names.contains { $0.hasPrefix(id + " ") }, "no vector for published value \(id)")
        }
        for index in 1...15 { #expect(names.contains("decoy \(index) alone strict")) }
        for index in 1...7 { #expect(names.contains("malformed entry \(index) alone strict")) }
        #expect(names.count > 300)
    }

    @Test func everyExpectedCodeIsExercisedBothWays() throws {
        // The files must hold valid vectors and rejections of many kinds; a file of only "valid" could not fail usefully.
        let expectations = Set(try HarnessVectors.deliveryCases().map(\.vector.expected.description))
        for code in ["valid", "signature_mismatch", "entry_malformed", "entry_noncanonical_base64", "timestamp_noncanonical",
                     "timestamp_malformed", "timestamp_stale", "timestamp_future", "header_missing", "header_empty",
                     "header_duplicate", "secret_malformed", "secret_length", "signature_unsupported_version", "no_keys"] {
            #expect(expectations.contains(code), "no vector expects \(code)")
        }
    }

    @Test func aWrongExpectationIsReportedAsDisagreement() throws {
        let cases = try HarnessVectors.deliveryCases()
        var vector = try #require(cases.first { $0.vector.name == "V1 standard-webhooks python sign" }).vector
        #expect(DeliveryVectorRunner.run(vector).verdict == .agrees)
        vector.expected = .rejected(.signatureMismatch)
        let result = DeliveryVectorRunner.run(vector)
        #expect(result.verdict == .disagrees)
        #expect(result.actual == "valid")
    }
}

/// Wycheproof through the core; skipped, saying so, without `WYCHEPROOF_DIR`.
@Suite(.enabled(if: HarnessPaths.wycheproofDirectory != nil, "skipped: WYCHEPROOF_DIR is unset (CI sets it to ../shared/vectors/wycheproof)"))
struct WycheproofTests {
    @Test(arguments: try HarnessVectors.macCases())
    func hmacSHA256(_ testCase: MACCase) {
        Self.expectLabelHonoured(WycheproofMACRunner.run(testCase.test), label: testCase.test.label)
    }

    @Test(arguments: try HarnessVectors.signatureCases())
    func ed25519(_ testCase: SignatureCase) {
        Self.expectLabelHonoured(WycheproofEd25519Runner.run(testCase.test), label: testCase.test.label)
    }

    /// `valid` must verify and `invalid` must not. `acceptable` allows either, but the result must
    /// say which happened and must not be counted as agreement (`result.verdict != .disagrees`
    /// alone would hold for every acceptable test whatever the runner did).
    static func expectLabelHonoured(_ result: VectorResult, label: WycheproofLabel) {
        switch label {
        case .valid, .invalid:
            #expect(result.actual == label.rawValue, "\(label.rawValue) but core said \(result.actual)")
            #expect(result.verdict == .agrees)
        case .acceptable:
            let note = result.actual == "valid" ? "the core accepts it" : "the core rejects it"
            #expect(result.verdict == .acceptable(note: note), "acceptable test reported as \(result.verdict)")
        }
    }

    @Test func filesAreReadCompletely() throws {
        #expect(try HarnessVectors.signatureCases().count == 151)
        let directory = try #require(HarnessPaths.wycheproofDirectory)
        #expect(try WycheproofMACRunner.load(path: directory + "/hmac_sha256_test.json").count == 174)
    }
}
