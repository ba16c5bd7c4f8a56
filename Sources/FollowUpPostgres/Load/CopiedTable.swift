import FollowUpFormats

/// How one table of the SQLite store becomes the PostgreSQL table of the same
/// name: the columns are the same and so are their encodings (JSON text,
/// seconds since the epoch), except that SQLite keeps booleans as 0 and 1
/// and the outbox's minting order as its rowid (here the `mint` column).
struct CopiedTable {
    struct Column {
        var name: String
        var type: String
        /// The member of the source row it is read from (its own name but for `mint`).
        var field: String
    }

    var name: String
    var columns: [Column]

    init(_ name: String, _ columns: [(name: String, type: String)], renaming: [String: String] = [:]) {
        self.name = name
        self.columns = columns.map { Column(name: $0.name, type: $0.type, field: renaming[$0.name] ?? $0.name) }
    }

    /// Inserts the rows of the JSON array in `$1`: one statement per chunk.
    var insertSQL: String {
        // 0/1 arrive as numbers; jsonb_to_recordset reads them as integers and the select makes them booleans.
        // jsonb here, not json as on the write path: it normalizes the numbers SQLite kept as REAL (written
        // as Swift prints a Double, `1e+16`), which json would hand as that text to a bigint column.
        let record = columns.map { "\($0.field) \($0.type == "boolean" ? "bigint" : $0.type)" }.joined(separator: ", ")
        let values = columns.map { $0.type == "boolean" ? "(\($0.field) <> 0)" : $0.field }.joined(separator: ", ")
        return """
            INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) SELECT \(values)
            FROM jsonb_to_recordset($1::jsonb) AS r(\(record))
            """
    }

    /// The source columns this table reads (``StoreRows/columns(of:)`` must hold them all, `rowid` aside).
    var fields: [String] { columns.map(\.field).filter { $0 != "rowid" } }

    /// Every table followupd keeps, but `meta` (``PostgresStoreLoad`` splits it into `meta` and `tallies`).
    static let all: [CopiedTable] = [
        CopiedTable("reps", RepColumns.columns.map { ($0.name, $0.kind.rawValue) }),
        CopiedTable("leads", LeadColumns.columns.map { ($0.name, $0.kind.rawValue) }),
        CopiedTable("events", [
            ("seq", "bigint"), ("at", "bigint"), ("type", "text"), ("lead", "text"), ("rep", "text"), ("source", "text"),
            ("received_at", "bigint"), ("body", "text"),
        ]),
        CopiedTable("timers", [("at", "bigint"), ("lead_seq", "bigint"), ("kind_order", "integer"), ("lead", "text"), ("kind", "text")]),
        CopiedTable("outbox", [
            ("mint", "bigint"), ("id", "text"), ("receiver", "text"), ("at", "bigint"), ("kind", "text"), ("lead", "text"),
            ("payload", "text"), ("recipient", "text"), ("state", "text"), ("attempts", "integer"), ("next_attempt_at", "bigint"),
            ("last_error", "text"), ("last_attempt_at", "bigint"), ("created_at", "bigint"), ("delivered_at", "bigint"),
            ("via", "text"), ("requeued_at", "bigint"),
        ], renaming: ["mint": "rowid"]),
        CopiedTable("erased_leads", [("lead", "text"), ("at", "bigint")]),
        // A client's retry after the move is still answered, not applied again.
        CopiedTable("idempotency_keys", [("key", "text"), ("fingerprint", "text"), ("body", "text"), ("created_at", "bigint")]),
    ]

    /// SQLite tables that are not copied: derived from the others, rebuilt where they are needed
    /// (`report_leads`, each lead's report contribution: the PostgreSQL store scans instead).
    static let derived: Set<String> = ["report_leads", "report_groups", "report_bins", "report_bins_weekly", "report_values"]

    /// `meta`'s rows but the tallies (SQLite keeps those as `tally.*` keys of meta).
    static let meta = CopiedTable("meta", [("key", "text"), ("value", "text")])
    /// The SQLite store's `tally.*` meta keys, a temporary table of the load to compare the recount with.
    static let sqliteTallyPrefix = "tally."
}
