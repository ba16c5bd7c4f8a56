import FollowUpCore

extension LeadNotification {
    /// Whether a timer produced this notification (a reminder, a breach, an
    /// escalation, nurture, an acknowledgement), as opposed to an event.
    /// `lead.unrouted` can be either and is left out.
    var isFromTimer: Bool {
        switch kind {
        case .touchDue, .slaBreached, .nurtureDue, .leadAcknowledgement: true
        case .leadAssigned: reason == .escalated
        case .leadUnrouted: false
        }
    }
}
