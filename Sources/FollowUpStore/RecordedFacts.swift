import FollowUpCore
import FollowUpReports

/// The report facts one write transaction recorded, by lead: the touches,
/// accepts and declines it logged and the counted notifications it queued,
/// as ``SQLiteLeadStore/facts(of:_:)`` would read them back from the event
/// log and the outbox (same fields, same order, one notice per id).
///
/// A lead captured in the transaction has no row in either from before it
/// (events and notifications name only leads that exist, and lead rows are
/// never deleted), so these are all its facts: its contribution is computed
/// without reading anything back. That is the whole of a batch of captures,
/// the load ingest is measured under (issue 16).
struct RecordedFacts {
    private struct Lead {
        var touches: [TouchFact] = []
        var responses: [OfferResponse] = []
        var notices: [NoticeFact] = []
        /// The last counted notification with a row, so a second row of it is not a second notice.
        var lastNoticeID: String?
    }

    private var leads: [LeadID: Lead] = [:]

    /// Keeps what a logged event adds to its lead's facts (touches, accepts, declines).
    mutating func logged(_ event: Event) {
        guard let lead = event.lead else { return }
        switch event.body {
        case .touchLogged(let touch):
            leads[lead, default: Lead()].touches.append(
                TouchFact(at: event.at, rep: touch.rep, outcome: touch.outcome, channel: touch.channel))
        case .leadAccepted(_, let rep):
            leads[lead, default: Lead()].responses.append(OfferResponse(at: event.at, rep: rep, answer: .accepted))
        case .leadDeclined(_, let rep, _):
            leads[lead, default: Lead()].responses.append(OfferResponse(at: event.at, rep: rep, answer: .declined))
        default:
            break
        }
    }

    /// Keeps a notification that wrote at least one outbox row, if reports count its kind.
    mutating func queued(_ n: LeadNotification) {
        guard NoticeFact.reportedKinds.contains(n.kind) else { return }
        var facts = leads[n.lead, default: Lead()]
        guard facts.lastNoticeID != n.id else { return }
        facts.lastNoticeID = n.id
        facts.notices.append(NoticeFact(at: n.at, kind: n.kind, step: n.step, to: n.to, reason: n.reason))
        leads[n.lead] = facts
    }

    /// The facts of `lead` as it stands, from what this transaction recorded only.
    func facts(of lead: LeadState) -> LeadFacts {
        let kept = leads[lead.id]
        return LeadFacts(lead: lead, touches: kept?.touches ?? [], notices: kept?.notices ?? [],
                         responses: kept?.responses ?? [])
    }
}
