import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// What the PostgreSQL store keeps in memory between transactions: the team
/// (every event reads it), the timeline's high-water mark and the next event
/// sequence number. A copy of committed rows, loaded at open and replaced
/// only after a commit: a rolled-back batch gives its numbers out again.
struct PostgresStoreCache: Sendable {
    var team: TeamState
    var lastAppliedAt: Instant?
    var nextEventSeq: Int64

    /// The `meta` keys, as the SQLite store names them.
    enum Key {
        static let nextLeadSeq = "next_lead_seq"
        static let nextRepSeq = "next_rep_seq"
        static let lastAppliedAt = "last_applied_at"
        static let nextChangeSeq = "next_change_seq"
        static let roundRobinPrefix = "round_robin."
        static let weightedPrefix = "weighted."
    }

    mutating func applied(at instant: Instant) {
        if lastAppliedAt.map({ instant > $0 }) ?? true { lastAppliedAt = instant }
    }

    static func load(_ session: PostgresSession) throws -> PostgresStoreCache {
        var members: [RepID: TeamState.Member] = [:]
        for text in try session.texts("SELECT row_to_json(r)::text FROM reps r") {
            let member = try RepColumns.read(text)
            members[member.rep.id] = member
        }
        var meta: [String: String] = [:]
        for row in try session.query("SELECT key, value FROM meta") {
            let (key, value) = try row.decode((String, String).self)
            meta[key] = value
        }
        func int64(_ key: String) throws -> Int64? {
            guard let text = meta[key] else { return nil }
            guard let n = Int64(text) else { throw PostgresStoreError.data(table: "meta", key: key, message: "expected an integer") }
            return n
        }
        var roundRobin: [String: RepID] = [:]
        for (key, rep) in meta where key.hasPrefix(Key.roundRobinPrefix) {
            roundRobin[String(key.dropFirst(Key.roundRobinPrefix.count))] = rep
        }
        let nextRepSeq = try int64(Key.nextRepSeq).map(Int.init) ?? (members.values.map(\.seq).max().map { $0 + 1 } ?? 0)
        var team = TeamState(members: members, roundRobin: roundRobin, nextRepSeq: nextRepSeq,
                             nextLeadSeq: try int64(Key.nextLeadSeq) ?? 0)
        team.nextChangeSeq = try int64(Key.nextChangeSeq).map(Int.init) ?? 0
        for (key, text) in meta where key.hasPrefix(Key.weightedPrefix) {
            do throws(JSONColumnError) {
                team.weightedTotals[String(key.dropFirst(Key.weightedPrefix.count))] = try JSONColumns.totals(text)
            } catch {
                throw PostgresStoreError.data(table: "meta", key: key, message: error.description)
            }
        }
        let lastSeq = try session.scalar("SELECT max(seq) FROM events", as: Int64.self) ?? 0
        return PostgresStoreCache(team: team, lastAppliedAt: try int64(Key.lastAppliedAt).map(Instant.init(secondsSinceEpoch:)),
                                  nextEventSeq: lastSeq + 1)
    }

    /// Writes what changed since `before`: changed reps in one statement,
    /// changed meta keys in one, removed ones in one. Nothing when nothing changed.
    func write(changesSince before: PostgresStoreCache, _ session: PostgresSession) throws {
        let old = before.team
        if team.members != old.members {
            let changed = team.members.values.filter { old.members[$0.rep.id] != $0 }
            if !changed.isEmpty {
                var w = JSONWriter()
                w.beginArray()
                for member in changed { RepColumns.write(member, to: &w) }
                w.endArray()
                try session.query(PostgresQuery(unsafeSQL: RepColumns.upsertSQL, binds: try Self.binds(w.text)))
            }
        }
        var set: [(String, String)] = []
        var removed: [String] = []
        if team.nextRepSeq != old.nextRepSeq { set.append((Key.nextRepSeq, String(team.nextRepSeq))) }
        if team.nextLeadSeq != old.nextLeadSeq { set.append((Key.nextLeadSeq, String(team.nextLeadSeq))) }
        if team.nextChangeSeq != old.nextChangeSeq { set.append((Key.nextChangeSeq, String(team.nextChangeSeq))) }
        for (name, rep) in team.roundRobin where old.roundRobin[name] != rep { set.append((Key.roundRobinPrefix + name, rep)) }
        for name in old.roundRobin.keys where team.roundRobin[name] == nil { removed.append(Key.roundRobinPrefix + name) }
        for (name, totals) in team.weightedTotals where old.weightedTotals[name] != totals {
            set.append((Key.weightedPrefix + name, JSONColumns.totals(totals)))
        }
        if lastAppliedAt != before.lastAppliedAt, let at = lastAppliedAt {
            set.append((Key.lastAppliedAt, String(at.secondsSinceEpoch)))
        }
        if !set.isEmpty {
            try session.query("""
                INSERT INTO meta (key, value) SELECT * FROM unnest(\(set.map(\.0))::text[], \(set.map(\.1))::text[])
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                """)
        }
        if !removed.isEmpty { try session.query("DELETE FROM meta WHERE key = ANY(\(removed))") }
    }

    /// One text bind (a JSON document the statement casts to jsonb).
    static func binds(_ text: String) throws -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(text)
        return binds
    }
}
