import GRDB

/// The store's tables, built by named, append-only migrations.
///
/// A migration is never edited once it has shipped: a change to the schema is
/// a new migration (`v2`, …) appended to ``migrator``. Instants are INTEGER
/// seconds since the Unix epoch, in every table.
enum Schema {
    /// `PRAGMA application_id` of every followupd store ("FUPD"): tells our
    /// files from other programs' SQLite databases.
    static let applicationID: Int32 = 0x4655_5044

    /// Every migration, in order.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createV1)
        migrator.registerMigration("v2-step-opened-at", migrate: addStepOpenedAt)
        migrator.registerMigration("v3-delivery", migrate: createDelivery)
        migrator.registerMigration("v4-insert-tallies-in-code", migrate: dropInsertTallyTriggers)
        migrator.registerMigration("v5-delivered-tallies-in-code", migrate: countDeliveriesInCode)
        migrator.registerMigration("v6-follow-through", migrate: addFollowThrough)
        migrator.registerMigration("v7-people-and-routing", migrate: addPeopleAndRouting)
        migrator.registerMigration("v8-status-tallies-in-code", migrate: countStatusChangesInCode)
        migrator.registerMigration("v9-rep-events-index", migrate: indexRepEvents)
        migrator.registerMigration("v10-erased-leads", migrate: addErasedLeads)
        // v11 is left to the retention change being written alongside; numbers only need to be unique and ordered.
        migrator.registerMigration("v11-won-value", migrate: WonValueMigration.migrate)
        migrator.registerMigration("v12-idempotency-keys", migrate: addIdempotencyKeys)
        migrator.registerMigration("v13-notification-recipient", migrate: RecipientMigration.migrate)
        migrator.registerMigration("v14-idempotency-keys-age", migrate: indexIdempotencyKeyAge)
        migrator.registerMigration("v16-report-aggregates", migrate: ReportAggregatesMigration.migrate)
        migrator.registerMigration("v17-report-groups", migrate: ReportGroupsMigration.migrate)
        migrator.registerMigration("v18-report-fine-bins", migrate: refileReportBins)
        return migrator
    }()

    /// Checks the file is ours (or new) and not newer than this code, then
    /// brings it up to date, one migration at a time, each announced to
    /// `migrating` first. Opening a current file changes nothing.
    static func prepare(_ pool: DatabasePool, path: String, migrating: (@Sendable (MigrationStep) -> Void)? = nil) throws {
        let (applicationID, tables, superseded) = try pool.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0,
             try migrator.appliedIdentifiers(db).subtracting(migrator.migrations))
        }
        if tables > 0, applicationID != Self.applicationID {
            throw StoreFileError(path: path, reason: .foreignDatabase)
        }
        if !superseded.isEmpty {
            throw StoreFileError(path: path, reason: .newerThanCode(migrations: superseded.sorted()))
        }
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        let pending = migrator.migrations.filter { !applied.contains($0) }
        for (index, identifier) in pending.enumerated() {
            migrating?(MigrationStep(identifier: identifier, index: index + 1, count: pending.count))
            try migrator.migrate(pool, upTo: identifier)
        }
    }
}
