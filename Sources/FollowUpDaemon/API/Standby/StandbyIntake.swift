import FollowUpCore

/// A standby's event intake: it applies nothing. ``LeaderForwarding`` sends
/// `POST /v1/events` to the leader before it gets here; this answers if a
/// write ever slips past it.
struct StandbyIntake: EventIntake {
    func submit(_ events: [PendingEvent], source: String) async throws -> [AcceptedEvent] {
        throw APIError.retryLater("no leader yet: this node is a standby and applies no events; retry")
    }

    func submit(_ events: [PendingEvent], source: String, once: IdempotentRequest) async throws -> String {
        throw APIError.retryLater("no leader yet: this node is a standby and applies no events; retry")
    }
}
