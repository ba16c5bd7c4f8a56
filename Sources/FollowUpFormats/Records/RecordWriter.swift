public import FollowUpCore

/// Where a stored row's values go, one column at a time, in column order.
///
/// The SQLite store binds them by position; the PostgreSQL store writes them
/// as members of one JSON object per row (read by `jsonb_to_recordset`). One
/// encoder (``LeadTable/write(state:of:to:)``, …) serves both.
public protocol RecordWriter: ~Copyable {
    mutating func write(_ column: String, _ value: String?)
    mutating func write(_ column: String, _ value: Int64?)
    mutating func write(_ column: String, _ value: Bool?)
}

extension RecordWriter where Self: ~Copyable {
    public mutating func write(_ column: String, _ value: Int?) {
        write(column, value.map(Int64.init))
    }

    /// An instant, as every table keeps it: whole seconds since the Unix epoch.
    public mutating func write(_ column: String, _ value: Instant?) {
        write(column, value?.secondsSinceEpoch)
    }
}

extension JSONWriter: RecordWriter {
    /// A member, `null` when `value` is nil (`jsonb_to_recordset` reads it as NULL).
    public mutating func write(_ column: String, _ value: String?) {
        if let value { string(column, value) } else { null(column) }
    }

    public mutating func write(_ column: String, _ value: Int64?) {
        if let value { int(column, Int(value)) } else { null(column) }
    }

    public mutating func write(_ column: String, _ value: Bool?) {
        if let value { bool(column, value) } else { null(column) }
    }
}
