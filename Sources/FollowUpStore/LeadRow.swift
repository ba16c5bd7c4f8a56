import FollowUpCore
import FollowUpFormats
import GRDB

/// How a ``LeadState`` maps to a `leads` row, and the statements that read and write it.
///
/// Columns are read by position (in ``columns`` order) because every event
/// reads at least one lead: no name lookups on the hot path.
enum LeadRow {
    /// Fixed after capture: the profile and when it came.
    static let profileColumns = [
        "captured_at", "source", "name", "email", "phone", "company", "title", "company_size", "need", "stage",
        "timezone", "given_owner", "given_team", "given_score", "given_priority", "attributes",
    ]
    /// What the engine changes.
    static let stateColumns = [
        "priority", "policy", "triage_rule", "score", "team", "owner", "had", "status", "touches", "last_touch_at",
        "step", "step_due", "step_deadline", "step_due_notified", "step_breached", "step_opened_at", "unrouted", "nurture_at", "counters",
        "awaits_first_touch", "deadline_open",
        "step_window", "step_last_breach_at", "step_repeat_at", "step_breaches", "step_reopened",
        "snoozed_until", "snooze_reason", "check_in_from", "check_in_at",
        "by_round_robin", "accept_by", "cadence_from", "in_cadence", "won_value",
    ]
    /// Every column, in the order ``decode(_:)`` reads them.
    static let columns = ["seq", "id"] + profileColumns + stateColumns
    static let selectList = columns.joined(separator: ", ")

    static let insertSQL = "INSERT INTO leads (\(selectList)) VALUES (\(placeholders(columns.count)))"
    static let updateStateSQL = "UPDATE leads SET \(assignments(stateColumns)) WHERE seq = ?"
    static let updateAllSQL = "UPDATE leads SET \(assignments(profileColumns + stateColumns)) WHERE seq = ?"
    static let selectByIDSQL = "SELECT \(selectList) FROM leads WHERE id = ?"
    static let existsSQL = "SELECT 1 FROM leads WHERE id = ?"
    static let awaitingFirstTouchSQL =
        "SELECT \(selectList) FROM leads WHERE owner = ? AND awaits_first_touch = 1 ORDER BY seq"
    static let ownedOpenSQL =
        "SELECT \(selectList) FROM leads WHERE owner = ? AND status IN ('open', 'engaged', 'nurture')"
        + " AND id NOT IN (SELECT lead FROM erased_leads) ORDER BY seq"
    static let inCadenceCountSQL = "SELECT count(*) FROM leads WHERE owner = ? AND in_cadence = 1"

    // MARK: Statements

    /// The lead with this id, if captured.
    static func fetch(_ db: Database, id: LeadID) throws -> LeadState? {
        let statement = try db.cachedStatement(sql: selectByIDSQL)
        let cursor = try Row.fetchCursor(statement, arguments: [id])
        guard let row = try cursor.next() else { return nil }
        return try decode(row)
    }

    /// Whether a lead with this id was captured.
    static func exists(_ db: Database, id: LeadID) throws -> Bool {
        var statement = try BoundStatement(db, sql: existsSQL)
        statement.bind(id)
        return try statement.hasRow()
    }

    /// Every lead a statement selects (it must select ``selectList``).
    static func fetchAll(_ statement: Statement, arguments: StatementArguments) throws -> [LeadState] {
        var out: [LeadState] = []
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() { out.append(try decode(row)) }
        return out
    }

    /// Writes a lead captured in this transaction.
    static func insert(_ lead: LeadState, _ db: Database) throws {
        var statement = try BoundStatement(db, sql: insertSQL)
        statement.bind(lead.seq)
        statement.bind(lead.id)
        bindProfile(of: lead, to: &statement)
        bindState(of: lead, to: &statement)
        try statement.execute()
    }

    /// Rewrites a stored lead; the profile columns only when the profile changed (never, today).
    static func update(_ lead: LeadState, profileChanged: Bool, _ db: Database) throws {
        var statement = try BoundStatement(db, sql: profileChanged ? updateAllSQL : updateStateSQL)
        if profileChanged { bindProfile(of: lead, to: &statement) }
        bindState(of: lead, to: &statement)
        statement.bind(lead.seq)
        try statement.execute()
    }

    // MARK: Encoding

    private static func bindProfile(of lead: LeadState, to statement: inout BoundStatement) {
        let p = lead.profile
        statement.bind(lead.capturedAt.secondsSinceEpoch)
        statement.bind(p.source)
        statement.bind(p.name)
        statement.bind(p.email)
        statement.bind(p.phone)
        statement.bind(p.company)
        statement.bind(p.title)
        statement.bind(p.companySize)
        statement.bind(p.need)
        statement.bind(p.stage)
        statement.bind(p.timezone)
        statement.bind(p.owner)
        statement.bind(p.team)
        statement.bind(p.score)
        statement.bind(p.priority)
        statement.bind(JSONColumns.attributes(p.attributes))
    }

