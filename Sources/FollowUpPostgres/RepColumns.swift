import FollowUpCore
import FollowUpFormats

/// How a ``TeamState/Member`` maps to a `reps` row (the SQLite store's
/// columns and encodings), written as JSON objects like ``LeadColumns``.
enum RepColumns {
    static let columns: [(name: String, type: String)] = [
        ("id", "text"), ("seq", "integer"), ("name", "text"), ("email", "text"), ("team", "text"), ("backup", "text"),
        ("timezone", "text"), ("attributes", "text"), ("available", "boolean"), ("until", "bigint"), ("reason", "text"),
        ("weight", "integer"), ("capacity", "integer"), ("deactivated", "boolean"), ("scheduled", "text"),
        ("scheduled_seq", "integer"),
    ]
    static let names = columns.map(\.name).joined(separator: ", ")

    /// Writes the members in `$1` (a JSON array), new or changed.
    static let upsertSQL = """
        INSERT INTO reps (\(names)) SELECT \(names)
        FROM jsonb_to_recordset($1::jsonb) AS r(\(columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")))
        ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst().map { "\($0.name) = EXCLUDED.\($0.name)" }.joined(separator: ", "))
        """

    static func write(_ m: TeamState.Member, to w: inout JSONWriter) {
        let r = m.rep
        let a = m.availability
        w.beginObject()
        w.string("id", r.id)
        w.int("seq", m.seq)
        w.optional("name", r.name)
        w.optional("email", r.email)
        w.optional("team", r.team)
        w.optional("backup", r.backup)
        w.optional("timezone", r.timezone)
        w.optional("attributes", JSONColumns.attributes(r.attributes))
        w.bool("available", a.available)
        w.seconds("until", a.until)
        w.optional("reason", a.reason)
        w.optional("weight", r.weight)
        w.optional("capacity", r.capacity)
        w.bool("deactivated", m.deactivated)
        w.optional("scheduled", m.scheduled.map(JSONColumns.availability))
        w.int("scheduled_seq", m.scheduledSeq)
        w.endObject()
    }

    /// Reads a row selected as `row_to_json(reps)::text`.
    static func read(_ text: String) throws -> TeamState.Member {
        let c = try JSONRow(text, table: "reps")
        let id = try c.string("id")
        do {
            var rep = Rep(id: id)
            rep.name = try c.optionalString("name")
            rep.email = try c.optionalString("email")
            rep.team = try c.optionalString("team")
            rep.backup = try c.optionalString("backup")
            rep.timezone = try c.optionalString("timezone")
            rep.attributes = try JSONColumns.attributes(c.optionalString("attributes"))
            rep.weight = try c.optionalInt("weight")
            rep.capacity = try c.optionalInt("capacity")
            let availability = Availability(available: try c.bool("available"), until: try c.optionalInstant("until"),
                                            reason: try c.optionalString("reason"))
            return TeamState.Member(rep: rep, availability: availability, seq: try c.int("seq"),
                                    deactivated: try c.optionalBool("deactivated") ?? false,
                                    scheduled: try c.optionalString("scheduled").map(JSONColumns.availability),
                                    scheduledSeq: try c.optionalInt("scheduled_seq") ?? 0)
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError.data(table: "reps", key: id, message: "\(error)")
        }
    }
}
