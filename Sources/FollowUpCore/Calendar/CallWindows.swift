/// One ranked call window: weekly slots in the lead's local time, e.g.
/// `best`: Wed, Thu 16:00–17:00.
public struct CallWindowRank: Hashable, Sendable {
    public var name: String
    public var days: Set<Weekday>
    /// The slots of each listed day, sorted and non-overlapping.
    public var hours: [HourRange]

    public init(name: String, days: Set<Weekday>, hours: [HourRange]) {
        self.name = name
        self.days = days
        self.hours = hours.sorted { $0.from < $1.from }
    }
}

/// Where a call step lands and why: the chosen time and every rank's candidate.
public struct WindowPlacement: Hashable, Sendable {
    /// One rank's candidate: `t` itself when inside one of its slots, else its next slot's start.
    public struct Candidate: Hashable, Sendable {
        public var rank: String
        public var at: Instant
    }

    /// The chosen time.
    public var at: Instant
    /// The rank chosen, nil when no rank had any slot (then `at` is the requested time).
    public var rank: String?
    /// Whether the chosen rank was the first within `max_shift`; false when
    /// none was and the earliest candidate of any rank was taken instead.
    public var withinMaxShift: Bool
    /// Each rank's candidate in rank order (ranks without a slot in a year are left out).
    public var candidates: [Candidate]
}

/// The ranked call windows of a policy and the rule that picks among them.
///
/// `place(t)`: for each rank in order, its candidate is `t` when `t` lies inside
/// one of its slots, else the start of its next slot. The first rank whose
/// candidate is at most ``maxShift`` after `t` wins; if none is, the earliest
/// candidate of any rank. A slot that starts on a holiday of the policy's
/// calendar (the date taken in the calendar's zone) does not exist.
public struct CallWindows: Hashable, Sendable {
    public var ranks: [CallWindowRank]
    public var maxShift: TimeSpan

    /// How far ahead a rank's next slot is looked for: a year covers any holiday list.
    static let horizonDays = 400

    public init(ranks: [CallWindowRank], maxShift: TimeSpan) {
        self.ranks = ranks
        self.maxShift = maxShift
    }

    /// Places `t` for a lead in `zone`, skipping slots that start on holidays of `calendar`.
    public func place(_ t: Instant, zone: ZoneRules, calendar: BusinessCalendar) -> WindowPlacement {
        var candidates: [WindowPlacement.Candidate] = []
        for rank in ranks {
            if let at = candidate(for: rank, at: t, zone: zone, calendar: calendar) {
                candidates.append(.init(rank: rank.name, at: at))
            }
        }
        if let first = candidates.first(where: { $0.at - t <= maxShift }) {
            return WindowPlacement(at: first.at, rank: first.rank, withinMaxShift: true, candidates: candidates)
        }
        if let earliest = candidates.min(by: { $0.at < $1.at }) {
            return WindowPlacement(at: earliest.at, rank: earliest.rank, withinMaxShift: false, candidates: candidates)
        }
        return WindowPlacement(at: t, rank: nil, withinMaxShift: false, candidates: [])
    }

    /// `t` when inside one of the rank's slots, else the start of its next slot.
    func candidate(for rank: CallWindowRank, at t: Instant, zone: ZoneRules, calendar: BusinessCalendar) -> Instant? {
        guard !rank.days.isEmpty, !rank.hours.isEmpty else { return nil }
        var date = zone.local(t).date
        for _ in 0..<Self.horizonDays {
            if rank.days.contains(date.weekday) {
                for range in rank.hours {
                    let start = zone.instant(LocalDateTime(date: date, time: range.from))
                    let end = zone.instant(LocalDateTime(date: date, time: range.to))
                    guard end > t, end > start, !calendar.isHoliday(start) else { continue }
                    return start <= t ? t : start
                }
            }
            date = date.next
        }
        return nil
    }
}
