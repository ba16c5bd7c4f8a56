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
}
