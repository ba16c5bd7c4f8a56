import Testing
@testable import FollowUpCore
import FollowUpTestSupport

/// Business time: examples worked out by hand on the `office` calendar
/// (America/New_York, Mon–Fri 08:00–18:00, holidays 2026-11-26, 2026-12-25,
/// 2027-01-01), and properties checked on seeded pseudo-random cases over
/// several calendars.
@Suite struct BusinessCalendarTests {
    static let office = DefaultRules.office

    static func calendar(_ name: String, _ zoneID: String, days: Set<Weekday>, _ ranges: [String],
                         holidays: Set<CivilDate> = []) -> BusinessCalendar {
        BusinessCalendar(name: name, zone: zone(zoneID),
                         hours: Dictionary(uniqueKeysWithValues: days.map { ($0, ranges.map(DefaultRules.hours)) }),
                         holidays: holidays)
    }

    /// A lunch break, in Berlin.
    static let lunch = calendar("lunch", "Europe/Berlin", days: DefaultRules.weekdays, ["09:00-12:00", "13:00-17:00"])
    /// Open around the clock in New York: business time is wall time, DST included.
    static let always = calendar("always", "America/New_York", days: Set(Weekday.allCases), ["00:00-24:00"])
    /// Open only in the hours DST changes touch (gap and overlap), every day.
    static let nightOwl = calendar("night", "America/New_York", days: Set(Weekday.allCases), ["01:00-03:00"])
    /// Half-hour DST, short split days.
    static let lordHowe = calendar("lh", "Australia/Lord_Howe", days: [.saturday, .sunday, .monday],
                                   ["01:30-02:30", "20:00-24:00"], holidays: [DefaultRules.date("2026-10-05")])

    struct Case: Sendable, CustomTestStringConvertible {
        var start: String, span: TimeSpan, end: String, why: String
        var testDescription: String { "\(why): \(start) + \(span) = \(end)" }
    }

    static let examples: [Case] = [
        .init(start: "2026-12-04T22:58:00Z", span: .minutes(5), end: "2026-12-07T13:03:00Z",
              why: "Fri 17:58 EST + 5m skips the weekend to Mon 08:03"),
        .init(start: "2026-12-07T22:00:00Z", span: .hours(1), end: "2026-12-07T23:00:00Z",
              why: "Mon 17:00 + 1h ends exactly at the 18:00 close"),
        .init(start: "2026-12-07T23:00:00Z", span: .minutes(5), end: "2026-12-08T13:05:00Z",
              why: "a count never starts at 18:00: Tue 08:05"),
        .init(start: "2026-12-07T11:00:00Z", span: .minutes(5), end: "2026-12-07T13:05:00Z",
              why: "before opening: Mon 06:00 → 08:05"),
        .init(start: "2026-12-07T13:00:00Z", span: .hours(10), end: "2026-12-07T23:00:00Z",
              why: "a full day: Mon 08:00 + 10h = 18:00"),
        .init(start: "2026-12-07T13:00:00Z", span: TimeSpan(seconds: 36_001), end: "2026-12-08T13:00:01Z",
              why: "a full day and a second"),
        .init(start: "2026-12-07T13:00:00Z", span: .hours(50), end: "2026-12-11T23:00:00Z",
              why: "a whole working week ends Fri 18:00"),
        .init(start: "2026-11-25T22:30:00Z", span: .hours(1), end: "2026-11-27T13:30:00Z",
              why: "Wed 17:30 + 1h: 30m, Thanksgiving closed, Fri 08:30"),
        .init(start: "2026-12-24T22:00:00Z", span: .hours(4), end: "2026-12-28T16:00:00Z",
              why: "Thu 12-24 17:00 + 4h: 1h, Christmas Fri, weekend, Mon 11:00"),
        .init(start: "2026-12-31T22:00:00Z", span: .hours(2), end: "2027-01-04T14:00:00Z",
              why: "Thu 12-31 17:00 + 2h: New Year's Day closed, Mon 09:00"),
        .init(start: "2027-03-12T21:00:00Z", span: .hours(4), end: "2027-03-15T14:00:00Z",
              why: "spring forward: Fri 16:00 EST + 4h = Mon 10:00 EDT"),
        .init(start: "2027-03-13T15:00:00Z", span: .minutes(5), end: "2027-03-15T12:05:00Z",
              why: "Saturday capture, Mon 08:05 EDT"),
        .init(start: "2026-10-30T20:00:00Z", span: .hours(4), end: "2026-11-02T15:00:00Z",
              why: "fall back: Fri 16:00 EDT + 4h = Mon 10:00 EST"),
        .init(start: "2026-12-06T15:00:00Z", span: .zero, end: "2026-12-06T15:00:00Z",
              why: "zero span on a Sunday returns the start"),
        .init(start: "2026-12-06T15:00:00Z", span: TimeSpan(seconds: -60), end: "2026-12-06T15:00:00Z",
              why: "a negative span returns the start"),
    ]

