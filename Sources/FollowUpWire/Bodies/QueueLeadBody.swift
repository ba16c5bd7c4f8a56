public import FollowUpCore
public import FollowUpFormats

/// A lead as a rep's queue shows it: how to reach them and what is due.
/// `overdue` is true once the open step's deadline has passed. A snoozed lead
/// has no due time, deadline or overdue until it wakes: its `step` is the
/// step that re-opens at `snoozed_until`.
public struct QueueLeadBody: WireBody {
    public var id: String
    public var name: String?
    public var company: String?
    public var phone: String?
    public var email: String?
    public var timezone: String?
    public var priority: String
    public var score: Int
    public var status: LeadStatus
    public var step: Int?
    public var stepName: String?
    public var channel: Channel?
    public var due: Instant?
    public var deadline: Instant?
    public var overdue: Bool
    public var snoozedUntil: Instant?
    public var snoozeReason: String?

    public init(id: String, name: String?, company: String?, phone: String?, email: String?, timezone: String?,
                priority: String, score: Int, status: LeadStatus, step: Int?, stepName: String?, channel: Channel?,
                due: Instant?, deadline: Instant?, overdue: Bool, snoozedUntil: Instant?, snoozeReason: String?) {
        self.id = id
        self.name = name
        self.company = company
        self.phone = phone
        self.email = email
        self.timezone = timezone
        self.priority = priority
        self.score = score
        self.status = status
        self.step = step
        self.stepName = stepName
        self.channel = channel
        self.due = due
        self.deadline = deadline
        self.overdue = overdue
        self.snoozedUntil = snoozedUntil
        self.snoozeReason = snoozeReason
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("id", id)
        w.stringOrNull("name", name)
        w.stringOrNull("company", company)
        w.stringOrNull("phone", phone)
        w.stringOrNull("email", email)
        w.stringOrNull("timezone", timezone)
        w.string("priority", priority)
        w.int("score", score)
        w.string("status", status.rawValue)
        w.intOrNull("step", step)
        w.stringOrNull("step_name", stepName)
        w.stringOrNull("channel", channel?.rawValue)
        w.instantOrNull("due", due)
        w.instantOrNull("deadline", deadline)
        w.bool("overdue", overdue)
        w.instantOrNull("snoozed_until", snoozedUntil)
        w.stringOrNull("snooze_reason", snoozeReason)
    }

    public init(reading o: WireObject) throws(WireError) {
        id = try o.string("id")
        name = try o.nullableString("name")
        company = try o.nullableString("company")
        phone = try o.nullableString("phone")
        email = try o.nullableString("email")
        timezone = try o.nullableString("timezone")
        priority = try o.string("priority")
        score = try o.int("score")
        status = try o.word("status")
        step = try o.nullableInt("step")
        stepName = try o.nullableString("step_name")
        channel = try o.nullableWord("channel")
        due = try o.nullableInstant("due")
        deadline = try o.nullableInstant("deadline")
        overdue = try o.bool("overdue")
        snoozedUntil = try o.nullableInstant("snoozed_until")
        snoozeReason = try o.nullableString("snooze_reason")
    }
}
