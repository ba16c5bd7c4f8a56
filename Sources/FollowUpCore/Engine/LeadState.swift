/// Everything the engine knows about one lead between events: the profile,
/// where its cadence stands, who has had it, and the counters behind its
/// notification ids. Timers are derived from it (``timers``), never stored apart.
public struct LeadState: Hashable, Sendable {
    /// Who the lead is. Kept in a shared immutable box because it never changes
    /// after capture and the engine copies lead states often: one retain
    /// instead of one per string field (measured: a fifth of simulate's time).
    public var profile: LeadProfile {
        get { profileBox.value }
        set { profileBox = ProfileBox(newValue) }
    }
    private var profileBox: ProfileBox
    /// The lead's id (the profile's, kept inline for the hot paths).
    public let id: LeadID
    /// Capture order: breaks ties between timers of one instant.
    public var seq: Int64
    public var capturedAt: Instant
    public var priority: String
    public var policy: String
    /// The triage rule that matched at capture, for people.
    public var triageRule: String
    public var score: Int
    public var team: String?
    /// The current owner; nil when routing found nobody (notifications go to the fallback).
    public var owner: RepID?
    /// Reps that received `lead.assigned` for this lead, in order.
    public var had: [RepID]
    public var status: LeadStatus
    /// Touches logged so far (the automatic acknowledgement counts).
    public var touches: Int
    public var lastTouchAt: Instant?
    /// The first unmet step of the cadence, when one is open.
    public var step: OpenStep?
    /// After `lead.unrouted`, the fallback owns step 1: it sends nothing more until a touch.
    public var unrouted: Bool
    /// When the next `nurture.due` is sent.
    public var nurtureAt: Instant?
    /// While set, the lead is snoozed: its only timer is the wake-up at this instant.
    public var snoozedUntil: Instant?
    /// Why, as the rep wrote it (shown to people).
    public var snoozeReason: String?
    /// What an engaged lead's check-in clock counts from: its last touch, the
    /// last `feedback.due`, or a wake. Kept whether or not check-ins are on, so
    /// a reload that turns them on knows where to start.
    public var checkInFrom: Instant?
    /// When the next `feedback.due` is sent (engaged leads, with check-ins on).
    public var checkInAt: Instant?
    /// Whether the owner got the lead from team routing (a decline then goes
    /// back to the team); any other assignment clears it.
    public var byRoundRobin: Bool
    /// When the owner's acceptance window for step 1 ends (`accept_within`).
    public var acceptBy: Instant?
    /// What `capture` anchors in step rules read: the capture, or for a lead
    /// qualified later (`lead.updated`), the qualification.
    public var cadenceFrom: Instant?
    /// How many notifications of each kind and step were minted (the N of their ids).
    public var counters: [NotificationCounter]
    /// The deal's value given with `lead.status` `won` (nil for any other
    /// status, or a win given without one): revenue in reports.
    public var wonValue: Amount?

    public init(profile: LeadProfile, seq: Int64, capturedAt: Instant, priority: String, policy: String,
                triageRule: String, score: Int, team: String?, owner: RepID?, had: [RepID] = [],
                status: LeadStatus = .open, touches: Int = 0, lastTouchAt: Instant? = nil, step: OpenStep? = nil,
                unrouted: Bool = false, nurtureAt: Instant? = nil, snoozedUntil: Instant? = nil,
                snoozeReason: String? = nil, checkInFrom: Instant? = nil, checkInAt: Instant? = nil,
                byRoundRobin: Bool = false, acceptBy: Instant? = nil, cadenceFrom: Instant? = nil,
                counters: [NotificationCounter] = [], wonValue: Amount? = nil) {
        self.profileBox = ProfileBox(profile)
        self.id = profile.id
        self.seq = seq
        self.capturedAt = capturedAt
        self.priority = priority
        self.policy = policy
        self.triageRule = triageRule
        self.score = score
        self.team = team
        self.owner = owner
        self.had = had
        self.status = status
        self.touches = touches
        self.lastTouchAt = lastTouchAt
        self.step = step
        self.unrouted = unrouted
        self.nurtureAt = nurtureAt
        self.snoozedUntil = snoozedUntil
        self.snoozeReason = snoozeReason
        self.checkInFrom = checkInFrom
        self.checkInAt = checkInAt
        self.byRoundRobin = byRoundRobin
        self.acceptBy = acceptBy
        self.cadenceFrom = cadenceFrom
        self.counters = counters
        self.wonValue = wonValue
    }

