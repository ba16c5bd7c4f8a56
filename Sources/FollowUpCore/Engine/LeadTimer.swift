/// A moment at which the engine must look at a lead again.
///
/// Timers order by time, then by the lead's capture order, then reminder before
/// deadline before nurture: the order DESIGN.md prints notifications in.
public struct LeadTimer: Hashable, Comparable, Sendable {
    /// What the timer is for.
    public enum Kind: Hashable, Sendable {
        /// The open step becomes due: `touch.due`.
        case due(step: Int)
        /// The open step's deadline: `sla.breached`, and for step 1 escalation.
        case deadline(step: Int)
        /// `nurture.due`.
        case nurture
        /// A breached step 2–5 is still unmet: `sla.breached` again, and maybe a move.
        case repeatBreach(step: Int)
        /// A snoozed lead wakes up.
        case wake
        /// An engaged lead's `feedback.due`.
        case checkIn
        /// The acceptance window (`accept_within`) of the lead's owner ends.
        case acceptBy
        /// A rep's planned availability change (`lead` is then the rep's id).
        case availabilityChange

        /// Tie-break within one lead and instant. Stored with each timer row
        /// (its primary key), so existing values never change.
        public var order: Int {
            switch self {
            case .due: 0
            case .deadline: 1
            case .nurture: 2
            case .repeatBreach: 3
            case .wake: 4
            case .checkIn: 5
            case .acceptBy: 6
            case .availabilityChange: 7
            }
        }

        /// `due:3`, `deadline:1`, `repeat:3`, `nurture`, `wake`, `checkin` — how the store writes it.
        public var code: String {
            switch self {
            case .due(let s): "due:\(s)"
            case .deadline(let s): "deadline:\(s)"
            case .repeatBreach(let s): "repeat:\(s)"
            case .nurture: "nurture"
            case .wake: "wake"
            case .checkIn: "checkin"
            case .acceptBy: "accept_by"
            case .availabilityChange: "availability"
            }
        }

        /// Reads ``code`` back.
        public init?(code: String) {
            switch code {
            case "nurture": self = .nurture; return
            case "wake": self = .wake; return
            case "checkin": self = .checkIn; return
            case "accept_by": self = .acceptBy; return
            case "availability": self = .availabilityChange; return
            default: break
            }
            let parts = code.split(separator: ":")
            guard parts.count == 2, let step = Int(parts[1]) else { return nil }
            switch parts[0] {
            case "due": self = .due(step: step)
            case "deadline": self = .deadline(step: step)
            case "repeat": self = .repeatBreach(step: step)
            default: return nil
            }
        }
    }

    public var at: Instant
    public var leadSeq: Int64
    public var lead: LeadID
    public var kind: Kind

    public init(at: Instant, leadSeq: Int64, lead: LeadID, kind: Kind) {
        self.at = at
        self.leadSeq = leadSeq
        self.lead = lead
        self.kind = kind
    }

    public static func < (lhs: LeadTimer, rhs: LeadTimer) -> Bool {
        if lhs.at != rhs.at { return lhs.at < rhs.at }
        if lhs.leadSeq != rhs.leadSeq { return lhs.leadSeq < rhs.leadSeq }
        return lhs.kind.order < rhs.kind.order
    }
}
