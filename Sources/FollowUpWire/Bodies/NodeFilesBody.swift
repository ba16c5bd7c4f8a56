public import FollowUpCore

/// A running node whose own rule files are not the rules in force (several
/// nodes on PostgreSQL): it runs the database's rules all the same, but a
/// reload on it would put its files in force.
public struct NodeFilesBody: WireBody, Codable {
    /// The node's name in the lease (`HOST:PID`).
    public var node: String
    /// The version its own files compile to.
    public var version: String
    /// Since when its files read so (the database's clock).
    public var since: Instant

    public init(node: String, version: String, since: Instant) {
        self.node = node
        self.version = version
        self.since = since
    }
}
