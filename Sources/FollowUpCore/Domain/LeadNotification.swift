/// What a notification is about.
public enum NotificationKind: String, Sendable, Hashable, CaseIterable, Codable {
    case leadAssigned = "lead.assigned"
    case touchDue = "touch.due"
    case slaBreached = "sla.breached"
    case leadUnrouted = "lead.unrouted"
    case nurtureDue = "nurture.due"
    case leadAcknowledgement = "lead.acknowledgement"
    /// An engaged lead has gone `check_in_every` without a status: ask the owner how it stands.
    case feedbackDue = "feedback.due"
    /// A lead not waiting for its first call did something worth `hot_at` points or more.
    case leadHot = "lead.hot"
}

/// Why a notification went to whom it went to.
public enum NotificationReason: String, Sendable, Hashable, CaseIterable, Codable {
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
    /// A snoozed lead woke up: its step (or a check on it) is due again.
    case snoozeEnded = "snooze_ended"
    /// The owner declined the lead.
    case declined
    /// The owner did not accept within the acceptance window.
    case notAccepted = "not_accepted"
    /// An unqualified lead got an email or phone: its cadence starts.
    case qualified
    /// The owner left for good.
    case ownerDeactivated = "owner_deactivated"
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
    /// What `to` names: a rep, the lead, or the fallback receiver.
    public var recipient: RecipientKind
    public var step: Int?
    /// The channel the step asks for (`call`, `email`); present exactly when `step` is.
    public var channel: Channel?
    public var deadline: Instant?
    public var reason: NotificationReason?
    /// `lead.hot`: the activity that made the lead hot, and its score after it.
    public var action: String?
    public var score: Int?
    /// `lead.assigned` with an acceptance window: when it ends.
    public var acceptBy: Instant?

    public init(id: String, at: Instant, kind: NotificationKind, lead: LeadID, to: String,
                recipient: RecipientKind, step: Int? = nil, channel: Channel? = nil, deadline: Instant? = nil, reason: NotificationReason? = nil,
                action: String? = nil, score: Int? = nil, acceptBy: Instant? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.lead = lead
        self.to = to
        self.recipient = recipient
        self.step = step
        self.channel = channel
        self.deadline = deadline
        self.reason = reason
        self.action = action
        self.score = score
        self.acceptBy = acceptBy
    }
}
