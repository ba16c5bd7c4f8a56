public import FollowUpCore

/// A node whose own rule files are not the rules in force.
public struct NodeFiles: Sendable, Hashable {
    public var node: String
    /// The version its files compile to.
    public var version: String
    /// Since when its files read so (the database's clock).
    public var since: Instant
}
