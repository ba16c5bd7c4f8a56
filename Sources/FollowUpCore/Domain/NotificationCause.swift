/// What minted a notification: a timer coming due (a reminder, a breach, an
/// escalation, nurture, a check-in) or an event someone sent. Delivery
/// measures fire lag only for the first kind: an event's notification is
/// late by however long the sender waited, which is not the daemon's lag.
public enum NotificationCause: String, Sendable, Hashable {
    case timer, event
}

extension LeadNotification {
    /// What minted this notification, read from its kind and reason: the
    /// engine mints most kinds from one place only. `lead.assigned` comes
    /// from a timer when the first touch was missed (`escalated`) or the
    /// acceptance window closed (`not_accepted`), from an event otherwise;
    /// `owner_unavailable` can be either (a rep marked away, or their planned
    /// absence starting) and counts as an event, so fire lag is never
    /// measured from an instant that was not a timer's. `lead.unrouted`,
    /// acknowledgements and `lead.hot` count as events: an unrouted lead and
    /// an acknowledgement can follow a breach, whose own lag is measured.
    public var cause: NotificationCause {
        switch kind {
        case .touchDue, .slaBreached, .nurtureDue, .feedbackDue: .timer
        case .leadAssigned: reason == .escalated || reason == .notAccepted ? .timer : .event
        case .leadUnrouted, .leadAcknowledgement, .leadHot: .event
        }
    }
}