    /// What stands in a world's slot while the engine holds the lead (see
    /// ``MemoryWorld/takeLead(_:)``): the same id and capture order, nothing
    /// else. Building it retains two references, where copying the lead
    /// retained every string and array it holds (a tenth of `simulate`).
    /// (Fields, not the lead: a lead passed from an array is copied first.)
    init(standingInFor id: LeadID, seq: Int64, capturedAt: Instant) {
        profileBox = Self.vacantProfile
        self.id = id
        self.seq = seq
        self.capturedAt = capturedAt
        priority = ""
        policy = ""
        triageRule = ""
        score = 0
        had = []
        status = .open
        touches = 0
        unrouted = false
        byRoundRobin = false
        counters = []
    }

    private static let vacantProfile = ProfileBox(LeadProfile(id: "", source: ""))

    /// Whether step 1 is open and still the owner's to meet (what a hand-off moves).
    /// A snoozed lead has no open step until it wakes.
    public var awaitsFirstTouch: Bool {
        openStep?.number == 1 && !unrouted
    }

    /// The step the owner is working on now: none while snoozed or after the cadence.
    public var openStep: OpenStep? {
        status == .open && snoozedUntil == nil ? step : nil
    }

    /// Whether the lead is snoozed (and not final).
    public var isSnoozed: Bool { snoozedUntil != nil && !status.isFinal }

    /// Whether the lead counts toward its owner's capacity: open with a step
    /// (snoozed ones and unrouted ones included).
    public var isInCadence: Bool { status == .open && step != nil }

    /// The timers this state asks for: a snoozed lead's wake-up; else the open
    /// step's reminder, deadline or repeated breach, nurture, and check-ins.
    public var timers: [LeadTimer] {
        var out: [LeadTimer] = []
        forEachTimer { out.append($0) }
        return out
    }

    /// Whether this state asks for `timer` (a fired timer it no longer asks
    /// for does nothing). Answers without building ``timers``: it runs for
    /// every timer that fires.
    public func asks(for timer: LeadTimer) -> Bool {
        guard timer.lead == id, timer.leadSeq == seq else { return false }
        var found = false
        forEachTimer { if !found, $0.at == timer.at, $0.kind == timer.kind { found = true } }
        return found
    }

    /// Calls `body` with each timer of ``timers``, in that order, without an array.
    @inline(__always)
    func forEachTimer(_ body: (LeadTimer) -> Void) {
        timerSignature.forEachTimer { at, kind in body(LeadTimer(at: at, leadSeq: seq, lead: id, kind: kind)) }
    }

    /// What decides ``timers``, compared without building them: the in-memory
    /// world re-queues a lead's timers only when this changes.
    public var timerSignature: TimerSignature {
        let final = status.isFinal
        return TimerSignature(step: status == .open && !final ? step : nil, unrouted: unrouted,
                              nurtureAt: final || status == .engaged ? nil : nurtureAt,
                              snoozedUntil: final ? nil : snoozedUntil,
                              checkInAt: status == .engaged ? checkInAt : nil, acceptBy: acceptBy)
    }

    /// Mints the next id for a notification of `kind` about `step` (0 when none).
    mutating func nextNotificationID(_ kind: NotificationKind, step: Int?) -> String {
        let s = step ?? 0
        let n: Int
        if let i = counters.firstIndex(where: { $0.kind == kind && $0.step == s }) {
            counters[i].count += 1
            n = counters[i].count
        } else {
            counters.append(NotificationCounter(kind: kind, step: s, count: 1))
            n = 1
        }
        return NotificationIDText.make(lead: id, kind: kind.rawValue, step: s, count: n)
    }
}

