import FollowUpCore
import FollowUpFormats

/// How a ``LeadState`` maps to a `leads` row: the same columns and the same
/// encodings as the SQLite store's (JSON columns through ``JSONColumns``),
/// written as one JSON object per lead (a batch's leads go to the server as
/// one array, read by `jsonb_to_recordset`) and read back from `row_to_json`.
enum LeadColumns {
    /// Every column and its PostgreSQL type, in table order: the schema, the
    /// record type `jsonb_to_recordset` reads and the upsert follow from it.
    static let columns: [(name: String, type: String)] = [
        ("seq", "bigint"), ("id", "text"), ("captured_at", "bigint"), ("source", "text"), ("name", "text"),
        ("email", "text"), ("phone", "text"), ("company", "text"), ("title", "text"), ("company_size", "integer"),
        ("need", "text"), ("stage", "text"), ("timezone", "text"), ("given_owner", "text"), ("given_team", "text"),
        ("given_score", "integer"), ("given_priority", "text"), ("attributes", "text"),
        ("priority", "text"), ("policy", "text"), ("triage_rule", "text"), ("score", "integer"), ("team", "text"),
        ("owner", "text"), ("had", "text"), ("status", "text"), ("touches", "integer"), ("last_touch_at", "bigint"),
        ("step", "integer"), ("step_due", "bigint"), ("step_deadline", "bigint"), ("step_due_notified", "boolean"),
        ("step_breached", "boolean"), ("step_opened_at", "bigint"), ("unrouted", "boolean"), ("nurture_at", "bigint"),
        ("counters", "text"), ("awaits_first_touch", "boolean"), ("deadline_open", "bigint"),
        ("step_window", "bigint"), ("step_last_breach_at", "bigint"), ("step_repeat_at", "bigint"),
        ("step_breaches", "integer"), ("step_reopened", "boolean"), ("snoozed_until", "bigint"),
        ("snooze_reason", "text"), ("check_in_from", "bigint"), ("check_in_at", "bigint"),
        ("by_round_robin", "boolean"), ("accept_by", "bigint"), ("cadence_from", "bigint"), ("in_cadence", "boolean"),
        ("won_value", "bigint"),
    ]
    static let names = columns.map(\.name).joined(separator: ", ")
    /// `seq bigint, id text, …`: the record `jsonb_to_recordset` builds.
    static let recordType = columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")

    /// Inserts the leads in `$1` (a JSON array of ``write(_:to:)`` objects), or
    /// rewrites those already there: one statement for a whole batch.
    static let upsertSQL = """
        INSERT INTO leads (\(names)) SELECT \(names) FROM jsonb_to_recordset($1::jsonb) AS r(\(recordType))
        ON CONFLICT (id) DO UPDATE SET \(columns.dropFirst(2).map { "\($0.name) = EXCLUDED.\($0.name)" }.joined(separator: ", "))
        """

