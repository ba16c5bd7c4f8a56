import Foundation
public import FollowUpRules
import NIOSSL
import PostgresNIO

/// Where the PostgreSQL store's database is, how to reach it and who this node is.
public struct PostgresStoreConfiguration: Sendable, Hashable {
    /// The server's host name; nil when ``unixSocketPath`` is set.
    public var host: String?
    /// The server's TCP port (also names the socket file: `.s.PGSQL.PORT`).
    public var port: Int
    /// The server's socket file (`/run/postgresql/.s.PGSQL.5432`); wins over ``host``.
    public var unixSocketPath: String?
    /// The role followupd connects as; it owns the tables.
    public var username: String
    /// Nil for `trust` or peer authentication.
    public var password: String?
    /// The database holding followupd's tables (created by the admin; the tables by the store).
    public var database: String
    /// This node's name in the `lease` table (the holder of the lease when it leads); the host name by default.
    public var holder: String
    /// TLS over TCP: off, or required with the server's certificate and name checked.
    public var tls: TLSMode

    /// Whether a TCP connection is encrypted.
    public enum TLSMode: Sendable, Hashable {
        /// Plain TCP (a Unix socket, a trusted network).
        case disabled
        /// TLS or no connection: the certificate must chain to the CA certificates
        /// in `rootCertificate` (a PEM file), or the system's when nil, and name the host.
        case required(rootCertificate: String?)
    }

    /// A configuration from its parts; see ``init(url:holder:)`` for the `database:` URL.
    public init(host: String? = nil, port: Int = 5432, unixSocketPath: String? = nil, username: String,
                password: String? = nil, database: String, holder: String? = nil, tls: TLSMode = .disabled) {
        self.host = host
        self.port = port
        self.unixSocketPath = unixSocketPath
        self.username = username
        self.password = password
        self.database = database
        self.holder = holder ?? ProcessInfo.processInfo.hostName
        self.tls = tls
    }

    /// Reads a `database:` URL the way the config file does
    /// (``FollowUpRules/PostgresAddress/parse(_:)``: one reader, one set of
    /// messages): `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or the
    /// socket form libpq reads, `postgres://USER@/DATABASE?host=/run/postgresql`.
    /// - Throws: ``PostgresStoreError/badURL(_:reason:)`` naming what is wrong, without the password.
    public init(url text: String, holder: String? = nil) throws {
        switch PostgresAddress.parse(text) {
        case .success(let address): self.init(address, holder: holder)
        case .failure(let problem): throw PostgresStoreError.badURL(RedactedURL.text(text), reason: problem.message)
        }
    }

    /// The connection settings of a `database:` URL the config file read.
    public init(_ address: PostgresAddress, holder: String? = nil) {
        self.init(host: address.host, port: address.port, unixSocketPath: address.socketPath, username: address.user,
                  password: address.password, database: address.database, holder: holder,
                  tls: address.requireTLS ? .required(rootCertificate: address.rootCertificate) : .disabled)
    }

    /// What one connection of ours asks for: durable commits whatever the server's default.
    /// - Throws: ``PostgresStoreError/tls(_:)`` when the CA file cannot be read.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration = if let unixSocketPath {
            PostgresConnection.Configuration(unixSocketPath: unixSocketPath, username: username, password: password,
                                             database: database)
        } else {
            PostgresConnection.Configuration(host: host ?? "localhost", port: port, username: username,
                                             password: password, database: database,
                                             tls: try tlsConfiguration().map { .require(try Self.context($0)) } ?? .disable)
        }
        configuration.options.additionalStartupParameters = Self.startupParameters
        return configuration
    }

    /// The pool's configuration (reads and the outbox's admin calls).
    func clientConfiguration() throws -> PostgresClient.Configuration {
        var configuration = if let unixSocketPath {
            PostgresClient.Configuration(unixSocketPath: unixSocketPath, username: username, password: password,
                                         database: database)
        } else {
            PostgresClient.Configuration(host: host ?? "localhost", port: port, username: username,
                                         password: password, database: database,
                                         tls: try tlsConfiguration().map { .require($0) } ?? .disable)
        }
        configuration.options.additionalStartupParameters = Self.startupParameters
        return configuration
    }

    /// Full verification (chain and host name); the CA file read now, so a
    /// missing or unreadable one stops the start with its name, not the first
    /// query. (The store asks for ``connectionConfiguration()`` first, whose
    /// context checks the rest of the setup before the pool is made.)
    private func tlsConfiguration() throws -> TLSConfiguration? {
        guard case .required(let rootCertificate) = tls else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if let rootCertificate {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificate))
            } catch {
                throw PostgresStoreError.tls("cannot read the CA certificates in \(rootCertificate) (sslrootcert): \(error)")
            }
        }
        return configuration
    }

    private static func context(_ configuration: TLSConfiguration) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw PostgresStoreError.tls("cannot set up TLS: \(error)")
        }
    }

    /// "Acknowledged" means committed to disk: a commit waits for its WAL flush.
    static let startupParameters = [("synchronous_commit", "on"), ("application_name", "followupd")]
}
