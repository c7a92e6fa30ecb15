import Foundation
import TestTools
import Testing

/// Issue 11 item 10: a negative number given to a numeric probe option is named as out of range
/// (exit 2), not taken for a missing value.
@Suite struct ProbeOptionTests {
    @Test(arguments: [
        ("--timeout", "--timeout must be a positive number of seconds"), ("--rate", "--rate must be a positive number"),
        ("--budget", "--budget must be positive"), ("--jwks-port", "--jwks-port must be 0 to 65535"),
    ])
    func negativeNumbersAreOutOfRange(_ option: String, _ message: String) async throws {
        let hookspec = try #require(ExternalTool.builtProduct("hookspec"), "the hookspec executable is built by swift test beside the test bundle")
        let outcome = try await hookspec.run(["probe", option, "-1"])
        #expect(outcome.status == 2)
        #expect(outcome.errorOutput.contains(message), "\(outcome.errorOutput)")
        #expect(!outcome.errorOutput.contains("Missing value"))
    }
}
