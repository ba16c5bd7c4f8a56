import FollowUpCore
import FollowUpFormats
import GRDB

/// How a ``TeamState/Member`` maps to a `reps` row (``RepTable``'s columns,
/// shared with the PostgreSQL store). Reps are few and change only with rep
/// events, so this is off the hot path.
enum RepRow {
    static let selectList = RepTable.columns.names

    static let upsertSQL = """
        INSERT INTO reps (\(selectList)) VALUES (\(LeadRow.placeholders(RepTable.columns.count)))
        ON CONFLICT(id) DO UPDATE SET \(RepTable.columns.dropFirst().map { "\($0.name) = excluded.\($0.name)" }.joined(separator: ", "))
        """

    /// Writes a member, new or changed.
    static func upsert(_ m: TeamState.Member, _ db: Database) throws {
        var statement = try BoundStatement(db, sql: upsertSQL)
        RepTable.write(m, to: &statement)
        try statement.execute()
    }

    /// Every member, by id.
    static func fetchAll(_ db: Database) throws -> [RepID: TeamState.Member] {
        var members: [RepID: TeamState.Member] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(selectList) FROM reps ORDER BY seq")
        while let row = try cursor.next() {
            var c = ColumnReader(row: row)
            do {
                let member = try RepTable.read(from: &c)
                members[member.rep.id] = member
            } catch {
                let key = (try? row.decode(String?.self, atIndex: 0)).flatMap { $0 } ?? "?"
                throw StoreDataError(table: "reps", key: key, message: "\(error)")
            }
        }
        return members
    }
}
