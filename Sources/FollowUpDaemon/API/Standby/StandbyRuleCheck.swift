import FollowUpCore
import FollowUpRules
import FollowUpWire
import Hummingbird
import Logging

/// What a standby does with `POST /v1/rules/reload` before it forwards it
/// (issue 14): a reload asked on any node is validated THERE, against that
/// node's own rule files, so a bad file is refused with its place
/// (`FILE:LINE:COL`) by the node that has it and nothing changes anywhere.
/// Valid, the files are recorded in the database as this node's, and the
/// leader puts that record in force (the forwarded request names this node).
struct StandbyRuleCheck: Sendable {
    /// The rules directory this node was started with.
    let directory: String
    let nodeFiles: any NodeRuleFiles
    let now: @Sendable () -> Instant
    let logger: Logger

    /// What checking this node's files found.
    enum Outcome: Sendable {
        /// They load and are recorded: the version they compile to.
        case recorded(version: String)
        /// Why not: every problem (`FILE:LINE:COL: …`), or why recording failed.
        case refused(message: String)
    }

    /// The 422 answer when the files do not load or cannot be recorded; nil when the leader may go on.
    func refusal() async -> Response? {
        switch await check() {
        case .recorded(let version):
            logger.info("reload (standby): rules \(version) from \(directory) are valid and recorded; the leader puts them in force")
            return nil
        case .refused(let message):
            return JSONResponse.body(status: .unprocessableContent, ReloadBody(ok: false, at: now(), message: message))
        }
    }

    /// Loads this node's rule files and records them as its own.
    func check() async -> Outcome {
        let loaded: LoadedRules
        do {
            loaded = try RuleSet.load(directory: directory)
        } catch {
            let problems = error.problems.map(\.description)
            for problem in problems { logger.error("reload (standby): \(problem)") }
            return .refused(message: problems.joined(separator: "\n"))
        }
        do {
            try await nodeFiles.recordNodeFiles(loaded.sources)
        } catch {
            logger.error("reload (standby): cannot record this node's rule files in the database: \(error)")
            return .refused(message: "cannot record this node's rule files in the database: \(error)")
        }
        return .recorded(version: loaded.rules.version)
    }
}
