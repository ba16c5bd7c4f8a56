import FollowUpCore
import Logging
import FollowUpPostgres
import FollowUpRules
import FollowUpSystemd
import FollowUpWire

/// The rules in force live in the database (issue 14): a node that takes the
/// lease runs them, not its own files, so two nodes with different files
/// never run different rules one after the other.
extension Daemon {
    /// The rules this new leader runs: the ones the database keeps, compiled
    /// from the texts kept there; this node's files when none are kept yet
    /// (they are kept now, fenced). Files that differ are logged as a warning
    /// and left alone: a reload on this node puts them in force.
    func adoptRulesInForce(_ store: PostgresLeadStore, manager: ServiceManager) async throws -> LoadedRules {
        let own = rules
        let kept = try await store.keepRulesInForce(own.sources)
        guard kept.sources.version != own.rules.version else { return own }
        let whose = "the files of \(kept.filesOf), put in force by \(kept.putBy) at \(kept.putAt)"
        do {
            let loaded = try RuleSet.load(kept: kept.sources)
            logger.warning("""
                this node's rule files (\(config.rules), version \(own.rules.version)) differ from the rules in force \
                in the database (version \(loaded.rules.version), \(whose)): running the database's rules; \
                reload on this node (followupctl reload) to put its files in force
                """)
            manager.status("leading with the database's rules \(loaded.rules.version); this node's files differ (\(own.rules.version))")
            return loaded
        } catch {
            // A followupd that cannot compile the kept rules (a rule this version refuses) must still lead.
            let problems = error.problems.map(\.description).joined(separator: "; ")
            logger.error("""
                the rules in force in the database (version \(kept.sources.version), \(whose)) do not load here: \
                \(problems); putting this node's files (version \(own.rules.version)) in force instead
                """)
            _ = try await store.keepRulesInForce(own.sources, replacing: true)
            return own
        }
    }
}

extension NodeBody {
    /// Also says which rules are in force and which running nodes' files differ (read from `store`; empty when it cannot be read).
    init(role: String, name: String, leader: String?, epoch: Int64, leaseAgeSeconds: Double?, clockOffsetSeconds: Double?,
         rules store: PostgresLeadStore) async {
        let inForce = try? await store.rulesInForce()
        let others = (try? await store.nodesWithOtherFiles()) ?? []
        self.init(role: role, name: name, leader: leader, epoch: epoch, leaseAgeSeconds: leaseAgeSeconds,
                  clockOffsetSeconds: clockOffsetSeconds, rulesInForce: inForce?.sources.version,
                  nodesWithOtherFiles: others.map { NodeFilesBody(node: $0.node, version: $0.version, since: $0.since) })
    }
}
