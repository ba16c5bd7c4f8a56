import FollowUpCore
import GRDB

extension StoreWorld: TimedWorld {
    /// The earliest due timer: a rep's planned change from the team (few, in
    /// memory) or a lead's from the `timers` table, whose row is deleted
    /// before the engine fires it, so no timer fires twice.
    ///
    /// What the engine saved so far is written first, so the timers it asked
    /// for are rows. ``timerFloor`` spares the query when no row can be due:
    /// a batch of events at the clock's now asks once, not before every event.
    func takeTimer(dueBefore limit: Instant, inclusive: Bool) throws -> LeadTimer? {
        func due(_ at: Instant) -> Bool { at < limit || (inclusive && at == limit) }
        try flush()
        if let written = earliestTimer, let floor = timerFloor, written < floor { timerFloor = written }
        let change = team.timers.first.flatMap { due($0.at) ? $0 : nil }
        var earliest: LeadTimer?
        if timerFloor.map(due) ?? true {
            earliest = try TimerRow.earliest(db)
            timerFloor = earliest?.at ?? Instant(secondsSinceEpoch: .max)
        }
        if let found = earliest, !due(found.at) { earliest = nil }
        if let change, earliest.map({ change < $0 }) ?? true { return change }
        guard let timer = earliest else { return nil }
        try TimerRow.delete(timer, db)
        tallies.add(TallyDelta.timers, -1)
        return timer
    }
}
