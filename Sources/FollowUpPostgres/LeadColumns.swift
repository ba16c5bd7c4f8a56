import FollowUpCore
import FollowUpFormats

/// How a ``LeadState`` maps to a `leads` row: the same columns and the same
/// encodings as the SQLite store's (JSON columns through ``JSONColumns``),
/// written as one JSON object per lead (a batch's leads go to the server as
/// one array, read by `jsonb_to_recordset`) and read back from `row_to_json`.
enum LeadColumns {
    /// Every column and its type, in table order (``LeadTable``, shared with
    /// the SQLite store): the record type `jsonb_to_recordset` reads and the
    /// upsert follow from it.
    static let columns = LeadTable.columns
    static let names = columns.names
    /// `seq bigint, id text, …`: the record `jsonb_to_recordset` builds.
    static let recordType = columns.definitions

    /// Inserts the leads in `$1` (a JSON array of ``write(_:to:)`` objects), or
    /// rewrites those already there: one statement for a whole batch.
    static let upsertSQL = """
        INSERT INTO leads (\(names)) SELECT \(names) FROM jsonb_to_recordset($1::jsonb) AS r(\(recordType))
        ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst(2).map { "\($0.name) = EXCLUDED.\($0.name)" }.joined(separator: ", "))
        """

    /// A lead as one JSON object, keyed by column.
    static func write(_ lead: LeadState, to w: inout JSONWriter) {
        w.beginObject()
        LeadTable.write(key: lead, to: &w)
        LeadTable.write(profile: lead, to: &w)
        LeadTable.write(state: lead, to: &w)
        w.endObject()
    }

    /// Reads a row selected as `row_to_json(leads)::text`.
    static func read(_ text: String) throws -> LeadState {
        var r = try JSONRow(text, table: "leads")
        do {
            return try LeadTable.read(from: &r)
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError.data(table: "leads", key: (try? r.optionalString("id")).flatMap { $0 } ?? "?",
                                          message: "\(error)")
        }
    }
}
