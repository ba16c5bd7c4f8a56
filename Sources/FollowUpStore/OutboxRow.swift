import FollowUpCore
import FollowUpFormats
import GRDB

/// How an ``OutboxEntry`` maps to an `outbox` row.
enum OutboxRow {
    static let selectList =
        "payload, recipient, receiver, state, attempts, next_attempt_at, last_error, created_at, delivered_at, via, requeued_at"

    /// `OR IGNORE`: a notification id is deterministic, so one minted again
    /// (a replay) finds its row and leaves it as it is.
    static let insertSQL = """
        INSERT OR IGNORE INTO outbox (id, receiver, at, kind, lead, payload, recipient, state, attempts, next_attempt_at,
                                      created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
        """
    static let duePendingSQL = """
        SELECT \(selectList) FROM outbox
        WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, rowid LIMIT ?
        """
    static let dueForReceiverSQL = """
        SELECT \(selectList) FROM outbox INDEXED BY outbox_receiver_pending
        WHERE receiver = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, rowid LIMIT ?
        """
    static let nextAttemptForReceiverSQL = """
        SELECT next_attempt_at FROM outbox INDEXED BY outbox_receiver_pending
        WHERE receiver = ? AND state = 'pending' ORDER BY next_attempt_at LIMIT 1
        """
    static let deliveredViaSQL = """
        UPDATE outbox SET state = 'delivered', delivered_at = ?1, last_attempt_at = ?1, attempts = attempts + 1, via = ?2
        WHERE id = ?3 AND receiver = ?4 AND state = 'pending'
        """
    static let requeueSQL = """
        UPDATE outbox SET state = 'pending', next_attempt_at = ?1, requeued_at = ?1
        WHERE id = ?2 AND (?3 IS NULL OR receiver = ?3) AND state <> 'delivered'
        """
    static let releaseSQL = """
        UPDATE outbox INDEXED BY outbox_receiver_pending SET next_attempt_at = ?1
        WHERE receiver = ?2 AND state = 'pending' AND next_attempt_at > ?1
        """
    static let dropSQL = "DELETE FROM outbox WHERE id = ?1 AND (?2 IS NULL OR receiver = ?2) AND state <> 'delivered'"
    static let nextAttemptSQL =
        "SELECT next_attempt_at FROM outbox WHERE state = 'pending' ORDER BY next_attempt_at LIMIT 1"
    /// A lead's rows are the range of ids starting with `LEAD:`; `lead = ?`
    /// drops another lead whose id merely starts with the same text and a colon.
    static let byLeadSQL = "SELECT \(selectList) FROM outbox WHERE id >= ? AND id < ? AND lead = ? ORDER BY rowid"
    static let failedSQL = """
        UPDATE outbox SET attempts = attempts + 1, last_error = ?1, last_attempt_at = ?2,
            next_attempt_at = coalesce(?3, next_attempt_at),
            state = CASE WHEN ?3 IS NULL THEN 'dead' ELSE 'pending' END
        WHERE id = ?4 AND receiver = ?5 AND state = 'pending'
        """

    /// Queues each notification for its receivers, due at its own time (a row
    /// already there is kept), counts the new pending rows in `tallies` and
    /// tells `wrote` each notification that added a row.
    static func insert(_ notifications: [LeadNotification], receivers: (LeadNotification) -> [String],
                       createdAt: Instant, tallies: inout TallyDelta, _ db: Database,
                       wrote: (LeadNotification) -> Void = { _ in }) throws {
        guard !notifications.isEmpty else { return }
        var statement = try BoundStatement(db, sql: insertSQL)
        for n in notifications {
            let payload = n.jsonLine
            var added = false
            for receiver in receivers(n) {
                statement.bind(n.id)
                statement.bind(receiver)
                statement.bind(n.at.secondsSinceEpoch)
                statement.bind(n.kind.rawValue)
                statement.bind(n.lead)
                statement.bind(payload)
                statement.bind(n.recipient.rawValue)
                statement.bind(n.at.secondsSinceEpoch)
                statement.bind(createdAt.secondsSinceEpoch)
                try statement.execute()
                if db.changesCount > 0 {
                    tallies.add(TallyDelta.outbox("pending"), 1)
                    tallies.add(TallyDelta.receiver(receiver, "pending"), 1)
                    added = true
                } else {
                    tallies.add(TallyDelta.mintedAgain, 1)
                }
            }
            if added { wrote(n) }
        }
    }

    /// Every row a statement selects (it must select ``selectList``).
    static func fetchAll(_ statement: Statement, arguments: StatementArguments) throws -> [OutboxEntry] {
        var out: [OutboxEntry] = []
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() { out.append(try decode(row)) }
        return out
    }

    /// A lead's rows, oldest first.
    static func naming(_ lead: LeadID, _ db: Database) throws -> [OutboxEntry] {
        try fetchAll(db.cachedStatement(sql: byLeadSQL), arguments: [lead + ":", lead + ";", lead])
    }

    static func decode(_ row: Row) throws -> OutboxEntry {
        var c = ColumnReader(row: row)
        let payload = try c.string()
        let rawRecipient = try c.string()
        guard let recipient = RecipientKind(rawValue: rawRecipient) else {
            throw StoreDataError(table: "outbox", key: payload, message: "unknown recipient \"\(rawRecipient)\"")
        }
        let notification: LeadNotification
        do throws(JSONColumnError) {
            notification = try LeadNotification(jsonLine: payload, recipient: recipient)
        } catch {
            throw StoreDataError(table: "outbox", key: payload, message: error.description)
        }
        let receiver = try c.string()
        let rawState = try c.string()
        guard let state = OutboxState(rawValue: rawState) else {
            throw StoreDataError(table: "outbox", key: notification.id, message: "unknown state \"\(rawState)\"")
        }
        return OutboxEntry(notification: notification, receiver: receiver, state: state, attempts: try c.int(),
                           nextAttemptAt: try c.instant(), lastError: try c.optionalString(),
                           createdAt: try c.instant(), deliveredAt: try c.optionalInstant(),
                           via: try c.optionalString(), requeuedAt: try c.optionalInstant())
    }
}
