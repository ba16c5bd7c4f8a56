import Testing
@testable import FollowUpCore
import FollowUpTestSupport

/// Call-window placement with the default ranks (`best` Wed–Thu 16–17,
/// `afternoon` Mon–Fri 16–17, `morning` Mon–Fri 07:30–08:30, max_shift 48 h)
/// on the `office` calendar. Expected times worked out by hand.
@Suite struct CallWindowsTests {
    static let windows = DefaultRules.windows
    static let office = DefaultRules.office
    static let newYork = zone("America/New_York")

    func place(_ t: String, in zoneID: String = "America/New_York", windows: CallWindows = Self.windows) -> WindowPlacement {
        windows.place(at(t), zone: zone(zoneID), calendar: Self.office)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var t: String, zone: String = "America/New_York", at: String, rank: String, within: Bool = true, why: String
        var testDescription: String { "\(why): \(t) → \(at) (\(rank))" }
    }

    static let cases: [Case] = [
        .init(t: "2026-12-02T21:30:00Z", at: "2026-12-02T21:30:00Z", rank: "best", why: "inside Wed 16:30 EST: t itself"),
        .init(t: "2026-12-02T21:00:00Z", at: "2026-12-02T21:00:00Z", rank: "best", why: "slot start is inside"),
        .init(t: "2026-12-02T22:00:00Z", at: "2026-12-03T21:00:00Z", rank: "best", why: "slot end is outside: Thu 16:00"),
        .init(t: "2026-12-07T14:00:00Z", at: "2026-12-07T21:00:00Z", rank: "afternoon", why: "Mon 09:00: best Wed is 55 h away"),
        .init(t: "2026-12-08T14:00:00Z", at: "2026-12-09T21:00:00Z", rank: "best", why: "Tue 09:00: best Wed 16:00 is 31 h away, beats Tue afternoon"),
        .init(t: "2026-12-08T12:45:00Z", at: "2026-12-09T21:00:00Z", rank: "best", why: "inside Tue morning, but best ranks first"),
        .init(t: "2026-11-25T22:30:00Z", at: "2026-11-27T21:00:00Z", rank: "afternoon", why: "Wed 17:30 before Thanksgiving: Thu slots do not exist"),
        .init(t: "2026-11-26T21:30:00Z", at: "2026-11-27T21:00:00Z", rank: "afternoon", why: "inside a holiday slot is not inside"),
        .init(t: "2026-12-05T21:00:00Z", at: "2026-12-07T21:00:00Z", rank: "afternoon", why: "exactly 48 h is allowed"),
        .init(t: "2026-12-05T20:59:59Z", at: "2026-12-07T12:30:00Z", rank: "morning", why: "48 h + 1 s is not: morning"),
        .init(t: "2026-12-05T20:00:00Z", at: "2026-12-07T12:30:00Z", rank: "morning", why: "Sat 15:00: afternoon 49 h, morning 40.5 h"),
        .init(t: "2026-12-04T22:30:00Z", at: "2026-12-07T12:30:00Z", rank: "morning", within: false,
              why: "Fri 17:30: none within 48 h, the earliest candidate"),
        .init(t: "2027-03-14T15:05:00Z", at: "2027-03-15T20:00:00Z", rank: "afternoon", why: "Mon 16:00 EDT after spring forward"),
        .init(t: "2026-10-31T16:00:00Z", at: "2026-11-02T12:30:00Z", rank: "morning", why: "Sat 12:00 EDT: afternoon Mon 16:00 EST is 53 h, morning Mon 07:30 EST"),
        .init(t: "2026-12-02T15:30:00Z", zone: "Europe/Berlin", at: "2026-12-02T15:30:00Z", rank: "best", why: "Berlin Wed 16:30 CET is inside"),
        .init(t: "2026-12-02T15:42:00Z", zone: "America/Los_Angeles", at: "2026-12-03T00:00:00Z", rank: "best", why: "LA Wed 07:42 → Wed 16:00 PST"),
        .init(t: "2026-12-07T10:00:00Z", zone: "Asia/Kolkata", at: "2026-12-07T10:30:00Z", rank: "afternoon", why: "Kolkata Mon 15:30 → Mon 16:00 IST"),
    ]

