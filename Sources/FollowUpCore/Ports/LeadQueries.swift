/// Reading the store for people and CRMs: one lead whole, lists, a rep's
/// worklist, and counts for status and metrics. Reads never block writes (WAL).
public protocol LeadQueries: Sendable {
    /// A lead's full record: state, pending timers, its events and notifications.
    func lead(_ id: LeadID) async throws -> LeadRecord?
    /// What replays a lead from nothing: its events, those of leads merged
    /// into it, and every rep event, in the order the daemon applied them
    /// (log order); nil for an unknown lead.
    func replayEvents(of id: LeadID) async throws -> [LoggedEvent]?
    /// Leads matching a filter, in capture order, a page at a time.
    func leads(_ query: LeadQuery) async throws -> LeadPage
    /// The open leads a rep owns whose step is open, with what is due and when,
    /// and their snoozed leads with when each wakes.
    func queue(for rep: RepID, at now: Instant) async throws -> RepQueue
    /// A rep and their availability, if known.
    func rep(_ id: RepID) async throws -> TeamState.Member?
    /// Every rep in roster order (the order they were first upserted), each
    /// with their leads in cadence, read as one snapshot.
    func roster() async throws -> [RosterRep]
    /// Counts for `status` and `/metrics`.
    func statistics() async throws -> StoreStatistics
}

/// Everything about one lead: "an up-to-date snapshot of where things are up to".
public struct LeadRecord: Sendable {
    public var state: LeadState
    public var timers: [LeadTimer]
    /// Every event that named the lead, oldest first.
    public var events: [LoggedEvent]
    /// Every notification minted for it, oldest first, with delivery state.
    public var notifications: [OutboxEntry]

    public init(state: LeadState, timers: [LeadTimer], events: [LoggedEvent], notifications: [OutboxEntry]) {
        self.state = state
        self.timers = timers
        self.events = events
        self.notifications = notifications
    }
}

/// One row of the event log.
public struct LoggedEvent: Sendable {
    public var seq: Int64
    public var event: Event
    public var source: String
    public var receivedAt: Instant

    public init(seq: Int64, event: Event, source: String, receivedAt: Instant) {
        self.seq = seq
        self.event = event
        self.source = source
        self.receivedAt = receivedAt
    }
}

/// A filter over leads, and a page of it.
public struct LeadQuery: Sendable, Hashable {
    public var owner: RepID?
    public var status: LeadStatus?
    /// When set, only the leads overdue at this instant (``LeadState/isOverdue(at:)``).
    public var overdueAt: Instant?
    /// Continue after the lead with this capture sequence number (from ``LeadPage/nextAfter``).
    public var after: Int64?
    public var limit: Int

    public init(owner: RepID? = nil, status: LeadStatus? = nil, overdueAt: Instant? = nil, after: Int64? = nil, limit: Int = 100) {
        self.owner = owner
        self.status = status
        self.overdueAt = overdueAt
        self.after = after
        self.limit = limit
    }
}

/// One page of leads.
public struct LeadPage: Sendable {
    public var leads: [LeadState]
    /// Pass as ``LeadQuery/after`` for the next page; nil on the last page.
    public var nextAfter: Int64?

    public init(leads: [LeadState], nextAfter: Int64?) {
        self.leads = leads
        self.nextAfter = nextAfter
    }
}

/// A rep's worklist.
public struct RepQueue: Sendable {
    public var rep: RepID
    /// Steps due now or overdue, most urgent (earliest deadline) first.
    public var now: [LeadState]
    /// Steps due later, soonest first.
    public var next: [LeadState]
    /// Snoozed leads, soonest wake-up first: neither due nor overdue until they
    /// wake, but the rep should see them coming.
    public var snoozed: [LeadState]

    public init(rep: RepID, now: [LeadState], next: [LeadState], snoozed: [LeadState] = []) {
        self.rep = rep
        self.now = now
        self.next = next
        self.snoozed = snoozed
    }
}

/// Counts for `status` and `/metrics`.
public struct StoreStatistics: Sendable, Hashable {
    public var events: Int64
    public var leadsByStatus: [LeadStatus: Int]
    public var pendingTimers: Int
    public var nextTimerAt: Instant?
    public var outboxByState: [OutboxState: Int]
    /// Outbox rows that were queued again for a notification id and receiver
    /// already there (the row stands), ever, on this store. Ids are
    /// deterministic and every write is fenced, so this stays 0: anything
    /// else means a timer fired twice or two leaders wrote (issue 14).
    public var notificationsMintedAgain: Int64

    public init(events: Int64, leadsByStatus: [LeadStatus: Int], pendingTimers: Int, nextTimerAt: Instant?,
                outboxByState: [OutboxState: Int], notificationsMintedAgain: Int64 = 0) {
        self.events = events
        self.leadsByStatus = leadsByStatus
        self.pendingTimers = pendingTimers
        self.nextTimerAt = nextTimerAt
        self.outboxByState = outboxByState
        self.notificationsMintedAgain = notificationsMintedAgain
    }

    /// Leads still being worked (open or in nurture).
    public var openLeads: Int { (leadsByStatus[.open] ?? 0) + (leadsByStatus[.nurture] ?? 0) }
}
