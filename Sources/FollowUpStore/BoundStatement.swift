import FollowUpFormats
import GRDB
import GRDBSQLite

/// A cached write statement whose values go straight to `sqlite3_bind_*`,
/// for the ingest path's inserts.
///
/// GRDB's `execute(arguments:)` boxes every value as an existential, builds
/// `DatabaseValue`s, validates the count and, above 20 arguments, copies them
/// once more: for a lead row (36 columns) that was half the insert's time in
/// profiles. Here the caller binds each column in order, then ``execute()``
/// steps the statement once and resets it, leaving no binding behind.
///
/// ``hasRow()`` serves existence checks the same way. Only inside a GRDB write transaction
/// (GRDB still sees the transaction through SQLite's hooks; it does not see
/// the statement itself, so no GRDB observation may depend on these tables).
struct BoundStatement: ~Copyable {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: Int32 = 0

    /// SQLite copies text it is given with this destructor.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: Int?) {
        bind(value.map(Int64.init))
    }

    mutating func bind(_ value: Bool?) {
        bind(value.map { $0 ? Int64(1) : 0 })
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
                }
            } else {
                // A NULL pointer would bind SQL NULL: the empty string needs a real one.
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    /// A BLOB, copied by SQLite (an empty one is a zero-length BLOB, not NULL).
    mutating func bind(blob value: [UInt8]) {
        index += 1
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
        }
    }

    /// Whether the query, with the values bound so far, yields a row (it is
    /// stepped once, then reset and its values cleared).
    mutating func hasRow() throws -> Bool {
        try run() == SQLITE_ROW
    }

    /// Runs the statement with the values bound so far (exactly one per
    /// parameter) and clears them; a failure is GRDB's `DatabaseError`.
    mutating func execute() throws {
        _ = try run()
    }

    /// One step: SQLITE_DONE or SQLITE_ROW, else GRDB's `DatabaseError`.
    private mutating func run() throws -> Int32 {
        precondition(index == sqlite3_bind_parameter_count(handle), "\(index) values bound for \(statement.sql)")
        let code = sqlite3_step(handle)
        let failure = code == SQLITE_DONE || code == SQLITE_ROW ? nil : String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        index = 0
        if let failure {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: failure, sql: statement.sql)
        }
        return code
    }
}

/// The shared encoders (``LeadTable``) write columns in table order, which
/// is the statement's parameter order: the name is not looked at.
extension BoundStatement: RecordWriter {
    mutating func write(_ column: String, _ value: String?) { bind(value) }
    mutating func write(_ column: String, _ value: Int64?) { bind(value) }
    mutating func write(_ column: String, _ value: Bool?) { bind(value) }
}
