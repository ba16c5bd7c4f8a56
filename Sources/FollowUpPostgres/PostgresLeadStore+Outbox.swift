public import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// The outbox: reads through the pool; every change in a fenced write
/// transaction that keeps the `tallies` rows in step with the rows.
extension PostgresLeadStore: Outbox {
    public func duePending(at now: Instant, limit: Int) async throws -> [OutboxEntry] {
        guard limit > 0 else { return [] }
        return try await rows("""
            SELECT \(unescaped: OutboxColumns.selectList) FROM outbox
            WHERE state = 'pending' AND next_attempt_at <= \(now.secondsSinceEpoch) ORDER BY next_attempt_at, mint LIMIT \(limit)
            """).map(OutboxColumns.read)
    }

    public func duePending(receiver: String, at now: Instant, limit: Int) async throws -> [OutboxEntry] {
        guard limit > 0 else { return [] }
        return try await rows("""
            SELECT \(unescaped: OutboxColumns.selectList) FROM outbox
            WHERE receiver = \(receiver) AND state = 'pending' AND next_attempt_at <= \(now.secondsSinceEpoch)
            ORDER BY next_attempt_at, mint LIMIT \(limit)
            """).map(OutboxColumns.read)
    }

    public func nextAttemptAt() async throws -> Instant? {
        try await rows("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'")
            .first.flatMap { try $0.decode(Int64?.self) }.map(Instant.init(secondsSinceEpoch:))
    }

    public func nextAttemptAt(receiver: String) async throws -> Instant? {
        try await rows("SELECT min(next_attempt_at) FROM outbox WHERE receiver = \(receiver) AND state = 'pending'")
            .first.flatMap { try $0.decode(Int64?.self) }.map(Instant.init(secondsSinceEpoch:))
    }

    public func markDelivered(_ keys: [OutboxKey], at now: Instant) async throws {
        try await record(keys.map { .delivered($0, via: nil) }, at: now)
    }

    public func markFailed(_ key: OutboxKey, error: String, retryAt: Instant?, at now: Instant) async throws {
        try await record([.failed(key, error: error, retryAt: retryAt)], at: now)
    }

    /// The deliveries in one statement, the failures in another, the tallies in a third.
    public func record(_ outcomes: [DeliveryOutcome], at now: Instant) async throws {
        guard !outcomes.isEmpty else { return }
        var delivered = JSONWriter(), failed = JSONWriter()
        var anyDelivered = false, anyFailed = false
        delivered.beginArray()
        failed.beginArray()
        for outcome in outcomes {
            switch outcome {
            case .delivered(let key, let via):
                delivered.beginObject()
                delivered.string("id", key.id)
                delivered.string("receiver", key.receiver)
                delivered.optional("via", via)
                delivered.endObject()
                anyDelivered = true
            case .failed(let key, let error, let retryAt):
                failed.beginObject()
                failed.string("id", key.id)
                failed.string("receiver", key.receiver)
                failed.string("error", error)
                failed.seconds("retry_at", retryAt)
                failed.endObject()
                anyFailed = true
            }
        }
        delivered.endArray()
        failed.endArray()
        let (deliveredRows, failedRows) = (anyDelivered ? delivered.text : nil, anyFailed ? failed.text : nil)
        try await recordingTransaction { session, tallies in
            func run(_ sql: String, _ json: String, moving to: String) throws {
                var binds = try PostgresStoreCache.binds(json)
                binds.append(now.secondsSinceEpoch)
                for row in try session.query(PostgresQuery(unsafeSQL: sql, binds: binds)) {
                    let (receiver, n) = try row.decode((String, Int64).self)
                    Self.move(n, of: receiver, from: "pending", to: to, &tallies)
                }
            }
            if let deliveredRows { try run(OutboxColumns.deliveredSQL, deliveredRows, moving: "delivered") }
            if let failedRows { try run(OutboxColumns.failedSQL, failedRows, moving: "dead") }
        }
    }

    public func releaseBacklog(receiver: String, at now: Instant) async throws -> Int {
        try await transaction { session, _, _ in
            try session.query("""
                UPDATE outbox SET next_attempt_at = \(now.secondsSinceEpoch)
                WHERE receiver = \(receiver) AND state = 'pending' AND next_attempt_at > \(now.secondsSinceEpoch)
                """).metadata.rows ?? 0
        }
    }

    public func entries(_ query: OutboxQuery) async throws -> [OutboxEntry] {
        try await rows("""
            SELECT \(unescaped: OutboxColumns.selectList) FROM outbox
            WHERE (\(query.state?.rawValue)::text IS NULL OR state = \(query.state?.rawValue))
                AND (\(query.receiver)::text IS NULL OR receiver = \(query.receiver))
                AND (\(query.id)::text IS NULL OR id = \(query.id))
            ORDER BY mint DESC LIMIT \(max(1, query.limit))
            """).map(OutboxColumns.read)
    }

    public func requeue(id: String, receiver: String?, at now: Instant) async throws -> Int {
        try await transaction { session, _, tallies in
            let moved = try session.query("""
                WITH old AS (
                    SELECT receiver, state FROM outbox
                    WHERE id = \(id) AND (\(receiver)::text IS NULL OR receiver = \(receiver)) AND state <> 'delivered'
                    FOR UPDATE)
                UPDATE outbox o SET state = 'pending', next_attempt_at = \(now.secondsSinceEpoch),
                    requeued_at = \(now.secondsSinceEpoch)
                FROM old WHERE o.id = \(id) AND o.receiver = old.receiver
                RETURNING old.receiver, old.state
                """)
            for row in moved {
                let (receiver, was) = try row.decode((String, String).self)
                Self.move(1, of: receiver, from: was, to: "pending", &tallies)
            }
            return moved.count
        }
    }

    public func drop(id: String, receiver: String?) async throws -> Int {
        try await transaction { session, _, tallies in
            let gone = try session.query("""
                DELETE FROM outbox WHERE id = \(id) AND (\(receiver)::text IS NULL OR receiver = \(receiver))
                    AND state <> 'delivered'
                RETURNING receiver, state
                """)
            for row in gone {
                let (receiver, state) = try row.decode((String, String).self)
                tallies.add(TallyChanges.outbox(state), -1)
                tallies.add(TallyChanges.receiver(receiver, state), -1)
            }
            return gone.count
        }
    }

    public func countsByReceiver() async throws -> [String: [OutboxState: Int]] {
        var out: [String: [OutboxState: Int]] = [:]
        for row in try await rows("SELECT key, n FROM tallies WHERE key LIKE 'receiver.%'") {
            let (key, n) = try row.decode((String, Int64).self)
            let name = key.dropFirst("receiver.".count)
            // Receiver names may hold dots; states do not.
            guard let dot = name.lastIndex(of: "."), let state = OutboxState(rawValue: String(name[name.index(after: dot)...]))
            else { continue }
            out[String(name[..<dot]), default: [:]][state] = Int(n)
        }
        return out
    }

    /// `n` rows of `receiver` went from state `from` to `to`.
    static func move(_ n: Int64, of receiver: String, from: String, to: String, _ tallies: inout TallyChanges) {
        guard from != to else { return }
        tallies.add(TallyChanges.outbox(from), -n)
        tallies.add(TallyChanges.outbox(to), n)
        tallies.add(TallyChanges.receiver(receiver, from), -n)
        tallies.add(TallyChanges.receiver(receiver, to), n)
    }
}
