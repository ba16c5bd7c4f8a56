import FollowUpPostgres
import Synchronization

/// The leader as this standby last saw it in the lease row (its name and
/// where its API is), kept up to date by the standby's wait for the lease.
final class KnownLeader: Sendable {
    private let sighting = Mutex<LeaderSighting?>(nil)

    /// Records what the lease row says now.
    func saw(_ leader: LeaderSighting) { sighting.withLock { $0 = leader } }

    /// The last sighting; nil before the first look at the lease.
    var current: LeaderSighting? { sighting.withLock { $0 } }
}
