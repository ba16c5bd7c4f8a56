import FollowUpCore
import FollowUpFormats
import GRDB

/// What the store keeps in memory between transactions: the whole team (every
/// event reads it; it is small) and the timeline's high-water mark. It is a
/// copy of committed rows: loaded at open, replaced only after a commit.
struct StoreCache: Sendable {
    var team: TeamState
    var lastAppliedAt: Instant?
    /// Row counts the running transaction changed; written and emptied at its end.
    var tallies = TallyDelta()
    /// Leads in cadence per owner and team as committed; nil until a read
    /// counts them, and after a write that changed leads without counting them.
    var cadence: InCadenceCounts?
    /// Bumped by every write transaction: a read that counted ``cadence`` keeps
    /// its counts only if no write was published meanwhile.
    var generation: UInt64 = 0
    /// Within one transaction: no pending timer is earlier than this (nil:
    /// unknown). Lets a batch of events skip asking for the earliest timer
    /// before each event when none can be due. Set from that query, lowered by
    /// every timer a ``StoreWorld`` writes, cleared before the cache is published
    /// after a commit, so each transaction starts without one (other writes,
    /// such as a re-plan, do not keep it).
    var timerFloor: Instant?

    /// Lowers ``timerFloor`` to `instant` (a timer was written there).
    mutating func timerWritten(at instant: Instant?) {
        guard let instant, let floor = timerFloor, instant < floor else { return }
        timerFloor = instant
    }

    /// Moves the high-water mark forward (never back).
    mutating func applied(at instant: Instant) {
        if lastAppliedAt.map({ instant > $0 }) ?? true { lastAppliedAt = instant }
    }

    /// Reads the cache from the file.
    static func load(_ db: Database) throws -> StoreCache {
        let members = try RepRow.fetchAll(db)
        let meta = try MetaRow.fetchAll(db)
        func int64(_ key: String) throws -> Int64? {
            guard let value = meta[key] else { return nil }
            guard let n = Int64.fromDatabaseValue(value) else {
                throw StoreDataError(table: "meta", key: key, message: "expected an integer, got \(value)")
            }
            return n
        }
        var roundRobin: [String: RepID] = [:]
        for (key, value) in meta where key.hasPrefix(MetaRow.roundRobinPrefix) {
            guard let rep = String.fromDatabaseValue(value) else {
                throw StoreDataError(table: "meta", key: key, message: "expected a rep id, got \(value)")
            }
            roundRobin[String(key.dropFirst(MetaRow.roundRobinPrefix.count))] = rep
        }
        // A file from before any rep was upserted has no next_rep_seq: continue after the highest seq.
        let nextRepSeq = try int64(MetaRow.nextRepSeq).map(Int.init) ?? (members.values.map(\.seq).max().map { $0 + 1 } ?? 0)
        var team = TeamState(members: members, roundRobin: roundRobin, nextRepSeq: nextRepSeq,
                             nextLeadSeq: try int64(MetaRow.nextLeadSeq) ?? 0)
        team.nextChangeSeq = try int64(MetaRow.nextChangeSeq).map(Int.init) ?? 0
        for (key, value) in meta where key.hasPrefix(MetaRow.weightedPrefix) {
            let name = String(key.dropFirst(MetaRow.weightedPrefix.count))
            do throws(JSONColumnError) {
                team.weightedTotals[name] = try JSONColumns.totals(String.fromDatabaseValue(value))
            } catch {
                throw StoreDataError(table: "meta", key: key, message: error.description)
            }
        }
        return StoreCache(team: team, lastAppliedAt: try int64(MetaRow.lastAppliedAt).map(Instant.init(secondsSinceEpoch:)))
    }

    /// Writes the rows for what changed since `before`: changed reps, counters,
    /// round-robin pointers, the high-water mark. Nothing when nothing changed.
    func write(changesSince before: StoreCache, _ db: Database) throws {
        let old = before.team
        // Dictionary equality is O(1) when the engine left the members untouched (shared storage).
        if team.members != old.members {
            for (id, member) in team.members where old.members[id] != member {
                try RepRow.upsert(member, db)
            }
        }
        if team.nextRepSeq != old.nextRepSeq { try MetaRow.set(MetaRow.nextRepSeq, Int64(team.nextRepSeq), db) }
        if team.nextLeadSeq != old.nextLeadSeq { try MetaRow.set(MetaRow.nextLeadSeq, team.nextLeadSeq, db) }
        if team.roundRobin != old.roundRobin {
            for (name, rep) in team.roundRobin where old.roundRobin[name] != rep {
                try MetaRow.set(MetaRow.roundRobinPrefix + name, rep, db)
            }
            for name in old.roundRobin.keys where team.roundRobin[name] == nil {
                try MetaRow.delete(MetaRow.roundRobinPrefix + name, db)
            }
        }
        if team.nextChangeSeq != old.nextChangeSeq {
            try MetaRow.set(MetaRow.nextChangeSeq, Int64(team.nextChangeSeq), db)
        }
        if team.weightedTotals != old.weightedTotals {
            for (name, totals) in team.weightedTotals where old.weightedTotals[name] != totals {
                try MetaRow.set(MetaRow.weightedPrefix + name, JSONColumns.totals(totals), db)
            }
        }
        if lastAppliedAt != before.lastAppliedAt, let at = lastAppliedAt {
            try MetaRow.set(MetaRow.lastAppliedAt, at.secondsSinceEpoch, db)
        }
    }
}
