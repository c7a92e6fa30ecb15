import HookSpecCore

/// The catalog as a plain-text table for the terminal (`hookspec catalog`).
public enum CatalogTable {
    /// Heading line plus one row per type (one line per extra variant), columns padded with spaces.
    public static func render(_ catalog: EventCatalog) -> String {
        var rows: [[String]] = [["TYPE", "STATUS", "DATA (required members)", "SOURCES"]]
        for event in catalog.events {
            let status = event.aliasOf.map { "alias of \($0)" } ?? event.status.rawValue
            for (index, variant) in event.variants.enumerated() {
                let members = variant.members.map { member in
                    member.types == [.string] ? member.name : member.name + " (" + member.types.map(\.rawValue).joined(separator: "|") + ")"
                }.joined(separator: ", ")
                let data = event.variants.count > 1 ? variant.name + ": " + members : members
                rows.append(index == 0 ? [event.type, status, data, event.sources.joined(separator: ", ")] : ["", "", data, ""])
            }
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = ["hookspec event catalog \(catalog.version): envelope version \(catalog.envelopeVersion), \(catalog.events.count) types"]
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        lines.append("")
        lines += catalog.sources.map { "[\($0.id)] \($0.title)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
