
/// This node among several on PostgreSQL (`node` in `GET /v1/status`; absent
/// on SQLite, where there is one node): its role, the lease as the database
/// holds it, how far the database's clock is from this node's, and the
/// rules in force with the nodes whose own files differ from them.
public struct NodeBody: WireBody, Codable {
    /// `leader`, `standby` (it answers reads and forwards writes) or `fenced`.
    public var role: String
    /// This node's name in the lease (`HOST:PID`).
    public var name: String
    /// Who holds the lease (this node, when it leads).
    public var leader: String?
    /// The lease's epoch: every write of this node is fenced with it.
    public var epoch: Int64
    /// Seconds since the lease was last renewed (by the database's clock).
    public var leaseAgeSeconds: Double?
    /// The database's clock minus this node's, in seconds.
    public var clockOffsetSeconds: Double?
    /// The version of the rules in force, as the database keeps them (every node runs it); nil before any.
    public var rulesInForce: String?
    /// The running nodes whose own rule files differ from the rules in force, by name.
    public var nodesWithOtherFiles: [NodeFilesBody]

    public init(role: String, name: String, leader: String?, epoch: Int64, leaseAgeSeconds: Double?,
                clockOffsetSeconds: Double?, rulesInForce: String? = nil, nodesWithOtherFiles: [NodeFilesBody] = []) {
        self.role = role
        self.name = name
        self.leader = leader
        self.epoch = epoch
        self.leaseAgeSeconds = leaseAgeSeconds
        self.clockOffsetSeconds = clockOffsetSeconds
        self.rulesInForce = rulesInForce
        self.nodesWithOtherFiles = nodesWithOtherFiles
    }
}
