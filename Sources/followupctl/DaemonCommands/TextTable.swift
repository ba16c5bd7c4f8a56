/// Fixed-width columns for people: wide enough for typical values, never
/// truncating, so rows can be printed as they stream in. A value longer than
/// its column (a long lead id) ends its line, and the row goes on below
/// under the next column, so every column still lines up.
struct TextTable {
    let columns: [String]
    /// Widths of every column but the last.
    let widths: [Int]

    init(columns: [String], widths: [Int]? = nil) {
        self.columns = columns
        self.widths = widths ?? columns.dropLast().map { max($0.count, Self.typicalWidth[$0] ?? 10) }
    }

    /// Columns as wide as their widest cell, for a table whose rows are all at
    /// hand before it prints (the roster): every column lines up.
    init(columns: [String], fitting rows: [[String]]) {
        self.columns = columns
        self.widths = columns.indices.dropLast().map { i in
            rows.reduce(columns[i].count) { max($0, i < $1.count ? $1[i].count : 0) }
        }
    }

    private static let typicalWidth = ["ID": 10, "STATUS": 8, "PRIORITY": 11, "OWNER": 10, "STEP": 4,
                                       "DEADLINE": 20, "DUE": 20, "OVERDUE": 7]

    var header: String { row(columns) }

    /// The row's line (lines, when a value overflows), each after `indent`.
    func row(_ cells: [String], indent: String = "") -> String {
        var lines: [String] = []
        var line = ""
        var start = 0
        for (i, cell) in cells.enumerated() {
            line += String(repeating: " ", count: max(0, start - line.count)) + cell
            guard i < widths.count else { break }
            start += widths[i] + 2
            if line.count > start - 2, i + 1 < cells.count {
                lines.append(line)
                line = ""
            }
        }
        lines.append(line)
        return lines.map { indent + $0 }.joined(separator: "\n")
    }
}
