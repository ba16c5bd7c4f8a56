import ServiceLifecycle
import Logging

/// Where a reload asked by signal goes on PostgreSQL (SIGHUP, `systemctl
/// reload`): on the leader, to its reloader (``ReloadOnRequest``); on a
/// standby, which applies nothing, its files are checked and recorded as
/// its own, so status shows at once whether they differ from the rules in
/// force. Putting a standby's files in force is asked through its API
/// (`followupctl reload`): a configuration push that reloads every node
/// must not make each one race to put its files in force.
struct ReloadByRole: Service {
    let requests: AsyncStream<Void>
    let leader: KnownLeader
    /// The leader's reload requests (what ``ReloadOnRequest`` reads once this node leads).
    let leading: AsyncStream<Void>.Continuation
    let check: StandbyRuleCheck
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in requests {
                if leader.tookOver {
                    leading.yield()
                    continue
                }
                switch await check.check() {
                case .recorded(let version):
                    logger.notice("reload on a standby: this node's rule files (version \(version)) are valid and recorded; nothing is put in force here (followupctl reload on this node asks the leader to)")
                case .refused:
                    break  // every problem is logged by the check
                }
            }
        }
        leading.finish()
    }
}
