import FollowUpCore
import PostgresNIO

/// The timer rows one transaction adds and removes, kept in memory until its
/// end and then written in one statement, so that firing timers between a
/// batch's events costs no round trip. ``remove(_:)`` and ``add(_:)`` keep
/// one rule: a key is deleted when it was last removed and inserted when it
/// was last added, whether or not the row was there; the statement counts the
/// rows it really changed, so the tallies stay exact.
struct TimerChanges {
    /// A timer row's primary key: the firing order.
    struct Key: Hashable {
        var at: Int64
        var leadSeq: Int64
        var order: Int

        init(_ t: LeadTimer) {
            at = t.at.secondsSinceEpoch
            leadSeq = t.leadSeq
            order = t.kind.order
        }
    }

    private(set) var added: [Key: LeadTimer] = [:]
    private(set) var removed: Set<Key> = []

    var isEmpty: Bool { added.isEmpty && removed.isEmpty }

    mutating func remove(_ t: LeadTimer) {
        let key = Key(t)
        added[key] = nil
        removed.insert(key)
    }

    mutating func add(_ t: LeadTimer) {
        let key = Key(t)
        removed.remove(key)
        added[key] = t
    }

    /// A lead's timers went from `old` to `new`: only the rows that differ change.
    mutating func replace(_ old: [LeadTimer], with new: [LeadTimer]) {
        guard old != new else { return }
        for t in old where !new.contains(t) { remove(t) }
        for t in new where !old.contains(t) { add(t) }
    }

    func isRemoved(_ t: LeadTimer) -> Bool { removed.contains(Key(t)) }

    /// The earliest timer added here.
    var earliestAdded: LeadTimer? { added.values.min() }

    /// Deletes and inserts in one statement; returns how the row count changed.
    func write(_ session: PostgresSession) throws -> Int64 {
        guard !isEmpty else { return 0 }
        let gone = Array(removed)
        let made = added.values.sorted()
        return try session.scalar("""
            WITH gone AS (
                DELETE FROM timers t USING unnest(\(gone.map(\.at))::bigint[], \(gone.map(\.leadSeq))::bigint[],
                                                  \(gone.map(\.order))::integer[]) AS d(at, lead_seq, kind_order)
                WHERE t.at = d.at AND t.lead_seq = d.lead_seq AND t.kind_order = d.kind_order RETURNING 1),
            made AS (
                INSERT INTO timers (at, lead_seq, kind_order, lead, kind)
                SELECT * FROM unnest(\(made.map(\.at.secondsSinceEpoch))::bigint[], \(made.map(\.leadSeq))::bigint[],
                                     \(made.map(\.kind.order))::integer[], \(made.map(\.lead))::text[],
                                     \(made.map(\.kind.code))::text[])
                ON CONFLICT (at, lead_seq, kind_order) DO UPDATE SET lead = EXCLUDED.lead, kind = EXCLUDED.kind
                RETURNING xmax = 0 AS inserted)
            SELECT (SELECT count(*) FROM made WHERE inserted) - (SELECT count(*) FROM gone)
            """, as: Int64.self) ?? 0
    }
}
