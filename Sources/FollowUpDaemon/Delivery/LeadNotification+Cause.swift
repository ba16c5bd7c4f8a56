import FollowUpCore

extension LeadNotification {
    /// Whether a timer produced this notification (a reminder, a breach, an
    /// escalation, nurture, an acknowledgement), as opposed to an event.
    /// `lead.unrouted` can be either and is left out.
    var isFromTimer: Bool {
        switch kind {
        case .touchDue, .slaBreached, .nurtureDue, .feedbackDue: true
        case .leadAssigned: reason == .escalated
        // An acknowledgement comes from a capture after hours or a breach; lead.hot from an activity.
        case .leadUnrouted, .leadAcknowledgement, .leadHot: false
        }
    }
}
