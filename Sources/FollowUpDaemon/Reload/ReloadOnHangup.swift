public import ServiceLifecycle
public import Logging
import FollowUpRules
import UnixSignals

/// Reloads the rules and the token file on every SIGHUP (`systemctl reload
/// followupd` sends one through `ExecReload=`). Signals that arrive during a
/// reload are not lost: one more reload follows.
public struct ReloadOnHangup: Service {
    private let reloader: RulesReloader
    private let tokens: BearerTokens?
    private let logger: Logger?

    /// - Parameter api: whose token file to read again (the TCP listeners' tokens).
    public init(reloader: RulesReloader, api: APIServer? = nil, logger: Logger? = nil) {
        self.reloader = reloader
        self.tokens = api?.tokens
        self.logger = logger
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                reloadTokens()
                _ = await reloader.reload()
            }
        }
    }

    /// A token file that cannot be used keeps the tokens in force: a typo must not lock every client out.
    private func reloadTokens() {
        guard let tokens, let file = tokens.file else { return }
        do {
            let count = try tokens.reload()
            logger?.info("token file \(file) reloaded: \(count) tokens in force")
        } catch {
            logger?.error("token file not reloaded, the old tokens stay in force: \(error.message)")
        }
    }
}
