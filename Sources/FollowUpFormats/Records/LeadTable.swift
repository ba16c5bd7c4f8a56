public import FollowUpCore

/// The `leads` table: a ``LeadState``'s columns, in order, and the one
/// encoder and decoder both stores use.
///
/// Adding a column: append it here and add a migration to each store
/// (SQLite's `ALTER TABLE`, a numbered PostgreSQL migration). PostgreSQL's
/// first migration creates the table from the first ``columnsAtFirstSchema``
/// columns, so it stays what it shipped as.
public enum LeadTable {
    /// The row's key: capture order and the lead's id.
    public static let keyColumns: [RecordColumn] = [.init("seq", .bigint), .init("id", .text)]

    /// Fixed after capture: the profile and when it came.
    public static let profileColumns: [RecordColumn] = [
        .init("captured_at", .bigint), .init("source", .text), .init("name", .text), .init("email", .text),
        .init("phone", .text), .init("company", .text), .init("title", .text), .init("company_size", .integer),
        .init("need", .text), .init("stage", .text), .init("timezone", .text), .init("given_owner", .text),
        .init("given_team", .text), .init("given_score", .integer), .init("given_priority", .text),
        .init("attributes", .text),
    ]

    /// What the engine changes. `awaits_first_touch`, `deadline_open` and
    /// `in_cadence` are derived, written for the indexes and not read back.
    public static let stateColumns: [RecordColumn] = [
        .init("priority", .text), .init("policy", .text), .init("triage_rule", .text), .init("score", .integer),
        .init("team", .text), .init("owner", .text), .init("had", .text), .init("status", .text),
        .init("touches", .integer), .init("last_touch_at", .bigint), .init("step", .integer),
        .init("step_due", .bigint), .init("step_deadline", .bigint), .init("step_due_notified", .boolean),
        .init("step_breached", .boolean), .init("step_opened_at", .bigint), .init("unrouted", .boolean),
        .init("nurture_at", .bigint), .init("counters", .text), .init("awaits_first_touch", .boolean),
        .init("deadline_open", .bigint), .init("step_window", .bigint), .init("step_last_breach_at", .bigint),
        .init("step_repeat_at", .bigint), .init("step_breaches", .integer), .init("step_reopened", .boolean),
        .init("snoozed_until", .bigint), .init("snooze_reason", .text), .init("check_in_from", .bigint),
        .init("check_in_at", .bigint), .init("by_round_robin", .boolean), .init("accept_by", .bigint),
        .init("cadence_from", .bigint), .init("in_cadence", .boolean), .init("won_value", .bigint),
    ]

    /// Every column, in the order ``write(key:to:)``, ``write(profile:to:)``,
    /// ``write(state:to:)`` and ``read(from:)`` take them.
    public static let columns = keyColumns + profileColumns + stateColumns

    /// How many of ``columns`` PostgreSQL's first migration created (all of them, so far).
    public static let columnsAtFirstSchema = 53

    // MARK: Writing

    public static func write<W: RecordWriter & ~Copyable>(key lead: LeadState, to w: inout W) {
        w.write("seq", lead.seq)
        w.write("id", lead.id)
    }

    public static func write<W: RecordWriter & ~Copyable>(profile lead: LeadState, to w: inout W) {
        let p = lead.profile
        w.write("captured_at", lead.capturedAt)
        w.write("source", p.source)
        w.write("name", p.name)
        w.write("email", p.email)
        w.write("phone", p.phone)
        w.write("company", p.company)
        w.write("title", p.title)
        w.write("company_size", p.companySize)
        w.write("need", p.need)
        w.write("stage", p.stage)
        w.write("timezone", p.timezone)
        w.write("given_owner", p.owner)
        w.write("given_team", p.team)
        w.write("given_score", p.score)
        w.write("given_priority", p.priority)
        w.write("attributes", JSONColumns.attributes(p.attributes))
    }

    public static func write<W: RecordWriter & ~Copyable>(state lead: LeadState, to w: inout W) {
        let step = lead.step
        w.write("priority", lead.priority)
        w.write("policy", lead.policy)
        w.write("triage_rule", lead.triageRule)
        w.write("score", lead.score)
        w.write("team", lead.team)
        w.write("owner", lead.owner)
        w.write("had", JSONColumns.repIDs(lead.had))
        w.write("status", lead.status.rawValue)
        w.write("touches", lead.touches)
        w.write("last_touch_at", lead.lastTouchAt)
        w.write("step", step?.number)
        w.write("step_due", step?.due)
        w.write("step_deadline", step?.deadline)
        w.write("step_due_notified", step?.dueNotified)
        w.write("step_breached", step?.breached)
        w.write("step_opened_at", step?.openedAt)
        w.write("unrouted", lead.unrouted)
        w.write("nurture_at", lead.nurtureAt)
        w.write("counters", JSONColumns.counters(lead.counters))
        w.write("awaits_first_touch", lead.awaitsFirstTouch)
        w.write("deadline_open", lead.openStep?.deadline)
        w.write("step_window", step?.window.seconds)
        w.write("step_last_breach_at", step?.lastBreachAt)
        w.write("step_repeat_at", step?.repeatAt)
        w.write("step_breaches", step?.breaches)
        w.write("step_reopened", step?.reopened)
        w.write("snoozed_until", lead.snoozedUntil)
        w.write("snooze_reason", lead.snoozeReason)
        w.write("check_in_from", lead.checkInFrom)
        w.write("check_in_at", lead.checkInAt)
        w.write("by_round_robin", lead.byRoundRobin)
        w.write("accept_by", lead.acceptBy)
        w.write("cadence_from", lead.cadenceFrom)
        w.write("in_cadence", lead.isInCadence)
        w.write("won_value", lead.wonValue?.cents)
    }

