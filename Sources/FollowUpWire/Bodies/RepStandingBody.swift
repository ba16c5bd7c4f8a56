
/// Where a rep stands, as `GET /v1/reps` and a rep's queue both show it: the
/// availability in force, the planned change or null, and whether they left
/// for good (a deactivated rep takes no leads whatever `availability` says).
/// Its members are written inline, beside the rep's or the queue's own.
public struct RepStandingBody: WireBody, Codable {
    public var availability: AvailabilityBody
    public var scheduled: ScheduledAvailabilityBody?
    public var deactivated: Bool
}
