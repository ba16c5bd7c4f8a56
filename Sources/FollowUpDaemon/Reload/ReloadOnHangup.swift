public import ServiceLifecycle
import UnixSignals

/// Reloads the rules on every SIGHUP (`systemctl reload followupd` sends one
/// through `ExecReload=`). Signals that arrive during a reload are not lost:
/// one more reload follows.
public struct ReloadOnHangup: Service {
    private let reloader: RulesReloader

    public init(reloader: RulesReloader) {
        self.reloader = reloader
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                _ = await reloader.reload()
            }
        }
    }
}
