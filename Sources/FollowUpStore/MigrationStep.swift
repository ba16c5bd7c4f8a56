/// A schema migration about to run while the store opens: a new file runs
/// them all, an old one those it lacks. Lets the daemon tell its service
/// manager that a long start is progress, not a hang.
public struct MigrationStep: Sendable, Hashable {
    /// The migration's name (`v10-erased-leads`).
    public let identifier: String
    /// Its place among the pending ones, from 1.
    public let index: Int
    /// How many are pending.
    public let count: Int
}
