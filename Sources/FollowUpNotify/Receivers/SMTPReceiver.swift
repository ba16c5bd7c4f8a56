public import FollowUpCore
public import FollowUpRules

/// The `smtp` receiver: an RFC 5322 message (subject and body from the
/// templates, Message-ID from the notification id) to the rep's address (or
/// the lead's, for acknowledgements), through an SMTP relay.
///
/// Delivered when the relay accepts the DATA (250). A 5xx reply is permanent,
/// a 4xx reply, a timeout or a network error is retried. A recipient without
/// an address is permanent.
public struct SMTPReceiver: Notifier {
    public let name: String
    let client: SMTPClient
    let composer: EmailComposer

    public init(name: String, settings: SMTPSettings, composer: EmailComposer) throws {
        self.name = name
        self.client = try SMTPClient(settings: settings)
        self.composer = composer
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        let message: EmailMessage
        switch await composer.compose(entry.notification) {
        case .success(let m): message = m
        case .failure(let failure): return .permanent(failure.message)
        }
        do {
            try await client.send(message)
            return .delivered
        } catch let failure as SMTPFailure {
            return failure.permanent ? .permanent(failure.message) : .retry(failure.message)
        } catch {
            return .retry("\(client.settings.host):\(client.settings.port): \(error)")
        }
    }
}