    @Test(arguments: examples)
    func addOnTheOfficeCalendar(_ c: Case) {
        #expect(Self.office.add(c.span, to: at(c.start)) == at(c.end))
    }

    @Test func addOnOtherCalendars() {
        // Berlin lunch break: Mon 2026-12-07 09:00 CET = 08:00Z.
        #expect(Self.lunch.add(.hours(3), to: at("2026-12-07T08:00:00Z")) == at("2026-12-07T11:00:00Z"))  // 12:00, the lunch close
        #expect(Self.lunch.add(.hours(3) + .minutes(1), to: at("2026-12-07T08:00:00Z")) == at("2026-12-07T12:01:00Z"))  // 13:01
        #expect(Self.lunch.add(.hours(7), to: at("2026-12-07T08:00:00Z")) == at("2026-12-07T16:00:00Z"))  // 17:00
        #expect(Self.lunch.add(.minutes(1), to: at("2026-12-07T16:00:00Z")) == at("2026-12-08T08:01:00Z"))  // Tue 09:01
        // Around the clock across both New York transitions: wall time.
        #expect(Self.always.add(.hours(24), to: at("2027-03-13T17:00:00Z")) == at("2027-03-14T17:00:00Z"))
        #expect(Self.always.add(.hours(24), to: at("2026-10-31T17:00:00Z")) == at("2026-11-01T17:00:00Z"))
        // 01:00–03:00 every day: on 2027-03-14 it is 01:00–03:00 with 02:00–03:00 skipped, so only 1 h;
        // on 2026-11-01 it is 3 h (01:00 EDT … 03:00 EST).
        #expect(Self.nightOwl.openTime(from: at("2027-03-14T04:00:00Z"), to: at("2027-03-15T04:00:00Z")) == .hours(1))
        #expect(Self.nightOwl.openTime(from: at("2026-11-01T04:00:00Z"), to: at("2026-11-02T04:00:00Z")) == .hours(3))
        // Start inside the repeated hour of 2026-11-01, at 01:30 EST (06:30Z): 1h30m left that night.
        #expect(Self.nightOwl.add(.hours(1) + .minutes(30), to: at("2026-11-01T06:30:00Z")) == at("2026-11-01T08:00:00Z"))
        #expect(Self.nightOwl.add(.hours(1) + .minutes(31), to: at("2026-11-01T06:30:00Z")) == at("2026-11-02T06:01:00Z"))
    }

    @Test func openTimeExamples() {
        let o = Self.office
        #expect(o.openTime(from: at("2026-12-04T22:00:00Z"), to: at("2026-12-07T14:00:00Z")) == .hours(2))  // Fri 17:00 → Mon 09:00
        #expect(o.openTime(from: at("2026-11-25T13:00:00Z"), to: at("2026-11-27T23:00:00Z")) == .hours(20))  // Wed 08:00 → Fri 18:00, Thu closed
        #expect(o.openTime(from: at("2026-12-05T12:00:00Z"), to: at("2026-12-06T23:00:00Z")) == .zero)  // the weekend
        #expect(o.openTime(from: at("2026-12-07T15:00:00Z"), to: at("2026-12-07T15:00:00Z")) == .zero)
        #expect(o.openTime(from: at("2026-12-07T16:00:00Z"), to: at("2026-12-07T15:00:00Z")) == .zero)  // end before start
        #expect(o.openTime(from: at("2027-03-12T21:00:00Z"), to: at("2027-03-15T14:00:00Z")) == .hours(4))
    }

    @Test func holidaysAreDatesInTheCalendarsZone() {
        let o = Self.office
        #expect(!o.isHoliday(at("2026-11-26T04:59:59Z")))  // Wed 23:59:59 EST
        #expect(o.isHoliday(at("2026-11-26T05:00:00Z")))  // Thu 00:00 EST
        #expect(o.isHoliday(at("2026-11-27T04:59:59Z")))
        #expect(!o.isHoliday(at("2026-11-27T05:00:00Z")))
    }

    @Test func closedDaysNameHolidaysAndClosedWeekdays() {
        let closed = Self.office.closedDays(from: at("2026-11-25T15:00:00Z"), to: at("2026-11-30T15:00:00Z"))
        #expect(closed.map(\.description) == ["2026-11-26 Thu (holiday)", "2026-11-28 Sat (closed)", "2026-11-29 Sun (closed)"])
        #expect(Self.office.closedDays(from: at("2026-12-07T15:00:00Z"), to: at("2026-12-07T16:00:00Z")).isEmpty)
    }

