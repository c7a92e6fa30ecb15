import HookSpecCore
import Testing

/// Rejection descriptions start with the stable code, as reports quote them.
@Test func rejectionDescriptionsUseTheStableCode() {
    #expect(Rejection.signatureMismatch.description == "signature_mismatch: no signature entry matches")
    #expect("\(RejectionCode.timestampNonCanonical)" == "timestamp_noncanonical")
}
