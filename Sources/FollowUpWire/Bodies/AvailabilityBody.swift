public import FollowUpCore

/// A rep's availability in force: away reads as `available: false` with when
/// it ends (null: until marked back) and why. An absence whose `until` has
/// passed reads as available, as routing reads it.
public struct AvailabilityBody: WireBody, Codable {
    public var available: Bool
    public var until: Instant?
    public var reason: String?
}
