import GRDB
import Synchronization

/// The leads in cadence per owner and team that reports and the roster show,
/// kept in memory between reads (``InCadenceCounts``).
extension SQLiteLeadStore {
    /// Leads in cadence per team, from the partial index `leads_in_cadence_by_team` (v17).
    static let inCadenceByTeamSQL = "SELECT team, count(*) FROM leads WHERE in_cadence = 1 GROUP BY team"

    /// Leads in cadence per owner and team (``InCadenceCounts``): from memory
    /// when the store keeps them, else counted, and kept when no write was
    /// published while counting (the counts would miss it).
    func inCadence() async throws -> InCadenceCounts {
        let (kept, generation) = cache.withLock { ($0.cadence, $0.generation) }
        if let kept { return kept }
        let counted = try await pool.read { db in try InCadenceCounts.count(db) }
        cache.withLock { cache in
            if cache.generation == generation, cache.cadence == nil { cache.cadence = counted }
        }
        return counted
    }
}