    @Test func aCalendarWithoutOpenHoursAddsWallTime() {
        let never = BusinessCalendar(name: "never", zone: zone("UTC"), hours: [:], holidays: [])
        #expect(!never.hasOpenHours)
        #expect(never.add(.hours(3), to: at("2026-12-07T15:00:00Z")) == at("2026-12-07T18:00:00Z"))
        #expect(Self.office.hasOpenHours)
    }

    // MARK: Properties

    static let calendars: [(String, BusinessCalendar)] = [
        ("office", office), ("lunch", lunch), ("always", always), ("nightOwl", nightOwl), ("lordHowe", lordHowe),
    ]
    static var calendarNames: [String] { calendars.map(\.0) }
    static func named(_ name: String) -> BusinessCalendar { calendars.first { $0.0 == name }!.1 }

    static let from = at("2026-01-01T00:00:00Z")
    static let to = at("2028-01-01T00:00:00Z")

    static func span(_ rng: inout SeededGenerator) -> TimeSpan {
        // Mostly short spans (minutes to a day), some long ones (weeks), all at least a second.
        Bool.random(using: &rng)
            ? TimeSpan(seconds: Int64.random(in: 1...(36_000 * 2), using: &rng))
            : TimeSpan(seconds: Int64.random(in: 1...(3_600 * 200), using: &rng))
    }

    @Test(arguments: calendarNames)
    func addingInTwoPartsEqualsAddingTheSum(_ name: String) {
        let cal = Self.named(name)
        var rng = SeededGenerator(seed: 1, salt: name)
        var failures: [String] = []
        for _ in 0..<1_500 {
            let t = rng.instant(from: Self.from, to: Self.to)
            let a = Self.span(&rng), b = Self.span(&rng)
            let whole = cal.add(a + b, to: t), parts = cal.add(b, to: cal.add(a, to: t))
            if whole != parts { failures.append("t=\(t) a=\(a) b=\(b): \(whole) vs \(parts)") }
        }
        #expect(failures.isEmpty, "\(name): \(failures.prefix(5))")
    }

    /// The result is open time, or exactly a close time: the second just before it was open.
    @Test(arguments: calendarNames)
    func resultIsNeverInAClosedPeriodExceptAtAClose(_ name: String) {
        let cal = Self.named(name)
        var rng = SeededGenerator(seed: 2, salt: name)
        var failures: [String] = []
        for _ in 0..<1_500 {
            let t = rng.instant(from: Self.from, to: Self.to)
            let s = Self.span(&rng)
            let r = cal.add(s, to: t)
            if cal.openTime(from: r - TimeSpan(seconds: 1), to: r) != TimeSpan(seconds: 1) {
                failures.append("t=\(t) s=\(s) → \(r), which is not reached by open time")
            }
        }
        #expect(failures.isEmpty, "\(name): \(failures.prefix(5))")
    }

    @Test(arguments: calendarNames)
    func openTimeUpToTheResultIsTheSpan(_ name: String) {
        let cal = Self.named(name)
        var rng = SeededGenerator(seed: 3, salt: name)
        var failures: [String] = []
        for _ in 0..<1_500 {
            let t = rng.instant(from: Self.from, to: Self.to)
            let s = Self.span(&rng)
            let r = cal.add(s, to: t)
            if cal.openTime(from: t, to: r) != s { failures.append("t=\(t) s=\(s) → \(r): openTime \(cal.openTime(from: t, to: r))") }
            if r - t < s { failures.append("t=\(t) s=\(s) → \(r): faster than wall time") }
        }
        #expect(failures.isEmpty, "\(name): \(failures.prefix(5))")
    }

    @Test(arguments: calendarNames)
    func addIsMonotonicInTheStart(_ name: String) {
        let cal = Self.named(name)
        var rng = SeededGenerator(seed: 4, salt: name)
        var failures: [String] = []
        for _ in 0..<1_500 {
            let t1 = rng.instant(from: Self.from, to: Self.to)
            let t2 = t1 + TimeSpan(seconds: Int64.random(in: 0...(86_400 * 4), using: &rng))
            let s = Self.span(&rng)
            if cal.add(s, to: t1) > cal.add(s, to: t2) { failures.append("s=\(s): \(t1) → \(cal.add(s, to: t1)) but \(t2) → \(cal.add(s, to: t2))") }
        }
        #expect(failures.isEmpty, "\(name): \(failures.prefix(5))")
    }

    @Test func aroundTheClockBusinessTimeIsWallTime() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<1_000 {
            let t = rng.instant(from: Self.from, to: Self.to)
            let s = Self.span(&rng)
            #expect(Self.always.add(s, to: t) == t + s, "t=\(t) s=\(s)")
        }
    }
}
