/// Fixed-width columns for people: wide enough for typical values, never
/// truncating (a long value just pushes the rest of its row right), so rows
/// can be printed as they stream in.
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

    func row(_ cells: [String]) -> String {
        var line = ""
        for (i, cell) in cells.enumerated() {
            if i < widths.count {
                line += cell + String(repeating: " ", count: max(1, widths[i] - cell.count + 2))
            } else {
                line += cell
            }
        }
        return line
    }
}
