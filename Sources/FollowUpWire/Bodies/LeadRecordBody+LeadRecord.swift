public import FollowUpCore

extension LeadRecordBody {
    /// `GET /v1/leads/{id}`. `rules`: see ``LeadBody/init(_:rules:)``.
    /// `reader`: the owner's zone and the daemon's now, written as `timezone`
    /// and `at` so a client can show the UTC times on the owner's clock.
    public init(_ record: LeadRecord, rules: Rules?, reader: (zone: String, now: Instant)?) {
        self.init(at: reader?.now, timezone: reader?.zone, lead: LeadBody(record.state, rules: rules),
                  timers: record.timers.map { LeadTimerBody(kind: $0.kind.code, at: $0.at) },
                  events: record.events.map(LoggedEventBody.init),
                  notifications: record.notifications.map(LeadNotificationBody.init))
    }
}

extension LeadNotificationBody {
    /// One notification with where it stands with its receiver; a retry time only while it is pending.
    public init(_ entry: OutboxEntry) {
        let n = entry.notification
        self.init(id: n.id, at: n.at, kind: n.kind, to: n.to, step: n.step, channel: n.channel, deadline: n.deadline,
                  reason: n.reason, receiver: entry.receiver, state: entry.state, attempts: entry.attempts,
                  lastError: entry.lastError, nextAttemptAt: entry.state == .pending ? entry.nextAttemptAt : nil,
                  deliveredAt: entry.deliveredAt)
    }
}