    // MARK: Reading

    /// A lead from a row with every one of ``columns``, read in their order.
    ///
    /// Rows written by older versions lack some values; each has the default
    /// it had before its column existed (see the comments below).
    public static func read<R: RecordReader & ~Copyable>(from r: inout R) throws -> LeadState {
        let seq = try r.int64("seq")
        let id = try r.string("id")
        let capturedAt = try r.instant("captured_at")
        var profile = LeadProfile(id: id, source: try r.string("source"))
        profile.name = try r.optionalString("name")
        profile.email = try r.optionalString("email")
        profile.phone = try r.optionalString("phone")
        profile.company = try r.optionalString("company")
        profile.title = try r.optionalString("title")
        profile.companySize = try r.optionalInt("company_size")
        profile.need = try r.optionalString("need")
        profile.stage = try r.optionalString("stage")
        profile.timezone = try r.optionalString("timezone")
        profile.owner = try r.optionalString("given_owner")
        profile.team = try r.optionalString("given_team")
        profile.score = try r.optionalInt("given_score")
        profile.priority = try r.optionalString("given_priority")
        profile.attributes = try JSONColumns.attributes(r.optionalString("attributes"))

        let priority = try r.string("priority")
        let policy = try r.string("policy")
        let triageRule = try r.string("triage_rule")
        let score = try r.int("score")
        let team = try r.optionalString("team")
        let owner = try r.optionalString("owner")
        let had = try JSONColumns.repIDs(r.string("had"))
        let rawStatus = try r.string("status")
        guard let status = LeadStatus(rawValue: rawStatus) else {
            throw Diagnostic(field: "status", message: "unknown status \"\(rawStatus)\"")
        }
        let touches = try r.int("touches")
        let lastTouchAt = try r.optionalInstant("last_touch_at")
        let number = try r.optionalInt("step")
        let due = try r.optionalInstant("step_due")
        let deadline = try r.optionalInstant("step_deadline")
        let dueNotified = try r.optionalBool("step_due_notified")
        let breached = try r.optionalBool("step_breached")
        let openedAt = try r.optionalInstant("step_opened_at")
        let unrouted = try r.bool("unrouted")
        let nurtureAt = try r.optionalInstant("nurture_at")
        let counters = try JSONColumns.counters(r.string("counters"))
        _ = try r.optionalBool("awaits_first_touch")
        _ = try r.optionalInstant("deadline_open")
        let window = try r.optionalInt64("step_window")
        let lastBreachAt = try r.optionalInstant("step_last_breach_at")
        let repeatAt = try r.optionalInstant("step_repeat_at")
        let breaches = try r.optionalInt("step_breaches")
        let reopened = try r.optionalBool("step_reopened")
        let snoozedUntil = try r.optionalInstant("snoozed_until")
        let snoozeReason = try r.optionalString("snooze_reason")
        let checkInFrom = try r.optionalInstant("check_in_from")
        let checkInAt = try r.optionalInstant("check_in_at")
        let byRoundRobin = try r.optionalBool("by_round_robin") ?? false
        let acceptBy = try r.optionalInstant("accept_by")
        let cadenceFrom = try r.optionalInstant("cadence_from")
        _ = try r.optionalBool("in_cadence")
        let wonValue = try r.optionalInt64("won_value").map(Amount.init(cents:))

        var step: OpenStep?
        if let number, let due, let deadline {
            // Rows written before SQLite's v2 have no opening time: step 1 opened at its due time
            // (the default policy's step 1 is due at once), later ones at the touch before.
            // Rows written before v6 have no window: the step's planned one.
            step = OpenStep(number: number, due: due, deadline: deadline,
                            dueNotified: dueNotified ?? false, breached: breached ?? false,
                            openedAt: openedAt ?? (number == 1 ? due : lastTouchAt ?? due),
                            window: window.map(TimeSpan.init(seconds:)), lastBreachAt: lastBreachAt,
                            repeatAt: repeatAt, breaches: breaches ?? (breached == true ? 1 : 0),
                            reopened: reopened ?? false)
        }
        return LeadState(profile: profile, seq: seq, capturedAt: capturedAt, priority: priority, policy: policy,
                         triageRule: triageRule, score: score, team: team, owner: owner, had: had, status: status,
                         touches: touches, lastTouchAt: lastTouchAt, step: step, unrouted: unrouted,
                         nurtureAt: nurtureAt, snoozedUntil: snoozedUntil, snoozeReason: snoozeReason,
                         checkInFrom: checkInFrom, checkInAt: checkInAt, byRoundRobin: byRoundRobin,
                         acceptBy: acceptBy, cadenceFrom: cadenceFrom, counters: counters,
                         wonValue: wonValue)
    }
}
