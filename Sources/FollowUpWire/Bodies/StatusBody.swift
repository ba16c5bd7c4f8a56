public import FollowUpFormats

/// The answer to `GET /v1/status` (`followupctl status`): the health answer's
/// members, then the store's counts.
public struct StatusBody: WireBody {
    /// Members written inline, beside this body's own.
    public var health: HealthBody
    public var statistics: StoreStatisticsBody

    public init(health: HealthBody, statistics: StoreStatisticsBody) {
        self.health = health
        self.statistics = statistics
    }

    public func writeMembers(to w: inout JSONWriter) {
        health.writeMembers(to: &w)
        statistics.write(to: &w, key: "statistics")
    }

    public init(reading o: WireObject) throws(WireError) {
        health = try HealthBody(reading: o)
        statistics = try o.body("statistics")
    }
}
