/// Where in a file something was found: the file, a 1-based line and column,
/// and for a spreadsheet the header of that column.
///
/// Every part is optional in print: an empty file (the caller prints its own
/// name in front), line 0 (the file as a whole) and column 0 (the line as a
/// whole) are left out, so one place prints as `FILE:LINE:COL`,
/// `FILE:LINE`, `FILE` or `LINE:COL(name)`.
public struct SourcePlace: Hashable, Sendable, CustomStringConvertible {
    /// The file as it was given to the reader; empty when the caller names it.
    public var file: String
    /// 1-based line; 0 when the place is the file as a whole.
    public var line: Int
    /// 1-based column (Unicode scalars in rule files, fields in CSV); 0 for the whole line.
    public var column: Int
    /// The header text of a CSV column, printed after its number: `3(email)`.
    public var columnName: String?

    /// Creates a place; leave out what is not known.
    public init(file: String = "", line: Int = 0, column: Int = 0, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// `FILE:LINE:COL(name)`, each part left out when absent (see the type's description).
    public var description: String {
        var parts: [String] = file.isEmpty ? [] : [file]
        if line > 0 {
            parts.append(String(line))
            if column > 0 { parts.append(String(column) + (columnName.map { "(\($0))" } ?? "")) }
        }
        return parts.joined(separator: ":")
    }
}
