public import FollowUpCore
import FollowUpFormats
/// One notification about a lead, as the outbox has it: when, what, for which
/// step, to whom and why. Reports count breaches, moves, offers, check-ins
/// and hot signals from these.
public struct NoticeFact: Sendable, Hashable {
    public var at: Instant
    public var kind: NotificationKind
    public var step: Int?
    /// A rep id, or the fallback receiver's name for a lead without owner.
    public var to: String
    /// Nil when the notification has none, or one this build does not know.
    public var reason: NotificationReason?

    public init(at: Instant, kind: NotificationKind, step: Int? = nil, to: String, reason: NotificationReason? = nil) {
        self.at = at
        self.kind = kind
        self.step = step
        self.to = to
        self.reason = reason
    }

    /// The kinds reports read; the store leaves the others out, so reading
    /// stays one scan of the outbox that keeps only what is counted.
    public static let reportedKinds: Set<NotificationKind> = [.slaBreached, .leadAssigned, .feedbackDue, .leadHot]

    /// The lead moved to another rep because its owner let a step 2–5 be
    /// breached `reassign_after_breaches` times: the only `lead.assigned`,
    /// reason escalated, that carries a later step (step 1's escalation carries step 1).
    public var isMoveAfterBreaches: Bool {
        kind == .leadAssigned && reason == .escalated && (step ?? 0) >= 2
    }

    /// The lead moved because its owner left (`rep.deactivated`): whatever its step.
    public var isMoveByDeactivation: Bool {
        kind == .leadAssigned && reason == .ownerDeactivated
    }
}
