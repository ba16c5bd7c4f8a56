import FollowUpCore
import FollowUpRules
public import FollowUpSystemd
public import Logging

/// Reloads the rules as SIGHUP, `ExecReload` and `followupctl reload` ask:
/// loads and validates the whole rule set first; invalid, the old rules keep
/// running and every problem goes to the log, `STATUS=`, the API and metrics;
/// valid, the roster is merged, the open leads re-planned (one transaction)
/// and the rules swapped under the timeline's lock, all or nothing. Reloads
/// never overlap. On PostgreSQL the files are kept in the database as the
/// rules in force in that same fenced transaction (a new leader runs them),
/// and a reload asked on a standby puts in force the files it validated and
/// recorded (``reload(filesOf:)``), not this node's.
///
/// Nothing already delivered is sent again: re-planning moves only pending
/// times, and notification ids count per step, so an outbox row is never minted twice.
public final class RulesReloader: RulesControl {
    private let directory: String
    private let timeline: Timeline
    private let status: DaemonStatus
    private let manager: ServiceManager
    private let clock: any DaemonClock
    private let logger: Logger
    private let nodeFiles: (any NodeRuleFiles)?
    private let exclusive = ExclusiveAccess()

    /// - Parameters:
    ///   - directory: the rules directory the daemon was started with.
    ///   - nodeFiles: where nodes sharing a database record their own files (PostgreSQL); nil on SQLite.
    public init(directory: String, timeline: Timeline, status: DaemonStatus, manager: ServiceManager,
                clock: any DaemonClock, logger: Logger, nodeFiles: (any NodeRuleFiles)? = nil) {
        self.directory = directory
        self.timeline = timeline
        self.status = status
        self.manager = manager
        self.clock = clock
        self.logger = logger
        self.nodeFiles = nodeFiles
    }

    public func reload() async -> ReloadResult {
        await exclusive.run { await self.reloadNow() }
    }

    public func reload(filesOf node: String) async -> ReloadResult {
        await exclusive.run { await self.reloadRecorded(filesOf: node) }
    }

    private func reloadNow() async -> ReloadResult {
        manager.reloading(status: "reloading rules from \(directory)")
        logger.info("reloading rules from \(directory)")
        let loaded: LoadedRules
        do {
            loaded = try RuleSet.load(directory: directory)
        } catch {
            return await refused(error.problems.map(\.description))
        }
        do {
            try await nodeFiles?.recordNodeFiles(loaded.sources)
        } catch {
            logger.warning("reload: cannot record this node's rule files in the database: \(error)")
        }
        return await putInForce(loaded, from: directory)
    }

    /// Puts in force the files another node validated and recorded (a reload
    /// asked on a standby, which forwarded it here): the leader never swaps
    /// in its own files for them.
    private func reloadRecorded(filesOf node: String) async -> ReloadResult {
        guard let nodeFiles else { return await reloadNow() }
        manager.reloading(status: "reloading rules from the files of \(node)")
        logger.info("reloading rules from the files \(node) recorded")
        let recorded: RuleSources
        do {
            guard let found = try await nodeFiles.nodeFiles(of: node) else {
                return await refused(["node \(node) recorded no rule files in the database; reload on it again"])
            }
            recorded = found
        } catch {
            return await refused(["cannot read the rule files of \(node) from the database: \(error)"])
        }
        let loaded: LoadedRules
        do {
            loaded = try RuleSet.load(kept: recorded)
        } catch {
            return await refused(error.problems.map { "\(node): \($0.description)" })
        }
        return await putInForce(loaded, from: "the files of \(node)")
    }

    private func refused(_ problems: [String]) async -> ReloadResult {
        let running = await timeline.rules.version
        for problem in problems { logger.error("reload: \(problem)") }
        let result = ReloadResult(at: clock.now(), succeeded: false, message: problems.joined(separator: "\n"))
        status.recordReload(result, version: nil)
        manager.ready(status: "reload FAILED, rules \(running) still in force: \(problems.first ?? "unknown problem")")
        return result
    }

    private func putInForce(_ loaded: LoadedRules, from place: String) async -> ReloadResult {
        let running = await timeline.rules.version
        for note in loaded.notes { logger.notice("reload: \(note)") }
        let result: ReloadResult
        do {
            let report = try await timeline.replaceRules(loaded.rules, sources: loaded.sources)
            let message = "rules \(loaded.rules.version) in force (were \(running)); "
                + "re-planned \(report.movedCount) of \(report.examined) open leads"
            logger.info("\(message) (from \(place))")
            result = ReloadResult(at: clock.now(), succeeded: true, message: message)
            status.recordReload(result, version: loaded.rules.version)
            manager.ready(status: "reloaded: \(message)")
        } catch {
            logger.error("reload: cannot put the new rules in force: \(error); rules \(running) still in force")
            result = ReloadResult(at: clock.now(), succeeded: false,
                                  message: "cannot put the new rules in force: \(error)")
            status.recordReload(result, version: nil)
            manager.ready(status: "reload FAILED, rules \(running) still in force: \(error)")
        }
        return result
    }

    public func preview(sources: [(name: String, text: String)], keep: Int) async throws -> RulesPreview {
        let loaded: LoadedRules
        do {
            loaded = try RuleSet.load(sources: sources)
        } catch {
            return .invalid(problems: error.problems.map(\.description))
        }
        let running = await timeline.rules.version
        let report = try await timeline.previewRules(loaded.rules, keep: keep)
        return .valid(running: running, candidate: loaded.rules.version, report: report)
    }
}
