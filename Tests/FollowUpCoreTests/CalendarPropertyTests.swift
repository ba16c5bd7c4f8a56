import Testing
@testable import FollowUpCore
import FollowUpTestSupport

/// Every zone of the system's tzdata, 2026–2028, including each DST
/// transition: business-time additions are monotone and end inside open
/// time, `nextOpen` is idempotent and open, and call-window placement lies
/// inside a slot of its rank that is no holiday.
@Suite struct CalendarPropertyTests {
    static let spans: [TimeSpan] = [TimeSpan(seconds: 1), .minutes(30), .hours(2), .hours(9), .days(3)]
    static let everyDay = Set(Weekday.allCases)

    /// Office hours, and a night shift whose hours cover the 00:00–03:30 local
    /// times at which zones change their clocks; both closed on seeded holidays
    /// and on the dates of the zone's transitions.
    static func calendars(_ rules: ZoneRules, transitions: [Instant]) -> [BusinessCalendar] {
        var rng = SeededGenerator(seed: 11, salt: rules.identifier)
        var holidays = Set(transitions.map { rules.local($0).date })
        for _ in 0..<20 { holidays.insert(rules.local(rng.instant(from: ZoneSamples.from, to: ZoneSamples.to)).date) }
        // Close only every other transition date, so transitions on open days are tested too.
        holidays.subtract(transitions.enumerated().filter { $0.offset % 2 == 0 }.map { rules.local($0.element).date })
        let office = Dictionary(uniqueKeysWithValues: DefaultRules.weekdays.map { ($0, [DefaultRules.hours("09:00-17:00")]) })
        let night = Dictionary(uniqueKeysWithValues: everyDay.map {
            ($0, [DefaultRules.hours("00:00-03:30"), DefaultRules.hours("22:00-24:00")])
        })
        return [BusinessCalendar(name: "office", zone: rules, hours: office, holidays: holidays),
                BusinessCalendar(name: "night", zone: rules, hours: night, holidays: holidays)]
    }

    @Test func businessTimeAdditionsAreMonotoneAndEndInOpenTime() {
        var failures: [String] = []
        var checked = 0
        for name in ZoneSamples.names {
            guard let rules = ZoneCatalog.shared.rules(for: name) else { continue }
            let transitions = ZoneSamples.transitions(name)
            for calendar in Self.calendars(rules, transitions: transitions) {
                for t in ZoneSamples.instants(name, random: 12) {
                    var last = t
                    for span in Self.spans {
                        checked += 1
                        let end = calendar.add(span, to: t)
                        let why = "\(name) \(calendar.name): \(span) from \(t) → \(end)"
                        if end <= t || end < last { failures.append("\(why): not after the shorter span's \(last)") }
                        // The end may be a closing instant, so the second before it must be open.
                        if !calendar.isOpen(at: end - TimeSpan(seconds: 1)) { failures.append("\(why): lands in closed time") }
                        if calendar.openTime(from: t, to: end) != span {
                            failures.append("\(why): counts \(calendar.openTime(from: t, to: end)) of open time")
                        }
                        if calendar.add(span, to: t + .minutes(30)) < end { failures.append("\(why): later start ends earlier") }
                        last = end
                    }
                }
            }
        }
        #expect(checked > 20_000, "only \(checked) cases: the samples are missing")
        #expect(failures.count == 0, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func nextOpenIsIdempotentAndOpen() {
        var failures: [String] = []
        var checked = 0
        for name in ZoneSamples.names {
            guard let rules = ZoneCatalog.shared.rules(for: name) else { continue }
            let transitions = ZoneSamples.transitions(name)
            for calendar in Self.calendars(rules, transitions: transitions) {
                for t in ZoneSamples.instants(name, random: 12) {
                    checked += 1
                    let open = calendar.nextOpen(from: t)
                    let why = "\(name) \(calendar.name): nextOpen(\(t)) = \(open)"
                    if open < t { failures.append("\(why): before t") }
                    if calendar.nextOpen(from: open) != open { failures.append("\(why), then \(calendar.nextOpen(from: open))") }
                    if !calendar.isOpen(at: open) { failures.append("\(why): closed then") }
                    if calendar.openTime(from: t, to: open) != .zero { failures.append("\(why): open time skipped") }
                }
            }
        }
        #expect(checked > 20_000, "only \(checked) cases: the samples are missing")
        #expect(failures.count == 0, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func callWindowPlacementLiesInsideASlot() {
        var failures: [String] = []
        var checked = 0
        let windows = DefaultRules.windows
        for name in ZoneSamples.names {
            guard let rules = ZoneCatalog.shared.rules(for: name) else { continue }
            let transitions = ZoneSamples.transitions(name)
            let office = Self.calendars(rules, transitions: transitions)[0]
            // The lead in the calendar's zone, and in another: holidays are the calendar's dates.
            let other = ZoneCatalog.shared.rules(for: name == "America/New_York" ? "Asia/Kolkata" : "America/New_York")!
            for lead in [rules, other] {
                for t in ZoneSamples.instants(name, random: 12) {
                    checked += 1
                    let p = windows.place(t, zone: lead, calendar: office)
                    let why = "\(name) (lead in \(lead.identifier)): \(t) placed at \(p.at) (\(p.rank ?? "none"))"
                    guard let rankName = p.rank, let rank = windows.ranks.first(where: { $0.name == rankName }) else {
                        failures.append("\(why): no rank")
                        continue
                    }
                    if p.at < t { failures.append("\(why): before t") }
                    if p.withinMaxShift && p.at - t > windows.maxShift { failures.append("\(why): beyond max_shift") }
                    if !Self.inside(p.at, rank: rank, zone: lead, calendar: office) { failures.append("\(why): outside its slots") }
                }
            }
        }
        #expect(checked > 20_000, "only \(checked) cases: the samples are missing")
        #expect(failures.count == 0, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    /// Whether `t` lies in a slot of `rank` (local date and hours in `zone`) that does not start on a holiday.
    static func inside(_ t: Instant, rank: CallWindowRank, zone: ZoneRules, calendar: BusinessCalendar) -> Bool {
        let today = zone.local(t).date
        for date in [CivilDate(daysSinceEpoch: today.daysSinceEpoch - 1), today] where rank.days.contains(date.weekday) {
            for range in rank.hours {
                let start = zone.instant(LocalDateTime(date: date, time: range.from))
                let end = zone.instant(LocalDateTime(date: date, time: range.to))
                if start <= t && t < end && !calendar.isHoliday(start) { return true }
            }
        }
        return false
    }
}
