/// The case catalog of every scheme and the selection rules of `--only`, `--skip` and `--large-bodies` (SPEC §9.1).
public enum ProbeCatalog {
    /// Version of the catalog written into reports; bump when a case is added or its grading changes.
    public static let version = "2026.12.1"

    /// Every case, groups in run order (baseline first); a run sends those of its scheme.
    public static let all: [ProbeCase] =
        BaselineCases.all + HeaderCases.all + SignatureCases.all + RotationCases.all + EntryShapeCases.all + Ed25519Cases.all + TokenCases.all
        + TimestampCases.all + ReplayCases.all + BodyCases.all + EnvelopeCases.all + ResponseCases.all

    /// The cases a run of `scheme` sends.
    public static func cases(for scheme: ProbeScheme) -> [ProbeCase] {
        all.filter { $0.schemes.contains(scheme) }
    }

    /// Whether `id` is selected by `prefix`: `sig` selects `sig/…`, `ts/3` selects only `ts/3`.
    public static func matches(_ id: String, prefix: String) -> Bool {
        let prefix = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        return id == prefix || id.hasPrefix(prefix + "/")
    }
}

/// Which cases a run sends; the others are reported SKIPPED with the reason.
public struct CaseSelection: Sendable, Hashable {
    /// ID prefixes to run; empty means all.
    public var only: [String]
    /// ID prefixes to leave out.
    public var skip: [String]
    /// Whether large-body cases run (SPEC §9.8: opt-in).
    public var largeBodies: Bool

    /// A selection.
    public init(only: [String] = [], skip: [String] = [], largeBodies: Bool = false) {
        self.only = only
        self.skip = skip
        self.largeBodies = largeBodies
    }

    /// Why `probeCase` is not run, or nil when it is.
    public func exclusionReason(for probeCase: ProbeCase) -> String? {
        // The baseline calibrates every other verdict (SPEC §9.3), so --only never drops it; --skip can.
        if !only.isEmpty, probeCase.group != .baseline, !only.contains(where: { ProbeCatalog.matches(probeCase.id, prefix: $0) }) {
            return "not selected by --only \(only.joined(separator: ","))"
        }
        if let prefix = skip.first(where: { ProbeCatalog.matches(probeCase.id, prefix: $0) }) {
            return "excluded by --skip \(prefix)"
        }
        if probeCase.isLargeBody, !largeBodies {
            return "large body: opt in with --large-bodies"
        }
        return nil
    }

    /// Prefixes that match no case (a typo in `--only` or `--skip` is a usage error).
    public func unknownPrefixes(in catalog: [ProbeCase]) -> [String] {
        (only + skip).filter { prefix in !catalog.contains { ProbeCatalog.matches($0.id, prefix: prefix) } }
    }
}
