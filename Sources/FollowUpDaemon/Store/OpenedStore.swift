import FollowUpCore
import FollowUpWire
import Logging
import ServiceLifecycle

/// A store the daemon opened, with what only some stores can do: erase a
/// lead's personal data, copy the database for `POST /v1/backup`, prune by
/// `retention:`. What a store cannot do is nil: its endpoint answers 404
/// and the daemon logs why at start.
struct OpenedStore {
    let store: any DaemonStore
    /// Makes the eraser once the timeline exists (erasing runs between its writes).
    let eraser: (@Sendable (Timeline) -> any LeadEraser)?
    let backups: (any DatabaseBackup)?
    /// Makes the retention service once the clock and the checkpoint bell exist.
    let retention: (@Sendable (any DaemonClock, Wakeup) -> any Service)?
    /// This node's standing among several (PostgreSQL); nil for a store only one node opens.
    var standing: (@Sendable () async -> NodeBody?)? = nil
}
