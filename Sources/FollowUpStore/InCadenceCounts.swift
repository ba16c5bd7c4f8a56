import FollowUpCore
import GRDB

/// Leads in cadence now, per owner and team: what a report's team load and
/// the roster's load count. Counting them from the `in_cadence` indexes costs
/// one index entry per lead in cadence (about 45 ms for the team load at a
/// million leads, as much again for the roster), on every report and every
/// dashboard. The store keeps these counts in memory instead
/// (``StoreCache/cadence``): counted once from the file, then changed by
/// every write transaction that saves a lead; a write that changes leads
/// another way (an erasure, a re-plan) forgets them, and the next read counts
/// again.
struct InCadenceCounts: Sendable, Equatable {
    /// Per owner (nil: leads without one).
    private(set) var byOwner: [RepID?: Int] = [:]
    /// Per team (nil: leads without one).
    private(set) var byTeam: [String?: Int] = [:]

    /// Counts `lead` in (`n` = 1) or out (`n` = -1) when it is in cadence.
    mutating func add(_ lead: LeadState, _ n: Int) {
        guard lead.isInCadence else { return }
        Self.add(&byOwner, lead.owner, n)
        Self.add(&byTeam, lead.team, n)
    }

    mutating func merge(_ other: InCadenceCounts) {
        for (owner, n) in other.byOwner { Self.add(&byOwner, owner, n) }
        for (team, n) in other.byTeam { Self.add(&byTeam, team, n) }
    }

    /// Counted from the file: the two partial indexes on `in_cadence = 1`, entry by entry.
    static func count(_ db: Database) throws -> InCadenceCounts {
        var counts = InCadenceCounts()
        for row in try Row.fetchAll(db.cachedStatement(sql: SQLiteLeadStore.inCadenceByOwnerSQL)) {
            counts.byOwner[row[0] as String?] = row[1]
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: SQLiteLeadStore.inCadenceByTeamSQL)) {
            counts.byTeam[row[0] as String?] = row[1]
        }
        return counts
    }

    private static func add<K: Hashable>(_ counts: inout [K?: Int], _ key: K?, _ n: Int) {
        let count = counts[key, default: 0] + n
        counts[key] = count == 0 ? nil : count
    }
}
