public import FollowUpCore
import FollowUpFormats
public import FollowUpRules

/// The `exec` receiver: runs an admin's command (no shell) with the
/// notification's JSON line on stdin, in a minimal environment (``ChildEnvironment``).
///
/// Exit 0 is delivered. Exit 75 (EX_TEMPFAIL), a signal, a timeout, or any
/// exit status outside sysexits' 64–78 is retried; the other sysexits codes
/// (64 usage, 65 data error, 67 no user, …) are permanent, as is a program
/// that cannot be started.
public struct ExecReceiver: Notifier {
    public let name: String
    let settings: ExecSettings
    /// Read once: the daemon's environment does not change while it runs.
    let environment: [String]

    public init(name: String, settings: ExecSettings) {
        self.name = name
        self.settings = settings
        self.environment = ChildEnvironment.make(passing: settings.environment)
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        var input = Array(entry.notification.jsonLine.utf8)
        input.append(0x0A)
        let ending = await ChildProcess.run(settings.command, input: input, environment: environment, timeout: .seconds(settings.timeout.seconds))
        return Self.result(ending, program: settings.command[0])
    }

    static func result(_ ending: ChildProcess.Ending, program: String) -> DeliveryResult {
        switch ending {
        case .exited(0, _): return .delivered
        case .exited(let code, let stderr) where (64...78).contains(code) && code != 75 && code != 69 && code != 74:
            return .permanent("\(program) exited \(code)\(stderr.isEmpty ? "" : ": \(stderr)")")
        case .exited(let code, let stderr): return .retry("\(program) exited \(code)\(stderr.isEmpty ? "" : ": \(stderr)")")
        case .signalled(let signal, _): return .retry("\(program) was killed by signal \(signal)")
        case .timedOut: return .retry("\(program) did not finish in time and was killed")
        case .failedToStart(let why): return .permanent(why)
        }
    }
}