    private static func bindState(of lead: LeadState, to statement: inout BoundStatement) {
        let step = lead.step
        statement.bind(lead.priority)
        statement.bind(lead.policy)
        statement.bind(lead.triageRule)
        statement.bind(lead.score)
        statement.bind(lead.team)
        statement.bind(lead.owner)
        statement.bind(JSONColumns.repIDs(lead.had))
        statement.bind(lead.status.rawValue)
        statement.bind(lead.touches)
        statement.bind(lead.lastTouchAt?.secondsSinceEpoch)
        statement.bind(step?.number)
        statement.bind(step?.due.secondsSinceEpoch)
        statement.bind(step?.deadline.secondsSinceEpoch)
        statement.bind(step?.dueNotified)
        statement.bind(step?.breached)
        statement.bind(step?.openedAt.secondsSinceEpoch)
        statement.bind(lead.unrouted)
        statement.bind(lead.nurtureAt?.secondsSinceEpoch)
        statement.bind(JSONColumns.counters(lead.counters))
        statement.bind(lead.awaitsFirstTouch)
        statement.bind(lead.openStep?.deadline.secondsSinceEpoch)
        statement.bind(step?.window.seconds)
        statement.bind(step?.lastBreachAt?.secondsSinceEpoch)
        statement.bind(step?.repeatAt?.secondsSinceEpoch)
        statement.bind(step?.breaches)
        statement.bind(step?.reopened)
        statement.bind(lead.snoozedUntil?.secondsSinceEpoch)
        statement.bind(lead.snoozeReason)
        statement.bind(lead.checkInFrom?.secondsSinceEpoch)
        statement.bind(lead.checkInAt?.secondsSinceEpoch)
        statement.bind(lead.byRoundRobin)
        statement.bind(lead.acceptBy?.secondsSinceEpoch)
        statement.bind(lead.cadenceFrom?.secondsSinceEpoch)
        statement.bind(lead.isInCadence)
        statement.bind(lead.wonValue?.cents)
    }

    // MARK: Decoding

    /// Reads a row selected with ``selectList``.
    static func decode(_ row: Row) throws -> LeadState {
        var c = ColumnReader(row: row)
        let seq = try c.int64()
        let id = try c.string()
        do {
            let capturedAt = try c.instant()
            var profile = LeadProfile(id: id, source: try c.string())
            profile.name = try c.optionalString()
            profile.email = try c.optionalString()
            profile.phone = try c.optionalString()
            profile.company = try c.optionalString()
            profile.title = try c.optionalString()
            profile.companySize = try c.optionalInt()
            profile.need = try c.optionalString()
            profile.stage = try c.optionalString()
            profile.timezone = try c.optionalString()
            profile.owner = try c.optionalString()
            profile.team = try c.optionalString()
            profile.score = try c.optionalInt()
            profile.priority = try c.optionalString()
            profile.attributes = try JSONColumns.attributes(c.optionalString())

            let priority = try c.string()
            let policy = try c.string()
            let triageRule = try c.string()
            let score = try c.int()
            let team = try c.optionalString()
            let owner = try c.optionalString()
            let had = try JSONColumns.repIDs(c.string())
            let rawStatus = try c.string()
            guard let status = LeadStatus(rawValue: rawStatus) else {
                throw StoreDataError(table: "leads", key: id, message: "unknown status \"\(rawStatus)\"")
            }
            let touches = try c.int()
            let lastTouchAt = try c.optionalInstant()
            let number = try c.optionalInt()
            let due = try c.optionalInstant()
            let deadline = try c.optionalInstant()
            let dueNotified = try c.optionalBool()
            let breached = try c.optionalBool()
            let openedAt = try c.optionalInstant()
            let unrouted = try c.bool()
            let nurtureAt = try c.optionalInstant()
            let counters = try JSONColumns.counters(c.string())
            _ = try c.bool()  // awaits_first_touch: derived, for the index
            _ = try c.optionalInstant()  // deadline_open: derived, for the index
            let window = try c.optionalInt64()
            let lastBreachAt = try c.optionalInstant()
            let repeatAt = try c.optionalInstant()
            let breaches = try c.optionalInt()
            let reopened = try c.optionalBool()
            let snoozedUntil = try c.optionalInstant()
            let snoozeReason = try c.optionalString()
            let checkInFrom = try c.optionalInstant()
            let checkInAt = try c.optionalInstant()
            let byRoundRobin = try c.optionalBool() ?? false
            let acceptBy = try c.optionalInstant()
            let cadenceFrom = try c.optionalInstant()
            _ = try c.optionalBool()  // in_cadence: derived, for the index
            let wonValue = try c.optionalInt64().map(Amount.init(cents:))

            var step: OpenStep?
            if let number, let due, let deadline {
                // Rows written before v2 have no opening time: step 1 opened at its due time
                // (the default policy's step 1 is due at once), later ones at the touch before.
                // Rows written before v6 have no window: the step's planned one.
                step = OpenStep(number: number, due: due, deadline: deadline,
                                dueNotified: dueNotified ?? false, breached: breached ?? false,
                                openedAt: openedAt ?? (number == 1 ? due : lastTouchAt ?? due),
                                window: window.map(TimeSpan.init(seconds:)), lastBreachAt: lastBreachAt,
                                repeatAt: repeatAt, breaches: breaches ?? (breached == true ? 1 : 0),
                                reopened: reopened ?? false)
            }
            return LeadState(profile: profile, seq: seq, capturedAt: capturedAt, priority: priority, policy: policy,
                             triageRule: triageRule, score: score, team: team, owner: owner, had: had, status: status,
                             touches: touches, lastTouchAt: lastTouchAt, step: step, unrouted: unrouted,
                             nurtureAt: nurtureAt, snoozedUntil: snoozedUntil, snoozeReason: snoozeReason,
                             checkInFrom: checkInFrom, checkInAt: checkInAt, byRoundRobin: byRoundRobin,
                             acceptBy: acceptBy, cadenceFrom: cadenceFrom, counters: counters,
                             wonValue: wonValue)
        } catch let error as StoreDataError {
            throw error
        } catch {
            throw StoreDataError(table: "leads", key: id, message: "\(error)")
        }
    }

    // MARK: SQL text

    static func placeholders(_ n: Int) -> String {
        Array(repeating: "?", count: n).joined(separator: ", ")
    }

    static func assignments(_ columns: [String]) -> String {
        columns.map { "\($0) = ?" }.joined(separator: ", ")
    }
}
