public import FollowUpCore

/// A lead as `GET /v1/leads/{id}` and `GET /v1/leads` show it: who it is
/// (profile fields, then unknown fields under `attributes` so they can never
/// shadow a state member), then where its cadence stands, then its snooze and
/// check-in. Every member is written, `null` when it has no value.
public struct LeadBody: WireBody, Codable {
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
}
