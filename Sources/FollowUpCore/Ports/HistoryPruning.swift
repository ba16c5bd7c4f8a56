/// What `retention:` removes, a step at a time (docs/daemon.md, "Retention"):
/// outbox rows delivered or dead whose every time is before the cutoff, and
/// the events of leads closed (won, lost, disqualified) or erased whose last
/// event is before it. Open leads keep their whole history, pending rows are
/// never removed, the tallies keep counting what was removed, and the log's
/// newest event stays (the next event's seq follows it). Each step is one
/// short transaction, so ingest and delivery never wait behind a large delete.
public protocol HistoryPruning: Sendable {
    /// One step of a pass at `cutoff`, touching at most about `rows` rows;
    /// call it again with what it returns until ``RetentionProgress/finished``.
    func pruneStep(before cutoff: Instant, _ progress: RetentionProgress, rows: Int) async throws -> RetentionProgress
}

/// How far a retention pass got, and what it removed so far. A pass is many
/// short transactions, each continuing from where the last one stopped.
public struct RetentionProgress: Sendable, Hashable {
    /// Outbox rows removed: delivered ones and dead letters.
    public var outboxRows = 0
    /// Events removed, of ``leads`` leads.
    public var events = 0
    public var leads = 0
    /// Whether the pass has been over every row it may remove.
    public var finished: Bool { outboxDone && leadsDone }

    // Where the next step goes on: the outbox's minting order and the leads'
    // capture order. Lead seqs start at 0: the cursors start below every key.
    package var outboxCursor = Int64.min
    package var outboxDone = false
    package var leadCursor = Int64.min
    package var leadsDone = false

    public init() {}
}
