public import FollowUpCore
public import FollowUpRules

/// The `sendmail` receiver: the same RFC 5322 message as `smtp`, piped to
/// `sendmail -oi -- ADDRESS` (a lone `.` line is text). The one recipient is
/// an argument after `--`, never read from the headers with `-t`: `-t` would
/// split a To: of `a@x, b@y` into two recipients.
/// Exit 0 is delivered; sendmail's temporary failures (75) are retried, its
/// other sysexits codes are permanent.
public struct SendmailReceiver: Notifier {
    public let name: String
    let settings: SendmailSettings
    let composer: EmailComposer
    /// sendmail runs in a minimal environment (``ChildEnvironment``), read once.
    let environment: [String]

    public init(name: String, settings: SendmailSettings, composer: EmailComposer) {
        self.name = name
        self.settings = settings
        self.composer = composer
        self.environment = ChildEnvironment.make(passing: settings.environment)
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        let message: EmailMessage
        switch await composer.compose(entry.notification) {
        case .success(let m): message = m
        case .failure(let failure): return .permanent(failure.message)
        }
        if let problem = EmailAddress.problem(in: message.recipient) {
            return .permanent("refusing to send: the recipient is not one email address (\(problem))")
        }
        let ending = await ChildProcess.run([settings.path, "-oi", "--", message.recipient], input: Array(message.rendered.utf8),
                                            environment: environment, timeout: .seconds(settings.timeout.seconds))
        return ExecReceiver.result(ending, program: settings.path)
    }
}
