public import FollowUpCore

/// How notifications travel: routes (who gets what, decided when a
/// notification is minted), the fallback for a failing receiver, retries,
/// dead letters, and the message templates.
public struct DeliveryConfig: Sendable, Hashable {
    /// Tried in order, first match wins; none (or no match) means every receiver.
    public var routes: [NotificationRoute]
    /// Retries, dead-letter age and the fallback receiver.
    public var policy: DeliveryPolicy
    /// The Mustache templates directory; read (and checked) when an email, Slack or Teams receiver is configured.
    public var templates: String
    /// A link to a lead in the CRM (`lead_url`), with `{lead}` standing for
    /// the lead's id: messages link to the lead when it is set.
    public var leadURL: String?

    public init(routes: [NotificationRoute] = [], policy: DeliveryPolicy = DeliveryPolicy(),
                templates: String = "/etc/followup/templates", leadURL: String? = nil) {
        self.routes = routes
        self.policy = policy
        self.templates = templates
        self.leadURL = leadURL
    }
}
