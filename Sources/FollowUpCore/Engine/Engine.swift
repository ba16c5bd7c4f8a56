/// The scheduling engine: applies one event, or fires one timer, to the world
/// and returns the notifications that follow. Pure and deterministic: time is
/// the event's `at` or the timer's, never a clock read.
///
/// Everything the daemon and `followupctl simulate` do to a lead goes through
/// here, so the two always agree.
public struct Engine: Sendable {
    public let rules: Rules
    /// Whether to collect ``EngineNote``s (what `explain` prints). Off, it costs nothing.
    public let explains: Bool

    public init(rules: Rules, explains: Bool = false) {
        self.rules = rules
        self.explains = explains
    }

    /// Checks that an event can be applied: the leads and reps it names exist,
    /// the priority it gives is known. Nothing changes; ``apply(_:to:)`` runs
    /// the same checks.
    public func validate(_ event: Event, in world: some EngineWorld) throws(Diagnostic) {
        try validate(event, leadExists: { world.hasLead($0) }, repExists: { world.team.members[$0] != nil })
        if case .leadSnoozed(let snooze) = event.body, let lead = world.lead(snooze.lead),
           let limit = rules.policy(for: lead).followThrough.maxSnooze {
            try Self.check(snooze, at: event.at, maxSnooze: limit)
        }
    }

    /// The same checks against plain lookups, so a whole file can be vetted
    /// before anything runs (`simulate` prints nothing for a file with errors).
    public func validate(_ event: Event, leadExists: (LeadID) -> Bool, repExists: (RepID) -> Bool) throws(Diagnostic) {
        switch event.body {
        case .repUpserted(let rep):
            if rep.id == RepID.system { throw Diagnostic(field: "rep.id", message: "\"system\" is reserved for automatic touches") }
        case .repAvailability(let rep, _):
            if !repExists(rep) {
                throw Diagnostic(field: "rep", message: "unknown rep \"\(rep)\" (send rep.upserted first)")
            }
        case .leadCaptured(let profile):
            // A repeat of a known lead is ignored whole, so it is not checked either.
            if let p = profile.priority, !leadExists(profile.id), rules.priority(named: p) == nil {
                throw Diagnostic(field: "lead.priority", message: "unknown priority \"\(p)\" (one of \(rules.priorities.map(\.name).joined(separator: ", ")))")
            }
        case .touchLogged(let t):
            if !leadExists(t.lead) { throw Diagnostic(field: "lead", message: "unknown lead \"\(t.lead)\"") }
            if t.rep != RepID.system, !repExists(t.rep) {
                throw Diagnostic(field: "rep", message: "unknown rep \"\(t.rep)\" (send rep.upserted first)")
            }
        case .leadAccepted(let lead, let rep), .leadDeclined(let lead, let rep, _):
            if !leadExists(lead) { throw Diagnostic(field: "lead", message: "unknown lead \"\(lead)\"") }
            if !repExists(rep) { throw Diagnostic(field: "rep", message: "unknown rep \"\(rep)\" (send rep.upserted first)") }
        case .repDeactivated(let rep):
            if !repExists(rep) { throw Diagnostic(field: "rep", message: "unknown rep \"\(rep)\"") }
        case .leadUpdated(let update):
            if !leadExists(update.lead) { throw Diagnostic(field: "lead.id", message: "unknown lead \"\(update.lead)\"") }
        case .leadMerged(let lead, let duplicate):
            if !leadExists(lead) { throw Diagnostic(field: "lead", message: "unknown lead \"\(lead)\"") }
            if !leadExists(duplicate) { throw Diagnostic(field: "duplicate", message: "unknown lead \"\(duplicate)\"") }
        case .leadActivity(let lead, _), .leadStatus(let lead, _, _), .leadReassigned(let lead, _):
            if !leadExists(lead) { throw Diagnostic(field: "lead", message: "unknown lead \"\(lead)\"") }
        case .leadSnoozed(let snooze):
            if !leadExists(snooze.lead) { throw Diagnostic(field: "lead", message: "unknown lead \"\(snooze.lead)\"") }
            // Without the lead's policy at hand, the longest any policy allows;
            // `validate(_:in:)` checks the lead's own.
            let limits = rules.policies.values.map(\.followThrough.maxSnooze)
            if !limits.contains(nil), let longest = limits.compactMap({ $0 }).max() {
                try Self.check(snooze, at: event.at, maxSnooze: longest)
            }
        }
    }

