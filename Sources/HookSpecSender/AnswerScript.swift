import HookSpecReport

/// What `hookspec listen` answers, attempt by attempt, so a sender's retry schedule shows.
///
/// Attempt n of one `webhook-id` gets the n-th status of the script for its event type (or of
/// the default script); past the end the last status repeats. `500,500,200` makes a sender retry
/// twice and then succeed.
public struct AnswerScript: Sendable, Hashable {
    /// Statuses for every event type without its own script.
    public var statuses: [Int]
    /// Scripts per envelope `type`.
    public var byType: [String: [Int]]

    /// A script; the default answers 200 to everything.
    public init(statuses: [Int] = [200], byType: [String: [Int]] = [:]) {
        self.statuses = statuses
        self.byType = byType
    }

    /// Why a script is unusable.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case empty(String)
        case badStatus(String)
        case notTypeScript(String)

        public var description: String {
            switch self {
            case .empty(let text): "answer script \"\(text)\" has no status"
            case .badStatus(let text): "answer script status \"\(text)\" is not 200 to 599"
            case .notTypeScript(let text): "per-type answer script \"\(text)\" is not TYPE=STATUSES"
            }
        }
    }

    /// The script of `--answer STATUSES` and each `--answer-for TYPE=STATUSES`.
    public init(parsing statuses: String, perType: [String]) throws(Failure) {
        self.init(statuses: try Self.statuses(parsing: statuses))
        for entry in perType {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw .notTypeScript(TerminalText.asciiEscaped(entry))
            }
            byType[String(entry[..<equals])] = try Self.statuses(parsing: String(entry[entry.index(after: equals)...]))
        }
    }

    /// Parses `500,500,200`; at most 100 statuses.
    public static func statuses(parsing text: String) throws(Failure) -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 100 else { throw .empty(text) }
        var statuses: [Int] = []
        for part in parts {
            guard let status = Int(part), (200...599).contains(status) else { throw .badStatus(String(part)) }
            statuses.append(status)
        }
        return statuses
    }

    /// The status for attempt `attempt` (1-based) of an event of `type`.
    public func status(type: String?, attempt: Int) -> Int {
        precondition(attempt >= 1, "attempts count from 1")
        let script = type.flatMap { byType[$0] } ?? statuses
        precondition(!script.isEmpty, "a script has at least one status")
        return script[min(attempt, script.count) - 1]
    }
}
