/// Where the daemon keeps its state, as `database:` in `followupd.yaml` says:
/// a SQLite file (the embedded default, one box) or a PostgreSQL database
/// (`postgres://…`, for several nodes).
public enum DatabaseLocation: Hashable, Sendable {
    /// A SQLite file; relative paths are read from the working directory.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresAddress)

    /// Reads `database:`: a `postgres://` or `postgresql://` URL is a
    /// PostgreSQL database, anything else a SQLite path.
    /// - Returns: the location, or what is wrong with a URL (a sentence for FILE:LINE:COL).
    public static func parse(_ text: String) -> Result<DatabaseLocation, DatabaseLocationError> {
        guard PostgresAddress.isPostgresURL(text) else {
            if text.isEmpty { return .failure(DatabaseLocationError(message: "`database` is empty; give a SQLite path or a postgres:// URL")) }
            return .success(.sqlite(path: text))
        }
        return PostgresAddress.parse(text).map { .postgres($0) }
    }

    /// What logs, `status` and the ready line may show: the path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.redacted
        }
    }
}

/// Why a `database:` URL cannot be used.
public struct DatabaseLocationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}
