import Foundation

/// Finding the Wycheproof directory (SPEC §8).
public enum WycheproofDirectory {
    /// The environment variable that names it.
    public static let environmentVariable = "WYCHEPROOF_DIR"
    /// Why Wycheproof suites were skipped when no directory is known.
    public static let unsetReason = "skipped: WYCHEPROOF_DIR is unset (CI sets it to ../shared/vectors/wycheproof)"

    /// `WYCHEPROOF_DIR` when set and non-empty.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let value = environment[environmentVariable], !value.isEmpty else { return nil }
        return value
    }
}