    /// A lead as one JSON object, keyed by column.
    static func write(_ lead: LeadState, to w: inout JSONWriter) {
        let p = lead.profile
        let step = lead.step
        w.beginObject()
        w.int("seq", Int(lead.seq))
        w.string("id", lead.id)
        w.seconds("captured_at", lead.capturedAt)
        w.string("source", p.source)
        w.optional("name", p.name)
        w.optional("email", p.email)
        w.optional("phone", p.phone)
        w.optional("company", p.company)
        w.optional("title", p.title)
        w.optional("company_size", p.companySize)
        w.optional("need", p.need)
        w.optional("stage", p.stage)
        w.optional("timezone", p.timezone)
        w.optional("given_owner", p.owner)
        w.optional("given_team", p.team)
        w.optional("given_score", p.score)
        w.optional("given_priority", p.priority)
        w.optional("attributes", JSONColumns.attributes(p.attributes))
        w.string("priority", lead.priority)
        w.string("policy", lead.policy)
        w.string("triage_rule", lead.triageRule)
        w.int("score", lead.score)
        w.optional("team", lead.team)
        w.optional("owner", lead.owner)
        w.string("had", JSONColumns.repIDs(lead.had))
        w.string("status", lead.status.rawValue)
        w.int("touches", lead.touches)
        w.seconds("last_touch_at", lead.lastTouchAt)
        w.optional("step", step?.number)
        w.seconds("step_due", step?.due)
        w.seconds("step_deadline", step?.deadline)
        w.optional("step_due_notified", step?.dueNotified)
        w.optional("step_breached", step?.breached)
        w.seconds("step_opened_at", step?.openedAt)
        w.bool("unrouted", lead.unrouted)
        w.seconds("nurture_at", lead.nurtureAt)
        w.string("counters", JSONColumns.counters(lead.counters))
        w.bool("awaits_first_touch", lead.awaitsFirstTouch)
        w.seconds("deadline_open", lead.openStep?.deadline)
        w.optional("step_window", step.map { Int($0.window.seconds) })
        w.seconds("step_last_breach_at", step?.lastBreachAt)
        w.seconds("step_repeat_at", step?.repeatAt)
        w.optional("step_breaches", step?.breaches)
        w.optional("step_reopened", step?.reopened)
        w.seconds("snoozed_until", lead.snoozedUntil)
        w.optional("snooze_reason", lead.snoozeReason)
        w.seconds("check_in_from", lead.checkInFrom)
        w.seconds("check_in_at", lead.checkInAt)
        w.bool("by_round_robin", lead.byRoundRobin)
        w.seconds("accept_by", lead.acceptBy)
        w.seconds("cadence_from", lead.cadenceFrom)
        w.bool("in_cadence", lead.isInCadence)
        w.optional("won_value", lead.wonValue.map { Int($0.cents) })
        w.endObject()
    }

    /// Reads a row selected as `row_to_json(leads)::text`.
    static func read(_ text: String) throws -> LeadState {
        let r = try JSONRow(text, table: "leads")
        let id = try r.string("id")
        do {
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
            let rawStatus = try r.string("status")
            guard let status = LeadStatus(rawValue: rawStatus) else {
                throw PostgresStoreError.data(table: "leads", key: id, message: "unknown status \"\(rawStatus)\"")
            }
            let lastTouchAt = try r.optionalInstant("last_touch_at")
            var step: OpenStep?
            if let number = try r.optionalInt("step"), let due = try r.optionalInstant("step_due"),
               let deadline = try r.optionalInstant("step_deadline") {
                let breached = try r.optionalBool("step_breached")
                step = OpenStep(number: number, due: due, deadline: deadline,
                                dueNotified: try r.optionalBool("step_due_notified") ?? false, breached: breached ?? false,
                                openedAt: try r.optionalInstant("step_opened_at") ?? (number == 1 ? due : lastTouchAt ?? due),
                                window: try r.optionalInt64("step_window").map(TimeSpan.init(seconds:)),
                                lastBreachAt: try r.optionalInstant("step_last_breach_at"),
                                repeatAt: try r.optionalInstant("step_repeat_at"),
                                breaches: try r.optionalInt("step_breaches") ?? (breached == true ? 1 : 0),
                                reopened: try r.optionalBool("step_reopened") ?? false)
            }
            return LeadState(profile: profile, seq: try r.int64("seq"), capturedAt: try r.instant("captured_at"),
                             priority: try r.string("priority"), policy: try r.string("policy"),
                             triageRule: try r.string("triage_rule"), score: try r.int("score"),
                             team: try r.optionalString("team"), owner: try r.optionalString("owner"),
                             had: try JSONColumns.repIDs(r.string("had")), status: status, touches: try r.int("touches"),
                             lastTouchAt: lastTouchAt, step: step, unrouted: try r.bool("unrouted"),
                             nurtureAt: try r.optionalInstant("nurture_at"), snoozedUntil: try r.optionalInstant("snoozed_until"),
                             snoozeReason: try r.optionalString("snooze_reason"),
                             checkInFrom: try r.optionalInstant("check_in_from"), checkInAt: try r.optionalInstant("check_in_at"),
                             byRoundRobin: try r.optionalBool("by_round_robin") ?? false,
                             acceptBy: try r.optionalInstant("accept_by"), cadenceFrom: try r.optionalInstant("cadence_from"),
                             counters: try JSONColumns.counters(r.string("counters")),
                             wonValue: try r.optionalInt64("won_value").map(Amount.init(cents:)))
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError.data(table: "leads", key: id, message: "\(error)")
        }
    }
}
