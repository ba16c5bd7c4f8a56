import FollowUpCore
import FollowUpFormats
import GRDB

/// How a ``LeadState`` maps to a `leads` row, and the statements that read and write it.
///
/// Columns are read by position (in ``columns`` order) because every event
/// reads at least one lead: no name lookups on the hot path.
enum LeadRow {
    /// Fixed after capture: the profile and when it came.
    static let profileColumns = LeadTable.profileColumns.map(\.name)
    /// What the engine changes.
    static let stateColumns = LeadTable.stateColumns.map(\.name)
    /// Every column, in the order ``decode(_:)`` reads them.
    static let columns = LeadTable.columns.map(\.name)
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
        LeadTable.write(key: lead, to: &statement)
        LeadTable.write(profile: lead, to: &statement)
        LeadTable.write(state: lead, to: &statement)
        try statement.execute()
    }

    /// Rewrites a stored lead; the profile columns only when the profile changed (never, today).
    static func update(_ lead: LeadState, profileChanged: Bool, _ db: Database) throws {
        var statement = try BoundStatement(db, sql: profileChanged ? updateAllSQL : updateStateSQL)
        if profileChanged { LeadTable.write(profile: lead, to: &statement) }
        LeadTable.write(state: lead, to: &statement)
        statement.bind(lead.seq)
        try statement.execute()
    }

    // MARK: Decoding

    /// Reads a row selected with ``selectList``.
    static func decode(_ row: Row) throws -> LeadState {
        var c = ColumnReader(row: row)
        do {
            return try LeadTable.read(from: &c)
        } catch {
            let key = (try? row.decode(String?.self, atIndex: 1)).flatMap { $0 } ?? "?"
            throw StoreDataError(table: "leads", key: key, message: "\(error)")
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
