/// The rows of a followupd store kept somewhere else (the SQLite store),
/// table by table as that store names them: what ``PostgresStoreLoad`` copies.
/// Every row is a JSON object keyed by column; a table with a minting order
/// (the SQLite rowid) also gives it as `"rowid"`.
public protocol StoreRows {
    /// The store's tables.
    func tables() throws -> [String]
    /// The columns of `table`.
    func columns(of table: String) throws -> [String]
    /// How many rows `table` holds.
    func count(_ table: String) throws -> Int
    /// Every row of `table`, at most `size` at a time, each batch a JSON array of objects.
    func chunks(of table: String, size: Int, _ body: (String) throws -> Void) throws
}

/// Where ``StoreRows`` come from: all of them as of one commit, for as long as `body` runs.
public protocol StoreRowsSource: Sendable {
    func withRows<T>(_ body: (any StoreRows) throws -> T) throws -> T
}
