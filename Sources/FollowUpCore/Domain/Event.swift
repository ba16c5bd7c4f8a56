/// One input to the engine: something that happened at an instant.
///
/// Events are the only way state changes; a fired timer is the engine's other
/// input (``LeadTimer``). Their JSON is DESIGN.md's event format (see ``EventDecoder``).
public struct Event: Hashable, Sendable {
    /// When it happened.
    public var at: Instant
    /// What happened.
    public var body: Body
    /// Top-level fields the core does not use, kept verbatim.
    public var attributes: [String: JSONValue]

    public init(at: Instant, body: Body, attributes: [String: JSONValue] = [:]) {
        self.at = at
        self.body = body
        self.attributes = attributes
    }

    /// The kinds of event and their payloads.
    public enum Body: Hashable, Sendable {
        /// A rep was added or changed.
        indirect case repUpserted(Rep)
        /// A rep went away or came back.
        case repAvailability(rep: RepID, Availability)
        /// A new lead arrived (idempotent per id).
        indirect case leadCaptured(LeadProfile)
        /// A rep logged a contact attempt.
        case touchLogged(Touch)
        /// The lead did something that scores (`pdf_download`).
        case leadActivity(lead: LeadID, action: String)
        /// The lead was won, lost or disqualified: final. A win may carry the
        /// deal's `value` (reports add it up as revenue per source).
        case leadStatus(lead: LeadID, LeadStatus, value: Amount? = nil)
        /// A manager gave the lead to another rep.
        case leadReassigned(lead: LeadID, owner: RepID)
        /// "Call me next month": the lead's obligations wait until a time.
        case leadSnoozed(Snooze)
        /// The owner confirms they take the lead.
        case leadAccepted(lead: LeadID, rep: RepID)
        /// The owner hands the lead back ("not my territory").
        case leadDeclined(lead: LeadID, rep: RepID, reason: String?)
        /// A rep leaves for good: their leads move.
        case repDeactivated(rep: RepID)
        /// A CRM corrects or completes a lead's profile.
        indirect case leadUpdated(LeadUpdate)
        /// `duplicate` is the same prospect as `lead`: it is folded into it.
        case leadMerged(lead: LeadID, duplicate: LeadID)
    }

    /// The wire name of the event's type (`lead.captured`).
    public var type: String { body.type }

    /// The lead the event is about, if any.
    public var lead: LeadID? {
        switch body {
        case .repUpserted, .repAvailability: nil
        case .leadCaptured(let p): p.id
        case .touchLogged(let t): t.lead
        case .leadActivity(let id, _), .leadStatus(let id, _, _), .leadReassigned(let id, _): id
        case .leadSnoozed(let s): s.lead
        case .leadAccepted(let id, _), .leadDeclined(let id, _, _), .leadMerged(let id, _): id
        case .leadUpdated(let u): u.lead
        case .repDeactivated: nil
        }
    }

    /// The rep the event names, if any.
    public var rep: RepID? {
        switch body {
        case .repUpserted(let r): r.id
        case .repAvailability(let id, _): id
        case .touchLogged(let t): t.rep
        case .leadReassigned(_, let owner): owner
        case .leadCaptured(let p): p.owner
        case .leadSnoozed(let s): s.rep
        case .leadAccepted(_, let rep), .leadDeclined(_, let rep, _), .repDeactivated(let rep): rep
        case .leadActivity, .leadStatus, .leadUpdated, .leadMerged: nil
        }
    }
}

extension Event.Body {
    /// The wire name of this kind of event.
    public var type: String {
        switch self {
        case .repUpserted: "rep.upserted"
        case .repAvailability: "rep.availability"
        case .leadCaptured: "lead.captured"
        case .touchLogged: "touch.logged"
        case .leadActivity: "lead.activity"
        case .leadStatus: "lead.status"
        case .leadReassigned: "lead.reassigned"
        case .leadSnoozed: "lead.snoozed"
        case .leadAccepted: "lead.accepted"
        case .leadDeclined: "lead.declined"
        case .repDeactivated: "rep.deactivated"
        case .leadUpdated: "lead.updated"
        case .leadMerged: "lead.merged"
        }
    }

    /// Every event type the core accepts.
    public static let types = [
        "rep.upserted", "rep.availability", "lead.captured", "touch.logged",
        "lead.activity", "lead.status", "lead.reassigned", "lead.snoozed",
        "lead.accepted", "lead.declined", "rep.deactivated", "lead.updated", "lead.merged",
    ]
}
