public import FollowUpCore

/// How notifications travel: routes (who gets what, decided when a
/// notification is minted), the fallback for a failing receiver, retries,
/// dead letters, and the message templates.
public struct DeliveryConfig: Sendable, Hashable {
    /// Tried in order, first match wins; none (or no match) means every receiver.
    public var routes: [NotificationRoute]
    /// Retries, dead-letter age and the fallback receiver.
    public var policy: DeliveryPolicy
    /// The Mustache templates directory; read (and checked) when an email receiver is configured.
    public var templates: String

    public init(routes: [NotificationRoute] = [], policy: DeliveryPolicy = DeliveryPolicy(),
                templates: String = "/etc/followup/templates") {
        self.routes = routes
        self.policy = policy
        self.templates = templates
    }
}
