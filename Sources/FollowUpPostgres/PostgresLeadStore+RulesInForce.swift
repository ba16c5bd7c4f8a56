public import FollowUpCore
import PostgresNIO

/// The rules in force, kept in the database so that every node runs the same
/// rules whatever its own files say (issue 14), and each node's own files as
/// it last read them. This store's node is ``PostgresStoreConfiguration/holder``
/// (the daemon sets it to the lease's holder name).
extension PostgresLeadStore {
    /// What ``putInForce(engine:previous:roster:progress:)`` does, and `sources`
    /// recorded as the rules in force in the same fenced transaction: the new
    /// rules, the roster and the re-planned leads commit together or not at all.
    /// - Parameter sources: the files the rules were compiled from (``RuleSources/node``: whose; nil, this node's).
    public func putInForce(engine: Engine, previous: Rules, roster: [Rep], sources: RuleSources,
                           progress: @escaping @Sendable () -> Void) async throws -> ReplanReport {
        let putBy = configuration.holder
        return try await transaction { session, cache, tallies in
            for rep in roster { cache.team.upsert(rep) }
            let report = try Self.replanOpenLeads(engine: engine, previous: previous, keep: 0, commit: true, session,
                                                  &tallies, progress: progress)
            try Self.keep(sources, putBy: putBy, replacing: true, session)
            return report
        }
    }

    /// Records `sources` (this node's files) as the rules in force, in a fenced
    /// transaction without a re-plan: when none are kept (a database's first
    /// leader), or, `replacing`, over the ones kept (which this followupd cannot
    /// compile). Returns what is in force after.
    public func keepRulesInForce(_ sources: RuleSources, replacing: Bool = false) async throws -> KeptRules {
        let node = configuration.holder
        try await transaction { session, _, _ in
            try Self.keep(sources, putBy: node, replacing: replacing, session)
        }
        guard let kept = try await rulesInForce() else {
            throw PostgresStoreError.data(table: "rules_in_force", key: "rules", message: "the row written is gone")
        }
        return kept
    }

    private static func keep(_ sources: RuleSources, putBy: String, replacing: Bool, _ session: PostgresSession) throws {
        let names = sources.files.map(\.name)
        let texts = sources.files.map(\.text)
        let onConflict = replacing
            ? """
              DO UPDATE SET version = excluded.version, file_names = excluded.file_names, file_texts = excluded.file_texts,
                  files_of = excluded.files_of, put_by = excluded.put_by, put_at = now()
              """
            : "DO NOTHING"
        try session.query(PostgresQuery(unsafeSQL: """
            INSERT INTO rules_in_force (name, version, file_names, file_texts, files_of, put_by)
            VALUES ('rules', $1, $2, $3, $4, $5) ON CONFLICT (name) \(onConflict)
            """, binds: try binds(sources.version, names, texts, sources.node ?? putBy, putBy)))
    }

    /// The rules in force, or nil before any node put rules in force.
    public func rulesInForce() async throws -> KeptRules? {
        try await rows("""
            SELECT version, file_names, file_texts, files_of, put_by, extract(epoch FROM put_at)::bigint
            FROM rules_in_force WHERE name = 'rules'
            """).first.map { row in
            let (version, names, texts, filesOf, putBy, putAt) = try row.decode((String, [String], [String], String, String, Int64).self)
            return KeptRules(sources: try Self.sources(version, names, texts, node: filesOf), filesOf: filesOf, putBy: putBy,
                             putAt: Instant(secondsSinceEpoch: putAt))
        }
    }

    /// Records this node's own rule files as it just read them (at start and
    /// on each reload): one row per node, outside any fenced transaction (a
    /// standby writes its own row). `since` moves only when the files changed.
    public func recordNodeFiles(_ sources: RuleSources) async throws {
        let node = configuration.holder
        let connection = LeaderLease.applicationName(node)
        let names = sources.files.map(\.name)
        let texts = sources.files.map(\.text)
        let binds = try Self.binds(node, connection, sources.version, names, texts)
        try await writer.run { session in
            try session.query(PostgresQuery(unsafeSQL: """
                INSERT INTO node_rules (node, lease_connection, version, file_names, file_texts)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT (node) DO UPDATE SET
                    lease_connection = excluded.lease_connection, file_names = excluded.file_names,
                    file_texts = excluded.file_texts, read_at = now(),
                    since = CASE WHEN node_rules.version = excluded.version THEN node_rules.since ELSE now() END,
                    version = excluded.version
                """, binds: binds))
            // Rows of nodes long gone (each start is a new name): kept a week for the record.
            try session.query("""
                DELETE FROM node_rules WHERE read_at < now() - interval '7 days'
                    AND lease_connection NOT IN (SELECT application_name FROM pg_stat_activity WHERE application_name IS NOT NULL)
                """)
        }
    }

    /// The rule files `node` recorded last (``recordNodeFiles(_:)``), or nil when it recorded none.
    public func nodeFiles(of node: String) async throws -> RuleSources? {
        try await rows("SELECT version, file_names, file_texts FROM node_rules WHERE node = \(node)").first.map { row in
            let (version, names, texts) = try row.decode((String, [String], [String]).self)
            return try Self.sources(version, names, texts, node: node)
        }
    }

    /// The running nodes (their lease connection is open) whose own files are
    /// not the rules in force, by name; none before any rules are in force.
    public func nodesWithOtherFiles() async throws -> [NodeFiles] {
        try await rows("""
            SELECT n.node, n.version, extract(epoch FROM n.since)::bigint FROM node_rules n, rules_in_force r
            WHERE r.name = 'rules' AND n.version <> r.version
                AND n.lease_connection IN (SELECT application_name FROM pg_stat_activity WHERE application_name IS NOT NULL)
            ORDER BY n.node
            """).map { row in
            let (node, version, since) = try row.decode((String, String, Int64).self)
            return NodeFiles(node: node, version: version, since: Instant(secondsSinceEpoch: since))
        }
    }

    private static func sources(_ version: String, _ names: [String], _ texts: [String], node: String) throws -> RuleSources {
        guard names.count == texts.count else {
            throw PostgresStoreError.data(table: "rules", key: version,
                                          message: "\(names.count) file names but \(texts.count) texts")
        }
        return RuleSources(files: zip(names, texts).map { RuleSources.File(name: $0, text: $1) }, version: version, node: node)
    }

    private static func binds(_ values: any PostgresEncodable...) throws -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { try binds.append(value) }
        return binds
    }
}