    @Test(arguments: cases)
    func placement(_ c: Case) {
        let p = place(c.t, in: c.zone)
        #expect(p.at == at(c.at))
        #expect(p.rank == c.rank)
        #expect(p.withinMaxShift == c.within)
    }

    @Test func everyRanksCandidateIsListedInRankOrder() {
        let p = place("2026-12-07T14:00:00Z")  // Mon 09:00 EST
        #expect(p.candidates.map(\.rank) == ["best", "afternoon", "morning"])
        #expect(p.candidates.map(\.at) == [at("2026-12-09T21:00:00Z"), at("2026-12-07T21:00:00Z"), at("2026-12-08T12:30:00Z")])
    }

    @Test func theHolidayIsTheCalendarsDateNotTheLeads() {
        let morning = CallWindows(ranks: [
            CallWindowRank(name: "morning", days: DefaultRules.weekdays, hours: [DefaultRules.hours("07:30-08:30")]),
        ], maxShift: .hours(48))
        // Tokyo Fri 2026-11-27 07:30 JST starts on Thu 11-26 17:30 EST (Thanksgiving in New York): it does not exist.
        // The next is Mon 11-30 07:30 JST = Sun 11-29 22:30Z.
        #expect(place("2026-11-26T22:00:00Z", in: "Asia/Tokyo", windows: morning).at == at("2026-11-29T22:30:00Z"))
        // Honolulu Thu 11-26 22:00 HST starts on Fri 11-27 03:00 EST: it exists though it is Thursday for the lead.
        let late = CallWindows(ranks: [
            CallWindowRank(name: "late", days: [.thursday], hours: [DefaultRules.hours("22:00-23:00")]),
        ], maxShift: .hours(48))
        #expect(place("2026-11-27T07:00:00Z", in: "Pacific/Honolulu", windows: late).at == at("2026-11-27T08:00:00Z"))
        // Honolulu Thu 11-26 10:00 HST starts on Thu 15:00 EST: it does not exist; next Thursday 12-03 10:00 HST.
        let day = CallWindows(ranks: [
            CallWindowRank(name: "day", days: [.thursday], hours: [DefaultRules.hours("10:00-11:00")]),
        ], maxShift: .hours(48))
        #expect(place("2026-11-26T19:00:00Z", in: "Pacific/Honolulu", windows: day).at == at("2026-12-03T20:00:00Z"))
    }

    @Test func withoutRanksTheTimeIsKept() {
        let none = CallWindows(ranks: [], maxShift: .hours(48))
        let p = place("2026-12-05T21:00:00Z", windows: none)
        #expect(p.at == at("2026-12-05T21:00:00Z"))
        #expect(p.rank == nil)
        #expect(p.candidates.isEmpty)
        let empty = CallWindows(ranks: [CallWindowRank(name: "never", days: [], hours: [DefaultRules.hours("16:00-17:00")])],
                                maxShift: .hours(48))
        #expect(place("2026-12-05T21:00:00Z", windows: empty).rank == nil)
    }

    /// Properties on seeded times: the placement is never before t, lies in a slot of its rank,
    /// and is the first rank within max_shift when one is.
    @Test func placementProperties() {
        var rng = SeededGenerator(seed: 9)
        for zoneID in ["America/New_York", "Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Kolkata"] {
            let z = zone(zoneID)
            for _ in 0..<400 {
                let t = rng.instant(from: at("2026-01-01T00:00:00Z"), to: at("2028-01-01T00:00:00Z"))
                let p = Self.windows.place(t, zone: z, calendar: Self.office)
                #expect(p.at >= t, "\(zoneID) \(t)")
                let rank = Self.windows.ranks.first { $0.name == p.rank }
                let l = z.local(p.at)
                #expect(rank.map { $0.days.contains(l.date.weekday) } == true, "\(zoneID) \(t) → \(p.at) on \(l)")
                #expect(rank.map { r in r.hours.contains { Int64($0.from.minutes) * 60 <= l.secondOfDay && l.secondOfDay < Int64($0.to.minutes) * 60 } } == true,
                        "\(zoneID) \(t) → \(p.at) at \(l)")
                if let firstWithin = p.candidates.first(where: { $0.at - t <= .hours(48) }) {
                    #expect(p.rank == firstWithin.rank && p.withinMaxShift)
                } else {
                    #expect(p.at == p.candidates.map(\.at).min() && !p.withinMaxShift)
                }
            }
        }
    }
}
