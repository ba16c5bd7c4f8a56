public import FollowUpCore

/// The `reps` table: a team member's columns, in order, and the one encoder
/// and decoder both stores use (see ``LeadTable`` on adding a column).
public enum RepTable {
    public static let columns: [RecordColumn] = [
        .init("id", .text), .init("seq", .integer), .init("name", .text), .init("email", .text), .init("team", .text),
        .init("backup", .text), .init("timezone", .text), .init("attributes", .text), .init("available", .boolean),
        .init("until", .bigint), .init("reason", .text), .init("weight", .integer), .init("capacity", .integer),
        .init("deactivated", .boolean), .init("scheduled", .text), .init("scheduled_seq", .integer),
    ]

    /// How many of ``columns`` PostgreSQL's first migration created (all of them, so far).
    public static let columnsAtFirstSchema = 16

    public static func write<W: RecordWriter & ~Copyable>(_ m: TeamState.Member, to w: inout W) {
        let r = m.rep
        let a = m.availability
        w.write("id", r.id)
        w.write("seq", m.seq)
        w.write("name", r.name)
        w.write("email", r.email)
        w.write("team", r.team)
        w.write("backup", r.backup)
        w.write("timezone", r.timezone)
        w.write("attributes", JSONColumns.attributes(r.attributes))
        w.write("available", a.available)
        w.write("until", a.until)
        w.write("reason", a.reason)
        w.write("weight", r.weight)
        w.write("capacity", r.capacity)
        w.write("deactivated", m.deactivated)
        w.write("scheduled", m.scheduled.map(JSONColumns.availability))
        w.write("scheduled_seq", m.scheduledSeq)
    }

    /// A member from a row with every one of ``columns``, read in their order.
    /// Rows from before people and routing (SQLite's v7) are active, never scheduled.
    public static func read<R: RecordReader & ~Copyable>(from c: inout R) throws -> TeamState.Member {
        let id = try c.string("id")
        let seq = try c.int("seq")
        var rep = Rep(id: id)
        rep.name = try c.optionalString("name")
        rep.email = try c.optionalString("email")
        rep.team = try c.optionalString("team")
        rep.backup = try c.optionalString("backup")
        rep.timezone = try c.optionalString("timezone")
        rep.attributes = try JSONColumns.attributes(c.optionalString("attributes"))
        let availability = Availability(available: try c.bool("available"), until: try c.optionalInstant("until"),
                                        reason: try c.optionalString("reason"))
        rep.weight = try c.optionalInt("weight")
        rep.capacity = try c.optionalInt("capacity")
        let deactivated = try c.optionalBool("deactivated") ?? false
        let scheduled = try c.optionalString("scheduled").map(JSONColumns.availability)
        let scheduledSeq = try c.optionalInt("scheduled_seq") ?? 0
        return TeamState.Member(rep: rep, availability: availability, seq: seq, deactivated: deactivated,
                                scheduled: scheduled, scheduledSeq: scheduledSeq)
    }
}
