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
