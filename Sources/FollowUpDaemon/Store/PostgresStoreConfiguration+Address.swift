import FollowUpPostgres
import FollowUpRules

extension PostgresStoreConfiguration {
    /// The store's connection settings from `database: postgres://…` as the config file was read.
    init(_ address: PostgresAddress) {
        self.init(host: address.host, port: address.port, unixSocketPath: address.socketPath, username: address.user,
                  password: address.password, database: address.database)
    }
}