    /// Checks a snooze against one policy's `max_snooze`.
    static func check(_ snooze: Snooze, at: Instant, maxSnooze: TimeSpan) throws(Diagnostic) {
        if snooze.until > at + maxSnooze {
            throw Diagnostic(field: "until", message: "\(snooze.until) is more than max_snooze (\(maxSnooze)) after the event's time \(at)")
        }
    }

    /// Applies an event at its own time.
    public func apply(_ event: Event, to world: inout some EngineWorld) throws(Diagnostic) -> EngineOutcome {
        try validate(event, in: world)
        return applyValidated(event, to: &world)
    }

    /// ``apply(_:to:)`` for an event ``validate(_:in:)`` already accepted against this world.
    func applyValidated(_ event: Event, to world: inout some EngineWorld) -> EngineOutcome {
        var outcome = EngineOutcome()
        outcome.notes = applyValidated(event, to: &world, appendingTo: &outcome.notifications)
        return outcome
    }

    /// Applies a vetted event, appending its notifications to `notifications`
    /// (no ``EngineOutcome`` per event: `simulate` runs a million of them).
    /// Returns the notes, when explaining.
    func applyValidated(_ event: Event, to world: inout some EngineWorld,
                        appendingTo notifications: inout [LeadNotification]) -> [EngineNote] {
        pass(at: event.at, appendingTo: &notifications) { pass in
            switch event.body {
            case .repUpserted(let rep):
                world.team.upsert(rep)
            case .repAvailability(let rep, let availability):
                pass.changeAvailability(of: rep, to: availability, in: &world)
            case .leadCaptured(let profile):
                pass.capture(profile, in: &world)
            case .touchLogged(let touch):
                pass.logTouch(touch, in: &world)
            case .leadActivity(let lead, let action):
                pass.recordActivity(action, on: lead, in: &world)
            case .leadStatus(let lead, let status, let value):
                pass.close(lead, as: status, value: value, in: &world)
            case .leadReassigned(let lead, let owner):
                pass.reassign(lead, to: owner, in: &world)
            case .leadSnoozed(let snooze):
                pass.snooze(snooze, in: &world)
            case .leadAccepted(let lead, let rep):
                pass.accept(lead, by: rep, in: &world)
            case .leadDeclined(let lead, let rep, _):
                pass.decline(lead, by: rep, in: &world)
            case .repDeactivated(let rep):
                pass.deactivate(rep, in: &world)
            case .leadUpdated(let update):
                pass.update(update, in: &world)
            case .leadMerged(let lead, let duplicate):
                pass.merge(lead, duplicate: duplicate, in: &world)
            }
        }
    }

    /// Fires a timer at its own time. A timer the lead no longer asks for
    /// (its step was met, it was replanned) does nothing.
    public func fire(_ timer: LeadTimer, in world: inout some EngineWorld) -> EngineOutcome {
        var outcome = EngineOutcome()
        outcome.notes = fire(timer, in: &world, appendingTo: &outcome.notifications)
        return outcome
    }

    /// ``fire(_:in:)``, appending the notifications to `notifications`; returns the notes.
    func fire(_ timer: LeadTimer, in world: inout some EngineWorld,
              appendingTo notifications: inout [LeadNotification]) -> [EngineNote] {
        pass(at: timer.at, appendingTo: &notifications) { $0.fire(timer, in: &world) }
    }

    /// Runs one pass at `now` whose notifications go straight onto the
    /// caller's array (moved in and out, never copied).
    private func pass(at now: Instant, appendingTo notifications: inout [LeadNotification],
                      _ body: (inout EnginePass) -> Void) -> [EngineNote] {
        var pass = EnginePass(engine: self, now: now)
        swap(&pass.notifications, &notifications)
        body(&pass)
        swap(&pass.notifications, &notifications)
        return pass.notes?.items ?? []
    }
}

/// The work of one ``Engine`` call: the instant it happens at and what it produced.
struct EnginePass {
    let engine: Engine
    let now: Instant
    var notifications: [LeadNotification] = []
    /// Notes live in a reference so `note` can be called while `self` is being
    /// mutated (its autoclosure reads `self`); only when explaining, since a
    /// pass runs for every event and timer.
    let notes: NoteSink?

    /// Kept, not computed from `engine`: a computed `Rules` is a copy (a
    /// dozen retains) on every read, and a pass reads it many times.
    let rules: Rules
    let planner: StepPlanner

