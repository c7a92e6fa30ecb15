/// A plain-text table with aligned columns, for terminal summaries.
public struct TextTable: Sendable {
    /// Column headings.
    public var headings: [String]
    /// Rows; short rows are padded with empty cells.
    public var rows: [[String]]
    /// Columns whose cells are right-aligned (numbers).
    public var rightAligned: Set<Int>

    /// A table with these headings, rows and right-aligned columns.
    public init(headings: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
        self.headings = headings
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The table, one line per row, a rule under the headings, no trailing spaces.
    public func render() -> String {
        let columnCount = max(headings.count, rows.map(\.count).max() ?? 0)
        func cell(_ row: [String], _ column: Int) -> String {
            column < row.count ? TerminalText.printable(row[column]) : ""
        }
        var widths = Array(repeating: 0, count: columnCount)
        for row in [headings] + rows {
            for column in 0..<columnCount { widths[column] = max(widths[column], cell(row, column).count) }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for column in 0..<columnCount {
                let text = cell(row, column)
                let padding = String(repeating: " ", count: widths[column] - text.count)
                parts.append(rightAligned.contains(column) ? padding + text : text + padding)
            }
            return String(parts.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }
        var lines = [line(headings)]
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Makes text safe for a terminal: control characters (ESC above all, which a hostile receiver
/// could use to rewrite the screen) become visible `\u{XX}` escapes.
public enum TerminalText {
    /// `text` with every C0/C1 control except tab replaced; newlines too, for one-line cells.
    public static func printable(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
            if !isControl || value == 0x09 || (keepNewlines && value == 0x0A) {
                out.append(scalar)
            } else {
                out.append(contentsOf: ("\\u{" + String(value, radix: 16, uppercase: true) + "}").unicodeScalars)
            }
        }
        return String(out)
    }
}
