/// How much a finding matters (SPEC §9.1), most severe first.
public enum ReportSeverity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case critical, high, medium, low, info

    /// Position in `allCases`: 0 is the most severe.
    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        case .info: 4
        }
    }

    /// More severe sorts first.
    public static func < (lhs: ReportSeverity, rhs: ReportSeverity) -> Bool { lhs.rank < rhs.rank }
}
