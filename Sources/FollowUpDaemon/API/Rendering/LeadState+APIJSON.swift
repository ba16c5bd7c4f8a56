import FollowUpCore
import FollowUpFormats

extension LeadState {
    /// The lead as `GET /v1/leads/{id}` and `GET /v1/leads` show it: who it is
    /// (profile fields, then unknown fields under `attributes` so they can never
    /// shadow a state member), then where its cadence stands, then its snooze
    /// and check-in. `rules` (the rules in force) give the step's channel and
    /// the lead's zone; without them (a daemon built without rules) both are null.
    func writeAPIJSON(to w: inout JSONWriter, key: String? = nil, rules: Rules? = nil) {
        w.beginObject(key)
        w.string("id", id)
        w.int64("seq", seq)
        w.instant("captured_at", capturedAt)
        w.string("source", profile.source)
        w.stringOrNull("name", profile.name)
        w.stringOrNull("email", profile.email)
        w.stringOrNull("phone", profile.phone)
        w.stringOrNull("company", profile.company)
        w.stringOrNull("title", profile.title)
        w.intOrNull("company_size", profile.companySize)
        w.stringOrNull("need", profile.need)
        w.stringOrNull("stage", profile.stage)
        w.stringOrNull("timezone", profile.timezone)
        w.value("attributes", .object(JSONObject(profile.attributes)))
        w.string("priority", priority)
        w.string("policy", policy)
        w.string("triage_rule", triageRule)
        w.int("score", score)
        w.stringOrNull("team", team)
        w.stringOrNull("owner", owner)
        w.beginArray("had")
        for rep in had { w.string(nil, rep) }
        w.endArray()
        w.string("status", status.rawValue)
        // What a won deal was worth (`lead.status` won's `value`), so the rep
        // and the CRM see the figure the ROI report adds up.
        w.value("won_value", wonValue.map { .number($0.description) } ?? .null)
        w.int("touches", touches)
        w.instantOrNull("last_touch_at", lastTouchAt)
        if let step {
            w.beginObject("step")
            w.int("number", step.number)
            w.instant("due", step.due)
            w.instant("deadline", step.deadline)
            w.bool("due_notified", step.dueNotified)
            w.bool("breached", step.breached)
            w.instantOrNull("repeat_at", step.repeatAt)
            w.int("breaches", step.breaches)
            w.stringOrNull("channel", rules?.channel(ofStep: step.number, for: self)?.rawValue)
            // What the step asks ("confirmation"), so a reader need not count steps.
            w.stringOrNull("name", rules?.stepRule(step.number, for: self)?.name)
            w.endObject()
        } else {
            w.null("step")
        }
        w.bool("unrouted", unrouted)
        w.instantOrNull("nurture_at", nurtureAt)
        // A final lead never keeps a snooze; `isSnoozed` says so once more for readers.
        w.instantOrNull("snoozed_until", isSnoozed ? snoozedUntil : nil)
        w.stringOrNull("snooze_reason", isSnoozed ? snoozeReason : nil)
        w.instantOrNull("check_in_at", status == .engaged ? checkInAt : nil)
        w.stringOrNull("zone", rules?.zoneIdentifier(for: self))
        w.endObject()
    }

    /// The lead as a rep's queue shows it: how to reach them and what is due.
    /// `overdue` is true once the open step's deadline is before `now`
    /// (a touch exactly at the deadline is on time). A snoozed lead has no
    /// due time, deadline or overdue until it wakes: its `step` is the step
    /// that re-opens at `snoozed_until`.
    func writeQueueJSON(to w: inout JSONWriter, now: Instant, stepRule: StepRule? = nil) {
        let open = openStep
        w.beginObject()
        w.string("id", id)
        w.stringOrNull("name", profile.name)
        w.stringOrNull("company", profile.company)
        w.stringOrNull("phone", profile.phone)
        w.stringOrNull("email", profile.email)
        w.stringOrNull("timezone", profile.timezone)
        w.string("priority", priority)
        w.int("score", score)
        w.string("status", status.rawValue)
        w.intOrNull("step", status == .open ? step?.number : nil)
        // What the step asks, by the rules in force: "confirmation" by email.
        w.stringOrNull("step_name", status == .open ? stepRule?.name : nil)
        w.stringOrNull("channel", status == .open ? stepRule?.channel.rawValue : nil)
        w.instantOrNull("due", open?.due)
        w.instantOrNull("deadline", open?.deadline)
        w.bool("overdue", isOverdue(at: now))
        w.instantOrNull("snoozed_until", isSnoozed ? snoozedUntil : nil)
        w.stringOrNull("snooze_reason", isSnoozed ? snoozeReason : nil)
        w.endObject()
    }
}
