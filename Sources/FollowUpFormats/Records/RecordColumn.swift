/// One column of a stored row: its name and its type.
///
/// Both stores keep a lead (and a rep) in the same columns with the same
/// encodings; this is where those columns are listed once, so the SQLite
/// store's select and bind order and the PostgreSQL store's schema and
/// `jsonb_to_recordset` record type cannot drift apart.
public struct RecordColumn: Sendable, Hashable {
    /// The column's SQL type, in PostgreSQL's words (SQLite stores the same values by affinity).
    public enum Kind: String, Sendable {
        case text, integer, bigint, boolean
    }

    public let name: String
    public let kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

extension [RecordColumn] {
    /// `a, b, c`: a select list or an insert's column list.
    public var names: String { map(\.name).joined(separator: ", ") }

    /// `a text, b bigint, …`: a `CREATE TABLE` body or a record type.
    public var definitions: String { map { "\($0.name) \($0.kind.rawValue)" }.joined(separator: ", ") }
}
