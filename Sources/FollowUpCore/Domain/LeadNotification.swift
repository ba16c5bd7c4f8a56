/// What a notification is about.
public enum NotificationKind: String, Sendable, Hashable, CaseIterable {
    case leadAssigned = "lead.assigned"
    case touchDue = "touch.due"
    case slaBreached = "sla.breached"
    case leadUnrouted = "lead.unrouted"
    case nurtureDue = "nurture.due"
    case leadAcknowledgement = "lead.acknowledgement"
}

/// Why a notification went to whom it went to.
public enum NotificationReason: String, Sendable, Hashable, CaseIterable {
    /// A new lead.
    case new
    /// The owner is away: a backup got it.
    case ownerUnavailable = "owner_unavailable"
    /// Step 1's deadline passed: the next rep of the chain got it.
    case escalated
    /// A manager reassigned it.
    case manual
    /// The lead has no owner: the policy's fallback receiver got it.
    case unrouted
}

/// One message the daemon owes someone, with a deterministic id.
///
/// `id` is `LEAD:KIND:STEP:N` (STEP 0 when there is none; N counts that lead,
/// kind and step from 1), so a replay or a crash never mints a new one and it
/// travels to relays as the idempotency key.
public struct LeadNotification: Hashable, Sendable {
    public var id: String
    public var at: Instant
    public var kind: NotificationKind
    public var lead: LeadID
    /// A rep id, the fallback receiver's name, or (acknowledgements) the lead's email.
    public var to: String
    public var step: Int?
    public var deadline: Instant?
    public var reason: NotificationReason?

    public init(id: String, at: Instant, kind: NotificationKind, lead: LeadID, to: String,
                step: Int? = nil, deadline: Instant? = nil, reason: NotificationReason? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.lead = lead
        self.to = to
        self.step = step
        self.deadline = deadline
        self.reason = reason
    }
}