/// The open step of a lead's cadence.
public struct OpenStep: Hashable, Sendable {
    /// 1-based: step k asks for the k-th touch.
    public var number: Int
    public var due: Instant
    public var deadline: Instant
    /// Whether `touch.due` went out (step 1's notice is `lead.assigned`, so it starts true).
    public var dueNotified: Bool
    /// Whether the deadline passed unmet.
    public var breached: Bool
    /// What the step's times count from: for step 1 when it opened (capture,
    /// escalation, hand-off, wake), for later steps the touch before. A rules
    /// reload re-plans the step from it.
    public var openedAt: Instant
    /// The time the step allows (deadline − due) as planned when it opened or
    /// re-opened: a lead moved after repeated breaches gets this much afresh.
    public var window: TimeSpan
    /// When the last `sla.breached` of this step went out.
    public var lastBreachAt: Instant?
    /// When the breach repeats (steps 2–5, with `breach_repeat`); nil: it does not.
    public var repeatAt: Instant?
    /// Breaches of this step by the current owner (counting the first); a new owner starts at 0.
    public var breaches: Int
    /// Whether a wake re-opened the step (its due time is the lead's choice, not a call window).
    public var reopened: Bool

    public init(number: Int, due: Instant, deadline: Instant, dueNotified: Bool, breached: Bool = false,
                openedAt: Instant, window: TimeSpan? = nil, lastBreachAt: Instant? = nil, repeatAt: Instant? = nil,
                breaches: Int = 0, reopened: Bool = false) {
        self.number = number
        self.due = due
        self.deadline = deadline
        self.dueNotified = dueNotified
        self.breached = breached
        self.openedAt = openedAt
        self.window = window ?? (deadline - due)
        self.lastBreachAt = lastBreachAt
        self.repeatAt = repeatAt
        self.breaches = breaches
        self.reopened = reopened
    }
}

/// How many notifications of one kind and step a lead has had.
public struct NotificationCounter: Hashable, Sendable {
    public var kind: NotificationKind
    public var step: Int
    public var count: Int

    public init(kind: NotificationKind, step: Int, count: Int) {
        self.kind = kind
        self.step = step
        self.count = count
    }
}

/// The inputs of ``LeadState/timers``; equal signatures mean equal timers.
/// Holds no references, so the in-memory world reads it without copying a lead.
public struct TimerSignature: Hashable, Sendable {
    var step: OpenStep?
    var unrouted: Bool
    var nurtureAt: Instant?
    var snoozedUntil: Instant?
    var checkInAt: Instant?
    var acceptBy: Instant?

    /// Calls `body` with the time and kind of each timer this signature asks
    /// for: a snoozed lead's wake-up alone; else the open step's reminder,
    /// acceptance window, deadline or repeated breach, then nurture and check-in.
    /// (The lead's status is already folded in: see ``LeadState/timerSignature``.)
    @inline(__always)
    func forEachTimer(_ body: (Instant, LeadTimer.Kind) -> Void) {
        if let snoozedUntil {
            body(snoozedUntil, .wake)
            return
        }
        if let step {
            if !step.dueNotified { body(step.due, .due(step: step.number)) }
            if !unrouted {
                if let acceptBy, step.number == 1 { body(acceptBy, .acceptBy) }
                if !step.breached {
                    body(step.deadline, .deadline(step: step.number))
                } else if let repeatAt = step.repeatAt {
                    body(repeatAt, .repeatBreach(step: step.number))
                }
            }
        }
        if let nurtureAt { body(nurtureAt, .nurture) }
        if let checkInAt { body(checkInAt, .checkIn) }
    }
}

/// An immutable, shared ``LeadProfile``.
final class ProfileBox: Hashable, Sendable {
    let value: LeadProfile

    init(_ value: LeadProfile) { self.value = value }

    static func == (lhs: ProfileBox, rhs: ProfileBox) -> Bool { lhs === rhs || lhs.value == rhs.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
