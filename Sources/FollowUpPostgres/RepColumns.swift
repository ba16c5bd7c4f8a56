import FollowUpCore
import FollowUpFormats

/// How a ``TeamState/Member`` maps to a `reps` row (``RepTable``'s columns
/// and encodings, shared with the SQLite store), written as JSON objects like ``LeadColumns``.
enum RepColumns {
    static let columns = RepTable.columns
    static let names = columns.names

    /// Writes the members in `$1` (a JSON array), new or changed.
    static let upsertSQL = """
        INSERT INTO reps (\(names)) SELECT \(names)
        FROM jsonb_to_recordset($1::jsonb) AS r(\(columns.definitions))
        ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst().map { "\($0.name) = EXCLUDED.\($0.name)" }.joined(separator: ", "))
        """

    static func write(_ m: TeamState.Member, to w: inout JSONWriter) {
        w.beginObject()
        RepTable.write(m, to: &w)
        w.endObject()
    }

    /// Reads a row selected as `row_to_json(reps)::text`.
    static func read(_ text: String) throws -> TeamState.Member {
        var c = try JSONRow(text, table: "reps")
        do {
            return try RepTable.read(from: &c)
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError.data(table: "reps", key: (try? c.optionalString("id")).flatMap { $0 } ?? "?",
                                          message: "\(error)")
        }
    }
}
