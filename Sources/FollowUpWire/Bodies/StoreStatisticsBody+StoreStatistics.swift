public import FollowUpCore

extension StoreStatisticsBody {
    /// The store's counts, every lead status and outbox state listed (zero included).
    public init(_ statistics: StoreStatistics) {
        self.init(events: statistics.events,
                  leads: Dictionary(uniqueKeysWithValues: LeadStatus.allCases.map { ($0, statistics.leadsByStatus[$0] ?? 0) }),
                  openLeads: statistics.openLeads, pendingTimers: statistics.pendingTimers,
                  nextTimerAt: statistics.nextTimerAt,
                  outbox: Dictionary(uniqueKeysWithValues: OutboxState.allCases.map { ($0, statistics.outboxByState[$0] ?? 0) }))
    }
}
