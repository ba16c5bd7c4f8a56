public import FollowUpCore
public import FollowUpFormats

/// The answer to `GET /v1/status` (`followupctl status`): the health answer's
/// members, then the store's counts, then (on PostgreSQL only) this node.
public struct StatusBody: WireBody {
    /// Members written inline, beside this body's own.
    public var health: HealthBody
    public var statistics: StoreStatisticsBody
    /// This node among several; nil (absent) on SQLite.
    public var node: NodeBody?

    public init(health: HealthBody, statistics: StoreStatisticsBody, node: NodeBody? = nil) {
        self.health = health
        self.statistics = statistics
        self.node = node
    }

    public func writeMembers(to w: inout JSONWriter) {
        health.writeMembers(to: &w)
        statistics.write(to: &w, key: "statistics")
        node?.write(to: &w, key: "node")
    }

    public init(reading o: WireObject) throws(Diagnostic) {
        health = try HealthBody(reading: o)
        statistics = try o.body("statistics")
        // Absent on SQLite: one node, nothing to tell.
        node = o.has("node") ? try o.body("node") : nil
    }
}
