import FollowUpDaemon
import ServiceLifecycle
import UnixSignals

/// Asks the daemon to reload its rules and token file on every SIGHUP
/// (`systemctl reload followupd` sends one through `ExecReload=`).
struct ReloadOnHangup: Service {
    /// Trapped before the group starts, so a SIGHUP that comes early reloads
    /// instead of killing the process (SIGHUP's default action).
    let hangups: UnixSignalsSequence
    let daemon: Daemon

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in hangups { daemon.reload() }
        }
    }
}
