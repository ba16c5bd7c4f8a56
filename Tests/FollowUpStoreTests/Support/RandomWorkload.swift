import FollowUpCore
import FollowUpTestSupport

/// A seeded stream of plausible events: captures with and without owners,
/// touches (bounced ones too), activities, availability changes, closes,
/// reassignments, snoozes and roster changes, in time order with some events sharing an instant. Every
/// event is valid when it comes (it names leads captured and reps known).
struct RandomWorkload {
    /// The reps the rule files declare; the workload upserts more.
    static let roster = [
        Rep(id: "r0", name: "R0", team: "sales", backup: "r1"),
        Rep(id: "r1", name: "R1", team: "sales", backup: "r2"),
    ]

    var events: [Event] = []
    private var generator: SeededGenerator
    private var leads: [LeadID] = []
    private var reps: [RepID] = roster.map(\.id)
    private var now = at("2026-11-23T13:00:00Z")

    static let sources = ["web_form", "chat", "newsletter", "webinar", "trade_show", "referral", "phone", "carrier_pigeon"]
    static let actions = ["email_opened", "pdf_download", "info_requested", "quote_requested", "return_visit", "dance"]
    static let zones: [String?] = ["America/New_York", "Europe/Paris", "Asia/Tokyo", "America/Los_Angeles", nil]

    init(seed: UInt64, count: Int) {
        generator = SeededGenerator(seed: seed)
        add(Rep(id: "r2", name: "R2", team: "sales", backup: "r0"))
        add(Rep(id: "r3", name: "R3", team: "sales", backup: "r0"))
        add(Rep(id: "r4", name: "R4", team: "support", backup: "r5"))
        add(Rep(id: "r5", name: "R5", team: "support", attributes: ["desk": .number("7")]))
        while events.count < count { step() }
    }

    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &generator) < p }
    private mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &generator)! }

    private mutating func add(_ rep: Rep) {
        events.append(Event(at: now, body: .repUpserted(rep)))
        if !reps.contains(rep.id) { reps.append(rep.id) }
    }

    private mutating func step() {
        // A fifth of events share the previous instant; the rest come up to 90 minutes later.
        if !chance(0.2) { now = now + TimeSpan(seconds: Int64.random(in: 1...5_400, using: &generator)) }
        if !leads.isEmpty, chance(0.08) { return peopleEvent() }
        let roll = Int.random(in: 0..<100, using: &generator)
        if roll < 2, !leads.isEmpty {
            // A CRM re-sending a known lead (with other details): ignored whole.
            events.append(Event(at: now, body: .leadCaptured(LeadProfile(id: pick(leads), source: "chat"))))
            return
        }
        switch roll {
        case 30..<60 where !leads.isEmpty: logTouch()
        case 60..<70 where !leads.isEmpty:
            events.append(Event(at: now, body: .leadActivity(lead: pick(leads), action: pick(Self.actions))))
        case 70..<82: changeAvailability()
        case 82..<87 where !leads.isEmpty:
            events.append(Event(at: now, body: .leadStatus(lead: pick(leads), pick(LeadStatus.settable))))
        case 87..<91 where !leads.isEmpty:
            events.append(Event(at: now, body: .leadReassigned(lead: pick(leads), owner: pick(reps + ["stranger"]))))
        case 91..<94 where !leads.isEmpty:
            // "Call me later": an hour to 40 days (the policy allows 90).
            let until = now + TimeSpan(seconds: Int64.random(in: 3_600...3_456_000, using: &generator))
            events.append(Event(at: now, body: .leadSnoozed(Snooze(lead: pick(leads), until: until, rep: pick(reps),
                                                                   reason: pick(["budget", nil])))))
        case 94..<97:
            let id = pick(reps)
            let backup: RepID? = chance(0.2) ? nil : pick(reps.filter { $0 != id })
            add(Rep(id: id, name: id.uppercased(), team: pick(["sales", "sales", "support"]), backup: backup,
                    weight: pick([nil, 1, 2, 3]), capacity: pick([nil, nil, 2, 6])))
        case 97..<100:
            add(Rep(id: "n\(reps.count)", team: pick(["sales", "support"]), backup: pick(reps)))
        default: captureLead()
        }
    }

    /// Version 2's people and routing: declines and accepts (by anyone: most
    /// change nothing), a rep leaving, profile updates, merges.
    private mutating func peopleEvent() {
        let lead = pick(leads)
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<3: events.append(Event(at: now, body: .leadDeclined(lead: lead, rep: pick(reps), reason: nil)))
        case 3..<5: events.append(Event(at: now, body: .leadAccepted(lead: lead, rep: pick(reps))))
        case 5: events.append(Event(at: now, body: .repDeactivated(rep: pick(reps))))
        case 6..<9:
            var update = LeadUpdate(lead: lead)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: update.phone = "+1 555 9\(events.count)"
            case 1: update.email = "u\(events.count)@example.test"
            case 2: update.timezone = pick(Self.zones.compactMap { $0 })
            case 3: update.companySize = pick([50, 5_000])
            default: update.attributes = ["country": .string(pick(["US", "FR"]))]
            }
            events.append(Event(at: now, body: .leadUpdated(update)))
        default:
            let other = pick(leads)
            guard other != lead else { return }
            events.append(Event(at: now, body: .leadMerged(lead: lead, duplicate: other)))
        }
    }

    private mutating func captureLead() {
        let id = "L\(leads.count + 1)"
        var p = LeadProfile(id: id, source: pick(Self.sources))
        if chance(0.85) { p.email = "\(id.lowercased())@example.test" }
        if chance(0.6) { p.phone = "+1 555 \(1000 + leads.count)" }
        if chance(0.3) { p.companySize = pick([5, 50, 999, 1000, 20_000]) }
        if chance(0.3) { p.need = pick(["new", "current"]) }
        p.timezone = pick(Self.zones)
        if chance(0.5) { p.owner = pick(reps + ["ghost"]) }
        if chance(0.1) { p.team = "support" }
        if chance(0.1) { p.score = Int.random(in: 0...30, using: &generator) }
        if chance(0.05) { p.priority = pick(["high", "low", "unqualified"]) }
        if chance(0.2) { p.attributes = ["crm_id": .string("C-\(id)"), "tags": .array([.string("a"), .number("2")])] }
        leads.append(id)
        events.append(Event(at: now, body: .leadCaptured(p)))
    }

    private mutating func logTouch() {
        let outcome: Outcome = chance(0.12) ? pick([.connected, .replied, .meeting]) : pick([.noAnswer, .voicemail, .sent, .bounced])
        let touch = Touch(lead: pick(leads), rep: pick(reps), channel: pick(Channel.allCases), outcome: outcome)
        events.append(Event(at: now, body: .touchLogged(touch)))
    }

    private mutating func changeAvailability() {
        let rep = pick(reps)
        let availability: Availability
        if chance(0.4) {
            availability = .available
        } else {
            // A third are planned ahead (`from`): they happen later, as timers of the team.
            let from = chance(0.3) ? now + TimeSpan(seconds: Int64.random(in: 60...100_000, using: &generator)) : nil
            let start = from ?? now
            let until = chance(0.5) ? start + TimeSpan(seconds: Int64.random(in: 600...200_000, using: &generator)) : nil
            availability = Availability(available: false, until: until, reason: pick(["vacation", "sick", nil]), from: from)
        }
        events.append(Event(at: now, body: .repAvailability(rep: rep, availability)))
    }
}
