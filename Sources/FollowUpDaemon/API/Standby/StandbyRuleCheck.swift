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

    /// The 422 answer when the files do not load or cannot be recorded; nil when the leader may go on.
    func refusal() async -> Response? {
        let loaded: LoadedRules
        do {
            loaded = try RuleSet.load(directory: directory)
        } catch {
            let problems = error.problems.map(\.description)
            for problem in problems { logger.error("reload (standby): \(problem)") }
            return JSONResponse.body(status: .unprocessableContent,
                                     ReloadBody(ok: false, at: now(), message: problems.joined(separator: "\n")))
        }
        do {
            try await nodeFiles.recordNodeFiles(loaded.sources)
        } catch {
            logger.error("reload (standby): cannot record this node's rule files in the database: \(error)")
            return JSONResponse.body(status: .unprocessableContent, ReloadBody(
                ok: false, at: now(), message: "cannot record this node's rule files in the database: \(error)"))
        }
        logger.info("reload (standby): rules \(loaded.rules.version) from \(directory) are valid and recorded; the leader puts them in force")
        return nil
    }
}
