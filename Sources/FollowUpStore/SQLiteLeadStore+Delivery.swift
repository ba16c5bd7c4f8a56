public import FollowUpCore
import GRDB

/// The outbox as the per-receiver delivery lanes and admins use it.
extension SQLiteLeadStore {
    /// One receiver's pending rows due by `now`, by next attempt then minting order.
    public func duePending(receiver: String, at now: Instant, limit: Int) async throws -> [OutboxEntry] {
        guard limit > 0 else { return [] }
        return try await pool.read { db in
            try OutboxRow.fetchAll(db.cachedStatement(sql: OutboxRow.dueForReceiverSQL),
                                   arguments: [receiver, now.secondsSinceEpoch, limit])
        }
    }

    /// The earliest next attempt of one receiver's pending rows.
    public func nextAttemptAt(receiver: String) async throws -> Instant? {
        try await pool.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: OutboxRow.nextAttemptForReceiverSQL), arguments: [receiver])
                .map(Instant.init(secondsSinceEpoch:))
        }
    }

    /// Records a group of attempts (a window of requests, not a whole round:
    /// see the daemon's `RoundRecorder`) in one write transaction: the writer
    /// is shared with ingest, so a delivered row must not cost a commit of its own.
    public func record(_ outcomes: [DeliveryOutcome], at now: Instant) async throws {
        guard !outcomes.isEmpty else { return }
        try await pool.write { db in
            // pending → delivered is counted here, once per group (migration v5); the
            // trigger counts the rarer changes (a dead letter).
            var tallies = TallyDelta()
            var delivered = try BoundStatement(db, sql: OutboxRow.deliveredViaSQL)
            let failed = try db.cachedStatement(sql: OutboxRow.failedSQL)
            for outcome in outcomes {
                switch outcome {
                case .delivered(let key, let via):
                    delivered.bind(now.secondsSinceEpoch)
                    delivered.bind(via)
                    delivered.bind(key.id)
                    delivered.bind(key.receiver)
                    try delivered.execute()
                    if db.changesCount > 0 {
                        tallies.add(TallyDelta.outbox("pending"), -1)
                        tallies.add(TallyDelta.outbox("delivered"), 1)
                        tallies.add(TallyDelta.receiver(key.receiver, "pending"), -1)
                        tallies.add(TallyDelta.receiver(key.receiver, "delivered"), 1)
                    }
                case .failed(let key, let error, let retryAt):
                    try failed.execute(arguments: [error, now.secondsSinceEpoch, retryAt?.secondsSinceEpoch, key.id, key.receiver])
                }
            }
            try tallies.write(db)
        }
    }

    /// Makes one receiver's waiting rows due now (it answers again after failing).
    public func releaseBacklog(receiver: String, at now: Instant) async throws -> Int {
        try await pool.write { db in
            try db.cachedStatement(sql: OutboxRow.releaseSQL).execute(arguments: [now.secondsSinceEpoch, receiver])
            return db.changesCount
        }
    }

    /// Rows for admins, newest first (by minting order).
    public func entries(_ query: OutboxQuery) async throws -> [OutboxEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let state = query.state {
            conditions.append("state = ?")
            arguments += [state.rawValue]
        }
        if let receiver = query.receiver {
            conditions.append("receiver = ?")
            arguments += [receiver]
        }
        if let id = query.id {
            conditions.append("id = ?")
            arguments += [id]
        }
        arguments += [max(1, query.limit)]
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(OutboxRow.selectList) FROM outbox \(filter) ORDER BY rowid DESC LIMIT ?"
        let bound = arguments
        return try await pool.read { db in
            try OutboxRow.fetchAll(db.makeStatement(sql: sql), arguments: bound)
        }
    }

    /// Puts undelivered rows of `id` back in line, due now, aged from now.
    public func requeue(id: String, receiver: String?, at now: Instant) async throws -> Int {
        try await pool.write { db in
            try db.cachedStatement(sql: OutboxRow.requeueSQL).execute(arguments: [now.secondsSinceEpoch, id, receiver])
            return db.changesCount
        }
    }

    /// Deletes undelivered rows of `id`.
    public func drop(id: String, receiver: String?) async throws -> Int {
        try await pool.write { db in
            try db.cachedStatement(sql: OutboxRow.dropSQL).execute(arguments: [id, receiver])
            return db.changesCount
        }
    }

    /// Row counts by receiver and state, from the tallies the schema's triggers keep.
    public func countsByReceiver() async throws -> [String: [OutboxState: Int]] {
        try await pool.read { db in
            var out: [String: [OutboxState: Int]] = [:]
            let prefix = "tally.receiver."
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key >= 'tally.receiver.' AND key < 'tally.receiver/'") {
                let name = String((row[0] as String).dropFirst(prefix.count))
                // Receiver names may hold dots; states do not.
                guard let dot = name.lastIndex(of: "."), let state = OutboxState(rawValue: String(name[name.index(after: dot)...]))
                else { continue }
                out[String(name[..<dot]), default: [:]][state] = row[1] as Int
            }
            return out
        }
    }
}
