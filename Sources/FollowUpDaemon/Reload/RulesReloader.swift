import FollowUpCore
import FollowUpRules
public import FollowUpSystemd
public import Logging

/// Reloads the rules as SIGHUP, `ExecReload` and `followupctl reload` ask:
/// loads and validates the whole rule set first; invalid, the old rules keep
/// running and every problem goes to the log, `STATUS=`, the API and metrics;
/// valid, the roster is merged, the open leads re-planned (one transaction)
/// and the rules swapped under the timeline's lock, all or nothing. Reloads
/// never overlap.
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
    private let exclusive = ExclusiveAccess()

    /// - Parameter directory: the rules directory the daemon was started with.
    public init(directory: String, timeline: Timeline, status: DaemonStatus, manager: ServiceManager,
                clock: any DaemonClock, logger: Logger) {
        self.directory = directory
        self.timeline = timeline
        self.status = status
        self.manager = manager
        self.clock = clock
        self.logger = logger
    }

    public func reload() async -> ReloadResult {
        await exclusive.run { await self.reloadNow() }
    }

    private func reloadNow() async -> ReloadResult {
        manager.reloading(status: "reloading rules from \(directory)")
        logger.info("reloading rules from \(directory)")
        let running = await timeline.rules.version
        let result: ReloadResult
        let loaded: LoadedRules
        do {
            loaded = try RuleSet.load(directory: directory)
        } catch {
            let problems = error.problems.map(\.description)
            for problem in problems { logger.error("reload: \(problem)") }
            result = ReloadResult(at: clock.now(), succeeded: false, message: problems.joined(separator: "\n"))
            status.recordReload(result, version: nil)
            manager.ready(status: "reload FAILED, rules \(running) still in force: \(problems.first ?? "unknown problem")")
            return result
        }
        for note in loaded.notes { logger.notice("reload: \(note)") }
        do {
            let report = try await timeline.replaceRules(loaded.rules)
            let message = "rules \(loaded.rules.version) in force (were \(running)); "
                + "re-planned \(report.movedCount) of \(report.examined) open leads"
            logger.info("\(message)")
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
