import Foundation

/// A PostgreSQL database named the way libpq's URLs name one, so an admin
/// can paste what `psql` takes: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`,
/// or over a Unix socket `postgres://USER@/DB?host=/run/postgresql` (the
/// socket directory; the port picks the socket file `.s.PGSQL.PORT`).
/// `sslmode` is `disable` (the default) or `require` (TLS, the server's
/// certificate checked against the system's roots, or against `sslrootcert=`
/// (a PEM file, as libpq names it), and its name against the host;
/// `verify-full` means the same); libpq's `prefer` and `allow` are refused,
/// because a silent fall back to plain text is not what someone who asked for
/// TLS wants.
public struct PostgresAddress: Hashable, Sendable {
    /// A TCP host, or nil for a Unix socket in ``socketDirectory``.
    public var host: String?
    /// The directory of the server's Unix socket.
    public var socketDirectory: String?
    public var port: Int = 5432
    public var user: String
    public var password: String?
    public var database: String
    /// TLS is required (sslmode=require); without it the connection is plain.
    public var requireTLS: Bool = false
    /// The CA certificates (PEM) the server's certificate must chain to (`sslrootcert=`); nil: the system's.
    public var rootCertificate: String?

    /// The socket file in ``socketDirectory`` for ``port``, as libpq names it.
    public var socketPath: String? {
        socketDirectory.map { "\($0.hasSuffix("/") ? String($0.dropLast()) : $0)/.s.PGSQL.\(port)" }
    }

    /// The URL without the password, for logs, `status` and errors.
    public var redacted: String {
        var text = "postgres://\(user)\(password == nil ? "" : ":***")@\(host.map(Self.bracketed) ?? "")"
        if host != nil { text += ":\(port)" }
        text += "/\(database)"
        var query: [String] = []
        if let socketDirectory { query.append("host=\(socketDirectory)") }
        if host == nil, port != 5432 { query.append("port=\(port)") }
        if requireTLS { query.append("sslmode=require") }
        if let rootCertificate { query.append("sslrootcert=\(rootCertificate)") }
        return query.isEmpty ? text : text + "?" + query.joined(separator: "&")
    }

    static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// Reads a `postgres://` URL; every problem is a sentence an admin can act on.
    public static func parse(_ text: String) -> Result<PostgresAddress, DatabaseLocationError> {
        func failure(_ why: String) -> Result<PostgresAddress, DatabaseLocationError> {
            .failure(DatabaseLocationError(message: "`database` \(RedactedURL.text(text)): \(why)"))
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return failure("control characters are not allowed")
        }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            return failure("not a URL; write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        guard let user = parts.user, !user.isEmpty else {
            return failure("names no user; write postgres://USER@HOST/DATABASE")
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            return failure("names no database (or more than one path part); write postgres://USER@HOST/DATABASE")
        }
        var address = PostgresAddress(host: parts.host.flatMap { $0.isEmpty ? nil : $0 }, port: parts.port ?? 5432,
                                      user: user, password: parts.password, database: database)
        if let port = parts.port, !(1...65535).contains(port) {
            return failure("port \(port) is not between 1 and 65535")
        }
        for item in parts.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "host":
                guard value.hasPrefix("/") else { return failure("`host=` in the query is a socket directory and must start with /") }
                guard address.host == nil else { return failure("names both a host and a socket directory (`host=`); keep one") }
                address.socketDirectory = value
            case "port":
                guard let port = Int(value), (1...65535).contains(port) else { return failure("`port=\(value)` is not between 1 and 65535") }
                address.port = port
            case "sslmode":
                switch value {
                case "disable": address.requireTLS = false
                case "require", "verify-full": address.requireTLS = true
                default: return failure("`sslmode=\(value)` is not supported; use disable or require (TLS with the certificate checked)")
                }
            case "sslrootcert":
                guard value.hasPrefix("/") else { return failure("`sslrootcert=` is a PEM file's absolute path and must start with /") }
                address.rootCertificate = value
            default:
                return failure("unknown parameter `\(item.name)`; known: host (socket directory), port, sslmode, sslrootcert")
            }
        }
        if address.host == nil, address.socketDirectory == nil {
            return failure("names no host; write postgres://USER@HOST/DATABASE, or for a Unix socket postgres://USER@/DATABASE?host=/run/postgresql")
        }
        if address.rootCertificate != nil, !address.requireTLS {
            return failure("`sslrootcert=` without `sslmode=require`: add sslmode=require (or drop sslrootcert)")
        }
        if address.requireTLS, address.host == nil {
            return failure("`sslmode=require` over a Unix socket: TLS is for TCP; drop it or name a host")
        }
        // The socket path must fit sockaddr_un (108 bytes with the NUL).
        if let path = address.socketPath, path.utf8.count > 107 {
            return failure("the socket path \(path) is longer than a Unix socket address may be (107 bytes)")
        }
        return .success(address)
    }
}
