import Foundation

/// One fuzz target: a name for the runner and a body that checks properties of one input.
struct FuzzTarget: Sendable {
    /// The name `Fuzz/run` and the corpus directory use.
    let name: String
    /// Runs one input; a broken property ends the process through `FuzzCheck.fail`.
    let body: @Sendable (UnsafeRawBufferPointer) -> Void
}

/// The registry of targets and the one the process runs.
enum FuzzTargets {
    static let all: [FuzzTarget] = [
        SignatureListTarget.target,
        TimestampTarget.target,
        Base64Target.target,
        KeyParsingTarget.target,
        StrictJSONTarget.target,
        ClaimsScanTarget.target,
        JWSTarget.target,
        JWTSignedTarget.target,
        JWKSTarget.target,
        HeaderBlockTarget.target,
        EnvelopeTarget.target,
        VectorLoaderTarget.target,
        RecordedEnvelopeTarget.target,
        DifferentialHMACTarget.target,
        DifferentialEd25519Target.target,
        DifferentialPythonTarget.target,
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    // libFuzzer calls back through a C function pointer, which cannot capture; the choice is
    // made once in main before the driver starts, then only read.
    nonisolated(unsafe) private static var selected: FuzzTarget?

    static func select(_ target: FuzzTarget) { selected = target }

    static func runSelected(_ input: UnsafeRawBufferPointer) {
        guard let selected else { FuzzCheck.fail("no target selected") }
        selected.body(input)
    }
}

/// Property checks: a broken one prints what broke and aborts, so libFuzzer keeps the input.
enum FuzzCheck {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("PROPERTY VIOLATED: \(message)\n".utf8))
        abort()
    }

    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }
}
