import Foundation

/// What a probe run tells GitHub Actions: the Markdown summary on the job page and an `::error`
/// annotation per FAIL. The caller reads `GITHUB_STEP_SUMMARY` at the edge and passes the path.
public enum GitHubActions {
    /// Appends `markdown` (and a blank line) to the step summary file at `path`, creating it if
    /// needed; other steps' summaries in the file are kept.
    public static func appendStepSummary(_ markdown: String, to path: String) throws(ReportWriteError) {
        let url = URL(fileURLWithPath: path)
        if !FileManager.default.fileExists(atPath: url.path) {
            try ReportFile.write("", to: path)
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((markdown + (markdown.hasSuffix("\n") ? "\n" : "\n\n")).utf8))
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// One `::error` workflow command per FAIL case, most severe first; empty when nothing failed.
    /// `file` is a repository-relative path for the annotation, when the caller has one.
    public static func errorAnnotations(_ report: TestReport, file: String? = nil) -> String {
        var out = ""
        for entry in report.overview.findings where entry.reportCase.verdict == .fail {
            let reportCase = entry.reportCase
            var properties = ["title=" + property("hookspec " + reportCase.id + (reportCase.severity.map { " [" + $0.rawValue + "]" } ?? ""))]
            if let file { properties.append("file=" + property(file)) }
            var message = reportCase.id + " " + reportCase.title + ": " + reportCase.oneLineReason
            if let target = report.target { message += " (target " + target + ")" }
            out += "::error " + properties.joined(separator: ",") + "::" + data(message) + "\n"
        }
        return out
    }

    /// A command's message, escaped as the runner unescapes it (`%`, CR, LF); other control
    /// characters made visible so none can reach the log raw.
    static func data(_ text: String) -> String {
        var out = ""
        for character in TerminalText.printable(text, keepNewlines: true) {
            switch character {
            case "%": out += "%25"
            case "\n": out += "%0A"
            default: out.append(character)
            }
        }
        return out
    }

    /// A command property value: as `data`, and `:` and `,` too, which would end the value.
    static func property(_ text: String) -> String {
        var out = ""
        for character in data(text) {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.append(character)
            }
        }
        return out
    }
}
