import FollowUpCore
import FollowUpFormats
import GRDB

/// How a ``TeamState/Member`` maps to a `reps` row. Reps are few and change
/// only with rep events, so this is off the hot path.
enum RepRow {
    static let selectList = "id, seq, name, email, team, backup, timezone, attributes, available, until, reason, "
        + "weight, capacity, deactivated, scheduled, scheduled_seq"

    static let upsertSQL = """
        INSERT INTO reps (\(selectList)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, name = excluded.name, email = excluded.email,
            team = excluded.team, backup = excluded.backup, timezone = excluded.timezone,
            attributes = excluded.attributes, available = excluded.available, until = excluded.until,
            reason = excluded.reason, weight = excluded.weight, capacity = excluded.capacity,
            deactivated = excluded.deactivated, scheduled = excluded.scheduled, scheduled_seq = excluded.scheduled_seq
        """

    /// Writes a member, new or changed.
    static func upsert(_ m: TeamState.Member, _ db: Database) throws {
        let r = m.rep
        let a = m.availability
        try db.cachedStatement(sql: upsertSQL).execute(arguments: [
            r.id, m.seq, r.name, r.email, r.team, r.backup, r.timezone, JSONColumns.attributes(r.attributes),
            a.available, a.until?.secondsSinceEpoch, a.reason,
            r.weight, r.capacity, m.deactivated, m.scheduled.map(JSONColumns.availability), m.scheduledSeq,
        ])
    }

    /// Every member, by id.
    static func fetchAll(_ db: Database) throws -> [RepID: TeamState.Member] {
        var members: [RepID: TeamState.Member] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(selectList) FROM reps ORDER BY seq")
        while let row = try cursor.next() {
            var c = ColumnReader(row: row)
            let id = try c.string()
            do {
                let seq = try c.int()
                var rep = Rep(id: id)
                rep.name = try c.optionalString()
                rep.email = try c.optionalString()
                rep.team = try c.optionalString()
                rep.backup = try c.optionalString()
                rep.timezone = try c.optionalString()
                rep.attributes = try JSONColumns.attributes(c.optionalString())
                let availability = Availability(available: try c.bool(), until: try c.optionalInstant(),
                                                reason: try c.optionalString())
                rep.weight = try c.optionalInt()
                rep.capacity = try c.optionalInt()
                let deactivated = try c.optionalBool() ?? false
                let scheduled = try c.optionalString().map(JSONColumns.availability)
                let scheduledSeq = try c.optionalInt() ?? 0
                members[id] = TeamState.Member(rep: rep, availability: availability, seq: seq, deactivated: deactivated,
                                               scheduled: scheduled, scheduledSeq: scheduledSeq)
            } catch {
                throw StoreDataError(table: "reps", key: id, message: "\(error)")
            }
        }
        return members
    }
}
