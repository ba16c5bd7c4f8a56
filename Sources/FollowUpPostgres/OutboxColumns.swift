import FollowUpCore
import FollowUpFormats
import PostgresNIO

/// How an ``OutboxEntry`` maps to an `outbox` row (the SQLite store's columns).
enum OutboxColumns {
    static let selectList =
        "payload, recipient, receiver, state, attempts, next_attempt_at, last_error, created_at, delivered_at, via, requeued_at"

    static func read(_ row: PostgresRow) throws -> OutboxEntry {
        let (payload, rawRecipient, receiver, rawState, attempts, next, lastError, created, delivered, via, requeued) =
            try row.decode((String, String, String, String, Int, Int64, String?, Int64, Int64?, String?, Int64?).self)
        guard let recipient = RecipientKind(rawValue: rawRecipient) else {
            throw PostgresStoreError.data(table: "outbox", key: payload, message: "unknown recipient \"\(rawRecipient)\"")
        }
        let notification: LeadNotification
        do throws(JSONColumnError) {
            notification = try LeadNotification(jsonLine: payload, recipient: recipient)
        } catch {
            throw PostgresStoreError.data(table: "outbox", key: payload, message: error.description)
        }
        guard let state = OutboxState(rawValue: rawState) else {
            throw PostgresStoreError.data(table: "outbox", key: notification.id, message: "unknown state \"\(rawState)\"")
        }
        return OutboxEntry(notification: notification, receiver: receiver, state: state, attempts: attempts,
                           nextAttemptAt: Instant(secondsSinceEpoch: next), lastError: lastError,
                           createdAt: Instant(secondsSinceEpoch: created),
                           deliveredAt: delivered.map(Instant.init(secondsSinceEpoch:)), via: via,
                           requeuedAt: requeued.map(Instant.init(secondsSinceEpoch:)))
    }

    /// Marks the `$1` rows (`[{id, receiver, via}]`) delivered at `$2` if still pending; counts by receiver.
    ///
    /// "Still pending" is written `NOT IN ('delivered', 'dead')`, not `= 'pending'`: the latter lets
    /// the planner scan the partial index of pending rows, which stale statistics after a fast
    /// ingest estimate at one row, and join every pending row per write. With a backlog that was up
    /// to a second per write (statement log, 300,000 leads, 5,000 events/s ingested meanwhile) and
    /// delivery fell further behind. This way each result probes the primary key (id, receiver).
    static let deliveredSQL = """
        WITH done AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, receiver text, via text)),
        changed AS (
            UPDATE outbox o SET state = 'delivered', delivered_at = $2, last_attempt_at = $2, attempts = o.attempts + 1,
                via = done.via
            FROM done WHERE o.id = done.id AND o.receiver = done.receiver AND o.state NOT IN ('delivered', 'dead')
            RETURNING o.receiver)
        SELECT receiver, count(*) FROM changed GROUP BY receiver
        """

    /// Records the `$1` failures (`[{id, receiver, error, retry_at}]`) at `$2`;
    /// a row without `retry_at` becomes a dead letter. Counts the dead by receiver.
    static let failedSQL = """
        WITH failed AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, receiver text, error text, retry_at bigint)),
        changed AS (
            UPDATE outbox o SET attempts = o.attempts + 1, last_error = failed.error, last_attempt_at = $2,
                next_attempt_at = coalesce(failed.retry_at, o.next_attempt_at),
                state = CASE WHEN failed.retry_at IS NULL THEN 'dead' ELSE 'pending' END
            FROM failed WHERE o.id = failed.id AND o.receiver = failed.receiver AND o.state NOT IN ('delivered', 'dead')
            RETURNING o.receiver, o.state)
        SELECT receiver, count(*) FROM changed WHERE state = 'dead' GROUP BY receiver
        """
}
