public import FollowUpCore
/// Turns a spreadsheet of leads (CSV with a header row) into `lead.captured`
/// events, validating every row and naming every problem by line and column.
///
/// The header names each column's field: a field of `lead.captured`
/// (``LeadProfile/knownFields``) or `at` (the capture time; `captured_at` too).
/// Header names are matched loosely (`Company Size` is `company_size`);
/// ``init(mapping:)`` renames columns first (`--map "E-mail=email"`), and a
/// column mapped to the empty name is ignored. Other columns are kept as
/// attributes of the lead, as text. Empty cells are absent fields.
public struct LeadImport: Sendable {
    /// Column renames: header text (as written, or loosely) → field; "" drops the column.
    public var mapping: [String: String]

    /// The fields a column may map to.
    public static let fields: Set<String> = LeadProfile.knownFields.union(["at"])

    public init(mapping: [String: String] = [:]) {
        self.mapping = mapping
    }

    /// One valid row: its line and the event, as one JSON object.
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var leadID: LeadID
        /// The `lead.captured` event as a JSON object (what is posted).
        public var event: String
        /// Column number (1-based) of each field, to place problems the daemon finds later.
        public var columns: [String: Int]

        /// A problem found later (by the daemon, or against its clock) placed
        /// at this row of `file` and, when the row has a cell for `field`, at
        /// that column: `FILE:LINE:COL(field): message`, or `FILE:LINE: message`.
        public func diagnostic(_ message: String, field: String?, file: String) -> Diagnostic {
            let column = field.flatMap { columns[$0] }
            return Diagnostic(message: message, place: SourcePlace(file: file, line: line, column: column ?? 0,
                                                                   columnName: column == nil ? nil : field))
        }
    }

    /// A problem at a line and, when it concerns one cell, a column and its
    /// header: a ``Diagnostic`` whose place has no file (the caller prints
    /// it in front), so it prints as `LINE:COLUMN(name): message` or `LINE: message`.
    static func problem(line: Int, column: (number: Int, name: String)? = nil, _ message: String) -> Diagnostic {
        Diagnostic(message: message, place: SourcePlace(line: line, column: column?.number ?? 0, columnName: column?.name))
    }

    /// What reading a file gave: the valid rows, every problem (in line order),
    /// and the columns kept as attributes.
    public struct Result: Sendable {
        public var rows: [Row]
        public var problems: [Diagnostic]
        /// Lines of the rows that had problems (each counted once).
        public var badLines: [Int]
        public var attributeColumns: [String]
    }

    /// How a header cell reads loosely: trimmed, lower case, spaces and dashes as underscores.
    static func loose(_ header: String) -> String {
        String(Substring(header).trimmingSpaces.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    private static let aliases = ["captured_at": "at", "e_mail": "email", "mail": "email", "tz": "timezone",
                                  "time_zone": "timezone", "lead_id": "id"]

    /// The field a header cell names (nil: not a known field; "" : ignored).
    func field(forHeader header: String) -> String? {
        let trimmed = String(Substring(header).trimmingSpaces)
        if let mapped = mapping[trimmed] ?? mapping[header] ?? mapping[Self.loose(header)] { return mapped }
        let l = Self.loose(header)
        if Self.fields.contains(l) { return l }
        return Self.aliases[l]
    }

    /// Reads the whole file. Never throws: malformed CSV is a problem at its line.
    public func read(_ bytes: [UInt8]) -> Result {
        let records: [CSVReader.Record]
        do throws(CSVReader.SyntaxError) {
            records = try CSVReader.records(bytes)
        } catch {
            return Result(rows: [], problems: [Self.problem(line: error.line, "column \(error.column): \(error.message)")],
                          badLines: [error.line], attributeColumns: [])
        }
        guard let header = records.first else {
            return Result(rows: [], problems: [Self.problem(line: 1, "the file is empty: a header row naming the columns is required")],
                          badLines: [], attributeColumns: [])
        }
        var problems: [Diagnostic] = []
        var columnFields: [String?] = []  // field per column; nil: ignored
        var attributeColumns: [String] = []
        var seen: [String: Int] = [:]
        for (index, cell) in header.fields.enumerated() {
            let name = cell.value
            let column = (number: index + 1, name: name)
            if String(Substring(name).trimmingSpaces).isEmpty {
                columnFields.append(nil)
                continue
            }
            guard let field = self.field(forHeader: name) else {
                // Not a lead.captured field: kept as an attribute under its loose name.
                let attribute = Self.loose(name)
                if let first = seen[attribute] {
                    problems.append(Self.problem(line: header.line, column: column, "names the same field \"\(attribute)\" as column \(first)"))
                }
                seen[attribute] = index + 1
                attributeColumns.append(name)
                columnFields.append("attr:" + attribute)
                continue
            }
            if field.isEmpty {
                columnFields.append(nil)
                continue
            }
            guard Self.fields.contains(field) else {
                problems.append(Self.problem(line: header.line, column: column,
                                             "--map names an unknown field \"\(field)\" (fields: \(Self.fields.sorted().joined(separator: ", ")))"))
                columnFields.append(nil)
                continue
            }
            if let first = seen[field] {
                problems.append(Self.problem(line: header.line, column: column, "names the same field \"\(field)\" as column \(first)"))
            }
            seen[field] = index + 1
            columnFields.append(field)
        }
        for required in ["id", "source"] where seen[required] == nil {
            problems.append(Self.problem(line: header.line, "no column for the required field \"\(required)\" (rename one with --map COLUMN=\(required))"))
        }
        if !problems.isEmpty {
            return Result(rows: [], problems: problems, badLines: [header.line], attributeColumns: attributeColumns)
        }

        var rows: [Row] = []
        var badLines: [Int] = []
        var firstLineOfID: [String: Int] = [:]
        for record in records.dropFirst() {
            let before = problems.count
            if let row = readRow(record, header: header, columnFields: columnFields, firstLineOfID: &firstLineOfID,
                                 problems: &problems) {
                rows.append(row)
            }
            if problems.count > before { badLines.append(record.line) }
        }
        return Result(rows: rows, problems: problems, badLines: badLines, attributeColumns: attributeColumns)
    }

    private func readRow(_ record: CSVReader.Record, header: CSVReader.Record, columnFields: [String?],
                         firstLineOfID: inout [String: Int], problems: inout [Diagnostic]) -> Row? {
        let before = problems.count
        func problem(_ index: Int, _ message: String, line: Int? = nil) {
            let name = index < header.fields.count ? header.fields[index].value : "column \(index + 1)"
            problems.append(Self.problem(line: line ?? record.fields[min(index, record.fields.count - 1)].line,
                                         column: (index + 1, name), message))
        }
        if record.fields.count > header.fields.count {
            let extra = record.fields[header.fields.count...].contains { !$0.value.isEmpty }
            if extra {
                problems.append(Self.problem(line: record.line, "\(record.fields.count) fields, but the header has \(header.fields.count)"))
                return nil
            }
        }
        var values: [String: (value: String, index: Int)] = [:]
        var attributes: [(String, String, Int)] = []
        for (index, field) in columnFields.enumerated() {
            guard let field, index < record.fields.count else { continue }
            let value = String(Substring(record.fields[index].value).trimmingSpaces)
            guard !value.isEmpty else { continue }
            if field.hasPrefix("attr:") {
                attributes.append((String(field.dropFirst(5)), value, index))
            } else {
                values[field] = (value, index)
            }
        }
        let idColumn = columnFields.firstIndex(of: "id")!
        let sourceColumn = columnFields.firstIndex(of: "source")!
        guard let id = values["id"]?.value else {
            problem(idColumn, "required: every lead needs an id", line: record.line)
            return nil
        }
        if let first = firstLineOfID[id] {
            problem(idColumn, "duplicate id \"\(id)\" (first on line \(first))")
        } else {
            firstLineOfID[id] = record.line
        }
        if values["source"] == nil { problem(sourceColumn, "required: where the lead came from (web_form, referral, …)", line: record.line) }
        if let (text, index) = values["at"], RFC3339.parse(text) == nil {
            problem(index, "expected an RFC 3339 time such as 2026-11-24T20:00:00Z, got \"\(text)\"")
        }
        if let (text, index) = values["email"], !Self.looksLikeEmail(text) {
            problem(index, "not an email address: \"\(text)\"")
        }
        if let (text, index) = values["timezone"], ZoneCatalog.shared.rules(for: text) == nil {
            problem(index, "unknown time zone \"\(text)\" (an IANA name such as America/New_York)")
        }
        // Bounded like the event decoder bounds them (``InputBounds``): the rows become events.
        for (name, bounds) in [("company_size", InputBounds.companySize), ("score", InputBounds.score)] {
            if let (text, index) = values[name], !(Int(text).map(bounds.contains) ?? false) {
                problem(index, "expected a whole number from \(bounds.lowerBound) to \(bounds.upperBound), got \"\(text)\"")
            }
        }
        if let (text, index) = values["need"], text != "new", text != "current" {
            problem(index, "expected new or current, got \"\(text)\"")
        }
        guard problems.count == before else { return nil }

        var w = JSONWriter()
        w.beginObject()
        w.string("type", "lead.captured")
        if let at = values["at"] { w.string("at", at.value) }
        w.beginObject("lead")
        w.string("id", id)
        for name in ["source", "name", "email", "phone", "company", "title", "company_size", "need", "stage",
                     "timezone", "owner", "team", "score", "priority"] {
            guard let (text, _) = values[name] else { continue }
            if name == "company_size" || name == "score" { w.value(name, .number(String(Int(text)!))) }
            else { w.string(name, text) }
        }
        for (name, value, _) in attributes where !LeadProfile.knownFields.contains(name) && name != "at" {
            w.string(name, value)
        }
        w.endObject()
        w.endObject()
        let event = w.text
        var columns: [String: Int] = [:]
        for (name, entry) in values { columns[name] = entry.index + 1 }
        // The daemon's own decoder has the last word on every field.
        do throws(Diagnostic) {
            _ = try EventDecoder.decode(event, defaultAt: Instant(secondsSinceEpoch: 0))
        } catch var error {
            let name = error.field.hasPrefix("lead.") ? String(error.field.dropFirst(5)) : error.field
            if let index = values[name]?.index { problem(index, error.message) }
            else { error.place = SourcePlace(line: record.line); problems.append(error) }
            return nil
        }
        return Row(line: record.line, leadID: id, event: event, columns: columns)
    }

    /// One `@`, something before it, a dotted domain after it, no spaces.
    static func looksLikeEmail(_ text: String) -> Bool {
        EmailAddress.isValid(text) && text.split(separator: "@").last?.contains(".") == true
    }
}
