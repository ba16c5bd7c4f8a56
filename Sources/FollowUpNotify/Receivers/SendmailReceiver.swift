public import FollowUpCore
public import FollowUpRules

/// The `sendmail` receiver: the same RFC 5322 message as `smtp`, piped to
/// `sendmail -t -oi` (recipients from the headers; a lone `.` line is text).
/// Exit 0 is delivered; sendmail's temporary failures (75) are retried, its
/// other sysexits codes are permanent.
public struct SendmailReceiver: Notifier {
    public let name: String
    let settings: SendmailSettings
    let composer: EmailComposer

    public init(name: String, settings: SendmailSettings, composer: EmailComposer) {
        self.name = name
        self.settings = settings
        self.composer = composer
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        let message: EmailMessage
        switch await composer.compose(entry.notification) {
        case .success(let m): message = m
        case .failure(let failure): return .permanent(failure.message)
        }
        let ending = await ChildProcess.run([settings.path, "-t", "-oi"], input: Array(message.rendered.utf8),
                                            timeout: .seconds(settings.timeout.seconds))
        return ExecReceiver.result(ending, program: settings.path)
    }
}
