public import FollowUpCore
public import FollowUpFormats

/// A lead as `GET /v1/leads/{id}` and `GET /v1/leads` show it: who it is
/// (profile fields, then unknown fields under `attributes` so they can never
/// shadow a state member), then where its cadence stands, then its snooze and
/// check-in. Every member is written, `null` when it has no value.
public struct LeadBody: WireBody {
    public var id: String
    public var seq: Int64
    public var capturedAt: Instant
    public var source: String
    public var name: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var title: String?
    public var companySize: Int?
    public var need: String?
    public var stage: String?
    public var timezone: String?
    public var attributes: [String: JSONValue]
    public var priority: String
    public var policy: String
    public var triageRule: String
    public var score: Int
    public var team: String?
    public var owner: String?
    public var had: [String]
    public var status: LeadStatus
    public var wonValue: Amount?
    public var touches: Int
    public var lastTouchAt: Instant?
    public var step: StepBody?
    public var unrouted: Bool
    public var nurtureAt: Instant?
    public var snoozedUntil: Instant?
    public var snoozeReason: String?
    public var checkInAt: Instant?
    public var zone: String?

    public init(id: String, seq: Int64, capturedAt: Instant, source: String, name: String?, email: String?,
                phone: String?, company: String?, title: String?, companySize: Int?, need: String?, stage: String?,
                timezone: String?, attributes: [String: JSONValue], priority: String, policy: String,
                triageRule: String, score: Int, team: String?, owner: String?, had: [String], status: LeadStatus,
                wonValue: Amount?, touches: Int, lastTouchAt: Instant?, step: StepBody?, unrouted: Bool,
                nurtureAt: Instant?, snoozedUntil: Instant?, snoozeReason: String?, checkInAt: Instant?,
                zone: String?) {
        self.id = id
        self.seq = seq
        self.capturedAt = capturedAt
        self.source = source
        self.name = name
        self.email = email
        self.phone = phone
        self.company = company
        self.title = title
        self.companySize = companySize
        self.need = need
        self.stage = stage
        self.timezone = timezone
        self.attributes = attributes
        self.priority = priority
        self.policy = policy
        self.triageRule = triageRule
        self.score = score
        self.team = team
        self.owner = owner
        self.had = had
        self.status = status
        self.wonValue = wonValue
        self.touches = touches
        self.lastTouchAt = lastTouchAt
        self.step = step
        self.unrouted = unrouted
        self.nurtureAt = nurtureAt
        self.snoozedUntil = snoozedUntil
        self.snoozeReason = snoozeReason
        self.checkInAt = checkInAt
        self.zone = zone
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("id", id)
        w.int64("seq", seq)
        w.instant("captured_at", capturedAt)
        w.string("source", source)
        w.stringOrNull("name", name)
        w.stringOrNull("email", email)
        w.stringOrNull("phone", phone)
        w.stringOrNull("company", company)
        w.stringOrNull("title", title)
        w.intOrNull("company_size", companySize)
        w.stringOrNull("need", need)
        w.stringOrNull("stage", stage)
        w.stringOrNull("timezone", timezone)
        w.value("attributes", .object(JSONObject(attributes)))
        w.string("priority", priority)
        w.string("policy", policy)
        w.string("triage_rule", triageRule)
        w.int("score", score)
        w.stringOrNull("team", team)
        w.stringOrNull("owner", owner)
        w.beginArray("had")
        for item in had { w.string(nil, item) }
        w.endArray()
        w.string("status", status.rawValue)
        w.value("won_value", wonValue.map { .number($0.description) } ?? .null)
        w.int("touches", touches)
        w.instantOrNull("last_touch_at", lastTouchAt)
        if let step { step.write(to: &w, key: "step") } else { w.null("step") }
        w.bool("unrouted", unrouted)
        w.instantOrNull("nurture_at", nurtureAt)
        w.instantOrNull("snoozed_until", snoozedUntil)
        w.stringOrNull("snooze_reason", snoozeReason)
        w.instantOrNull("check_in_at", checkInAt)
        w.stringOrNull("zone", zone)
    }

    public init(reading o: WireObject) throws(WireError) {
        id = try o.string("id")
        seq = try o.int64("seq")
        capturedAt = try o.instant("captured_at")
        source = try o.string("source")
        name = try o.nullableString("name")
        email = try o.nullableString("email")
        phone = try o.nullableString("phone")
        company = try o.nullableString("company")
        title = try o.nullableString("title")
        companySize = try o.nullableInt("company_size")
        need = try o.nullableString("need")
        stage = try o.nullableString("stage")
        timezone = try o.nullableString("timezone")
        attributes = try o.attributes("attributes")
        priority = try o.string("priority")
        policy = try o.string("policy")
        triageRule = try o.string("triage_rule")
        score = try o.int("score")
        team = try o.nullableString("team")
        owner = try o.nullableString("owner")
        had = try o.strings("had")
        status = try o.word("status")
        wonValue = try o.nullableAmount("won_value")
        touches = try o.int("touches")
        lastTouchAt = try o.nullableInstant("last_touch_at")
        step = try o.nullableBody("step")
        unrouted = try o.bool("unrouted")
        nurtureAt = try o.nullableInstant("nurture_at")
        snoozedUntil = try o.nullableInstant("snoozed_until")
        snoozeReason = try o.nullableString("snooze_reason")
        checkInAt = try o.nullableInstant("check_in_at")
        zone = try o.nullableString("zone")
    }
}
