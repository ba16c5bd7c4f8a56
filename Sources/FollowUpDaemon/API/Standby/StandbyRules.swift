import FollowUpCore
import FollowUpPostgres
import FollowUpRules
import Logging

/// The rules a standby answers with (its reports, the dashboard, the rules
/// version in its status): the rules in force the database keeps, which the
/// leader runs, not this node's own files, so every node reports by the same
/// rules. Compiled again only when their version changes; this node's files
/// stand in before any rules are kept, or while the database cannot be read.
actor StandbyRules {
    private let own: LoadedRules
    private let store: PostgresLeadStore
    private let logger: Logger
    private var compiled: Rules?

    init(own: LoadedRules, store: PostgresLeadStore, logger: Logger) {
        self.own = own
        self.store = store
        self.logger = logger
    }

    /// The rules in force now.
    func current() async -> Rules {
        guard let kept = try? await store.rulesInForce(), kept.sources.version != own.rules.version else { return own.rules }
        if let compiled, compiled.version == kept.sources.version { return compiled }
        do {
            let loaded = try RuleSet.load(kept: kept.sources)
            compiled = loaded.rules
            return loaded.rules
        } catch {
            logger.error("standby: the rules in force in the database (version \(kept.sources.version)) do not load here; answering with this node's files: \(error.problems.first?.description ?? "")")
            return own.rules
        }
    }
}
