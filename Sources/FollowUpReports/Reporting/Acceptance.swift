public import FollowUpCore
import FollowUpFormats
/// How the reps a lead was offered to answered: which offers of step 1 were
/// accepted and how fast, and which declines moved the lead.
///
/// An **offer** is a `lead.assigned` carrying step 1 (a capture, a hand-off,
/// an escalation, a decline or `not_accepted` passing the lead on, a rep
/// leaving): the rep it names must now call the lead first. It is
/// **accepted** when that rep sends `lead.accepted` at or after the offer and
/// no later than the lead's next `lead.assigned` — while they still own it,
/// which is the only accept the engine takes. An accept at the very instant
/// the lead moves on counts: events come before timers within an instant, so
/// an accept then beat the acceptance window. One accept per offer, the first.
///
/// A **decline** counts when it moved the lead: a `lead.declined` answered at
/// the same instant by a `lead.assigned` with reason `declined`. A decline by
/// someone who is not the owner, after step 1, or that found nobody to take
/// the lead (`lead.unrouted`) moved nothing and is not counted.
public struct Acceptance: Sendable, Hashable {
    /// One `lead.assigned` carrying step 1, and its answer.
    public struct Offer: Sendable, Hashable {
        /// The rep the lead was offered to.
        public var rep: String
        public var at: Instant
        /// The first accept by that rep minus the offer, elapsed; nil when not accepted.
        public var timeToAccept: TimeSpan?
    }

    public var offers: [Offer]
    /// The rep of each decline that moved the lead, in order.
    public var decliners: [String]

    public init(offers: [Offer], decliners: [String]) {
        self.offers = offers
        self.decliners = decliners
    }

    /// Reads the offers among `notices` (minting order) and the answers among
    /// `responses` (event-log order).
    public init(notices: [NoticeFact], responses: [OfferResponse]) {
        let assigned = notices.filter { $0.kind == .leadAssigned }
        let accepts = responses.filter { $0.answer == .accepted }
        var offers: [Offer] = []
        for (i, notice) in assigned.enumerated() where notice.step == 1 {
            let end = i + 1 < assigned.count ? assigned[i + 1].at : nil
            let accept = accepts.first { answer in
                answer.rep == notice.to && answer.at >= notice.at && end.map { answer.at <= $0 } ?? true
            }
            offers.append(Offer(rep: notice.to, at: notice.at, timeToAccept: accept.map { $0.at - notice.at }))
        }
        // Pair each move "declined" with one decline of the same instant, in order.
        var declines = responses.filter { $0.answer == .declined }
        var decliners: [String] = []
        for (i, notice) in assigned.enumerated() where notice.reason == .declined {
            if let j = declines.firstIndex(where: { $0.at == notice.at }) {
                decliners.append(declines.remove(at: j).rep)
            } else if i > 0 {
                // The event log lost the decline (it cannot, but a report must not crash): the previous owner declined.
                decliners.append(assigned[i - 1].to)
            }
        }
        self.init(offers: offers, decliners: decliners)
    }

    /// Offers accepted.
    public var accepted: Int { offers.count(where: { $0.timeToAccept != nil }) }
}
