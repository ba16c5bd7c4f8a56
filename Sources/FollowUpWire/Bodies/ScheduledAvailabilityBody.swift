public import FollowUpCore

/// A rep's planned change of availability: back at `from`, or away from
/// `from` until `until` (null: until marked back).
public struct ScheduledAvailabilityBody: WireBody, Codable {
    public var available: Bool
    public var from: Instant?
    public var until: Instant?
    public var reason: String?
}
