public import FollowUpCore
public import FollowUpRules

/// The `slack` and `teams` receivers: a readable message (``SlackPayload``,
/// ``TeamsPayload``) POSTed to the incoming-webhook URL read from `url_file`,
/// through the webhook receiver's HTTP path — its client, timeout,
/// `Idempotency-Key`, and its reading of the answer (2xx delivered; 408, 429,
/// 5xx and network errors retried; other statuses, such as Slack's 404
/// `channel_not_found` or 410 `channel_is_archived`, dead letters).
///
/// The URL is the channel's credential: failures name the file, never the URL.
public struct ChatReceiver: Notifier {
    /// Which service's message shape.
    public enum Service: String, Sendable {
        case slack, teams

        func body(_ summary: MessageSummary) -> [UInt8] {
            switch self {
            case .slack: SlackPayload.body(summary)
            case .teams: TeamsPayload.body(summary)
            }
        }
    }

    public let name: String
    let service: Service
    let transport: WebhookReceiver
    let composer: ChatComposer

    /// - Throws: ``ChatURLError`` when the file holds no http(s) URL now.
    public init(name: String, service: Service, settings: ChatSettings, inFlight: Int, composer: ChatComposer) throws {
        guard let url = ChatWebhookURL.read(settings.urlFile) else { throw ChatURLError(path: settings.urlFile) }
        self.name = name
        self.service = service
        self.composer = composer
        self.transport = WebhookReceiver(name: name, url: url, label: "the \(service.rawValue) webhook of \(settings.urlFile)",
                                         signature: nil, timeout: settings.timeout, headers: [], batch: 1, inFlight: inFlight)
    }

    public func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        let summary = await composer.summary(entry.notification)
        return await transport.post(WebhookBody(bytes: service.body(summary), notification: entry.notification.id))
    }

    public func shutdown() async {
        await transport.shutdown()
    }
}

/// The `url_file` cannot be read or holds no http(s) URL (its content is not quoted).
public struct ChatURLError: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path): cannot read an http:// or https:// incoming-webhook URL from it" }
}
