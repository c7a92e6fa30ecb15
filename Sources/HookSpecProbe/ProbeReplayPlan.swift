import Foundation
import HookSpecReport

/// Why an earlier report cannot be replayed.
public enum ProbeReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a JSON document of `JSONReportWriter.format`.
    case notAReport(String)
    /// The report names a scheme this probe does not know.
    case unknownScheme(String)
    /// No case of the report has one of the verdicts asked for.
    case noCaseSelected(verdicts: [String])
    /// A case ID of the report is not in this catalog (it came from another version).
    case unknownCases([String])

    /// The reason in one line.
    public var description: String {
        switch self {
        case .notAReport(let why): "not a hookspec probe JSON report: \(why)"
        case .unknownScheme(let scheme): "the report's scheme \(scheme) is not v1, v1a or jwt"
        case .noCaseSelected(let verdicts): "no case of the report has the verdict \(verdicts.joined(separator: " or "))"
        case .unknownCases(let ids): "the report names cases this catalog does not have: \(ids.prefix(10).joined(separator: ", "))"
        }
    }
}

/// The cases of an earlier JSON report to run again (SPEC §9.7 `--replay`), with the scheme it
/// recorded; the runner gives them fresh ids and timestamps as always.
public struct ProbeReplayPlan: Sendable, Hashable {
    /// The scheme the report was signed with.
    public let scheme: ProbeScheme
    /// The IDs to run, in report order (the baseline always runs besides).
    public let caseIDs: [String]
    /// The target the report recorded, for the terminal.
    public let target: String?

    /// Largest report read (a probe report of every case with exchanges is a few MiB).
    public static let maximumBytes = 64 << 20

    /// The plan of `bytes` (a JSON report); with `verdicts`, only cases that had one of them.
    public init(parsing bytes: [UInt8], verdicts: Set<ReportVerdict>? = nil, catalog: [ProbeCase] = ProbeCatalog.all) throws(ProbeReplayError) {
        guard bytes.count <= Self.maximumBytes else { throw .notAReport("larger than \(Self.maximumBytes) bytes") }
        let document: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { throw ProbeReplayError.notAReport("not a JSON object") }
            document = object
        } catch let error as ProbeReplayError {
            throw error
        } catch {
            throw .notAReport("invalid JSON")
        }
        guard document["format"] as? String == JSONReportWriter.format else { throw .notAReport("format is not \(JSONReportWriter.format)") }
        let properties = document["properties"] as? [[String: Any]] ?? []
        guard let schemeText = properties.first(where: { $0["name"] as? String == "scheme" })?["value"] as? String else {
            throw .notAReport("no scheme property")
        }
        guard let scheme = ProbeScheme(rawValue: schemeText) else { throw .unknownScheme(schemeText) }
        var ids: [String] = []
        for suite in document["suites"] as? [[String: Any]] ?? [] {
            for reportCase in suite["cases"] as? [[String: Any]] ?? [] {
                guard let id = reportCase["id"] as? String, let verdictText = reportCase["verdict"] as? String else {
                    throw .notAReport("a case without id or verdict")
                }
                // Cases the earlier run did not send (other schemes, --only) are not replayed.
                guard let verdict = ReportVerdict(rawValue: verdictText), verdict != .skipped else { continue }
                if let verdicts, !verdicts.contains(verdict) { continue }
                ids.append(id)
            }
        }
        let known = Set(catalog.map(\.id))
        let unknown = ids.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw .unknownCases(unknown) }
        guard !ids.isEmpty else { throw .noCaseSelected(verdicts: (verdicts.map { Array($0) } ?? []).map(\.rawValue).sorted()) }
        self.scheme = scheme
        self.caseIDs = ids
        self.target = document["target"] as? String
    }

    /// The selection that runs exactly these cases (and the baseline); a large-body case in the
    /// report was sent under `--large-bodies`, so it runs again.
    public var selection: CaseSelection {
        CaseSelection(only: caseIDs, largeBodies: true)
    }
}