    init(engine: Engine, now: Instant) {
        self.engine = engine
        self.now = now
        self.rules = engine.rules
        self.planner = StepPlanner(rules: engine.rules, explains: engine.explains)
        self.notes = engine.explains ? NoteSink() : nil
    }

    /// Records a sentence for `explain`; the text is only built when explaining.
    func note(_ lead: LeadID?, _ text: @autoclosure () -> String) {
        notes?.items.append(EngineNote(at: now, lead: lead, text: text()))
    }

    /// Mints and records a notification; one that carries a step carries its channel.
    mutating func notify(_ kind: NotificationKind, _ lead: inout LeadState, to recipient: Recipient, step: Int? = nil,
                         deadline: Instant? = nil, reason: NotificationReason? = nil,
                         action: String? = nil, score: Int? = nil, acceptBy: Instant? = nil) {
        let id = lead.nextNotificationID(kind, step: step)
        let channel = step.flatMap { rules.channel(ofStep: $0, for: lead) }
        notifications.append(LeadNotification(id: id, at: now, kind: kind, lead: lead.id, to: recipient.to,
                                              recipient: recipient.kind, step: step,
                                              channel: channel, deadline: deadline, reason: reason,
                                              action: action, score: score, acceptBy: acceptBy))
    }

    /// Gives the lead to `rep`: owner, "has had", and `lead.assigned` with the
    /// open step (none while snoozed). A new owner starts the step's breach
    /// count afresh; with `accept_within`, an open step 1 gets an acceptance
    /// window. `viaTeam`: team routing chose `rep` (a decline then goes back to the team).
    mutating func assign(_ lead: inout LeadState, to rep: RepID, reason: NotificationReason, viaTeam: Bool = false) {
        if lead.owner != rep { lead.step?.breaches = 0 }
        lead.owner = rep
        lead.byRoundRobin = viaTeam
        if !lead.had.contains(rep) { lead.had.append(rep) }
        let open = lead.openStep
        let window = rules.policy(for: lead).followThrough.acceptWithin
        lead.acceptBy = open?.number == 1 && !lead.unrouted ? window.map { now + $0 } : nil
        notify(.leadAssigned, &lead, to: .rep(rep), step: open?.number, deadline: open?.deadline, reason: reason,
               acceptBy: lead.acceptBy)
    }

    /// Nobody can take the lead: the fallback is told, and the open step sends
    /// nothing more until a touch (the fallback owns the problem).
    mutating func unroute(_ lead: inout LeadState) {
        lead.unrouted = true
        notify(.leadUnrouted, &lead, to: .fallback(rules.fallback))
        let step = lead.step.map { "step \($0.number)" } ?? "the lead"
        note(lead.id, "nobody available: lead.unrouted to \(rules.fallback); \(step) sends nothing more until a touch")
    }

    /// Who hears about a lead now: the owner; while they are away the first
    /// available rep of their chain (reason owner_unavailable), or the owner
    /// when there is none; the fallback when the lead has no owner.
    func standIn(for lead: LeadState, in world: some EngineWorld) -> (to: Recipient, reason: NotificationReason?) {
        guard let owner = lead.owner else { return (.fallback(rules.fallback), nil) }
        if world.team.isAvailable(owner, at: now) { return (.rep(owner), nil) }
        if let backup = world.team.firstAvailable(inChainOf: owner, at: now) { return (.rep(backup), .ownerUnavailable) }
        return (.rep(owner), nil)
    }

    /// The lead's owner, or the fallback receiver when it has none.
    func ownerOrFallback(of lead: LeadState) -> Recipient {
        lead.owner.map(Recipient.rep) ?? .fallback(rules.fallback)
    }

    /// Opens step 1 afresh at `now` (capture, escalation, hand-off).
    mutating func openFirstStep(_ lead: inout LeadState) {
        let (step, why) = planner.plan(step: 1, for: lead, previousTouch: now)
        lead.step = step
        lead.unrouted = false
        note(lead.id, "step 1 (\(rules.policy(for: lead).steps[0].name)) due \(step.due), deadline \(step.deadline): \(why.joined(separator: "; "))")
    }

    /// The chain of `rep`, written for people: `bob → carol`.
    func describeChain(of rep: RepID, in world: some EngineWorld) -> String {
        let chain = world.team.chain(of: rep)
        return chain.isEmpty ? "\(rep) has no backup" : "chain of \(rep): \(chain.joined(separator: " → "))"
    }
}

/// Collects ``EngineNote``s during one pass.
final class NoteSink {
    var items: [EngineNote] = []
}
