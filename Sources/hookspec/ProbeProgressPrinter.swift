import Foundation
import HookSpecProbe

/// One line per case while a probe runs, coloured unless `NO_COLOR` is set or output is not a terminal.
struct ProbeProgressPrinter: Sendable {
    /// Whether ANSI colours are written.
    let useColor: Bool

    func print(_ event: ProbeProgress) {
        switch event {
        case .started(let total):
            Console.line("Sending \(total) cases, baseline first.")
        case .finished(let result, let index, let total):
            let width = String(total).count
            let counter = String(repeating: " ", count: max(0, width - String(index).count)) + "\(index)/\(total)"
            let verdict = paint(result.grade.verdict)
            let id = result.probeCase.id.padding(toLength: 10, withPad: " ", startingAt: 0)
            var line = "[\(counter)] \(verdict) \(id) \(result.probeCase.title)"
            if result.grade.verdict != .pass { line += "\n" + String(repeating: " ", count: counter.count + 3) + "→ " + result.grade.reason }
            Console.line(TerminalSafe.line(line))
        case .diagnosing:
            Console.line("Baseline refused: trying the known signing mistakes (SPEC §9.6)...")
        case .stoppedSending(let count, let reason):
            Console.line(TerminalSafe.line("\(paint(.error)) \(count) remaining case\(count == 1 ? "" : "s") \(reason)"))
        }
    }

    /// How much the run sent; the verdict counts are the summary's alone, so they are printed once.
    func requestLine(_ result: ProbeRunResult) -> String {
        let seconds = Double(Int(result.durationSeconds * 1_000)) / 1_000
        return "\(result.requestsSent) requests in \(seconds) s."
    }

    private func paint(_ verdict: ProbeVerdict) -> String {
        let label = verdict.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
        guard useColor else { return label }
        let code = switch verdict {
        case .pass: "32"
        case .fail: "1;31"
        case .error: "31"
        case .nonStrict: "33"
        case .wrongCode: "35"
        case .info: "36"
        case .inconclusive, .skipped: "2"
        }
        return "\u{1B}[\(code)m\(label)\u{1B}[0m"
    }
}

/// The colour decision: https://no-color.org, and never into a pipe or file.
enum ColorChoice {
    static func useColor() -> Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}

/// Case titles and reasons are ours, but reasons quote statuses only; still keep control bytes out.
enum TerminalSafe {
    static func line(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            scalar == "\n" || scalar == "\u{1B}" || scalar.value >= 0x20 ? Character(scalar) : "?"
        })
    }
}

extension Console {
    /// A line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
