import Testing
@testable import FollowUpCore
import FollowUpTestSupport

/// `followupctl snooze --until TIME`: the three forms, what each means in the
/// lead's zone, and the DST nights where "a day" is not 24 hours.
@Suite struct WakeUpTimeTests {
    let newYork = zone("America/New_York")

    func wake(_ text: String, now: String = "2026-12-01T15:00:00Z", in zone: ZoneRules? = nil) throws -> Instant {
        try WakeUpTime(parsing: text).resolve(now: at(now), zone: zone ?? newYork)
    }

    @Test func anRFC3339TimeIsThatInstantWhateverTheZone() throws {
        #expect(try wake("2026-12-14T15:00:00Z") == at("2026-12-14T15:00:00Z"))
        #expect(try wake("2026-12-14T10:00:00-05:00", in: zone("Asia/Tokyo")) == at("2026-12-14T15:00:00Z"))
        #expect(try WakeUpTime(parsing: "2026-12-14T15:00:00Z").dependsOnZone == false)
    }

    @Test func aDateIsNineInTheMorningWhereTheLeadIs() throws {
        #expect(try wake("2026-12-14") == at("2026-12-14T14:00:00Z"), "09:00 EST")
        #expect(try wake("2026-07-14") == at("2026-07-14T13:00:00Z"), "09:00 EDT")
        #expect(try wake("2026-12-14", in: zone("Europe/Berlin")) == at("2026-12-14T08:00:00Z"))
        #expect(try wake("2026-12-14", in: .utc) == at("2026-12-14T09:00:00Z"))
        #expect(try WakeUpTime(parsing: " 2026-12-14 ") == .date(CivilDate(year: 2026, month: 12, day: 14)))
        #expect(try WakeUpTime(parsing: "2026-12-14").dependsOnZone)
    }

    @Test func aDateOnADSTChangeDayTakesThatDaysOffsetAtNine() throws {
        // New York springs forward at 02:00 on Sun 2026-03-08 and falls back at 02:00 on Sun 2026-11-01:
        // by 09:00 the new offset holds.
        #expect(try wake("2026-03-08", now: "2026-03-01T15:00:00Z") == at("2026-03-08T13:00:00Z"), "EDT, −4")
        #expect(try wake("2026-11-01", now: "2026-10-20T15:00:00Z") == at("2026-11-01T14:00:00Z"), "EST, −5")
        #expect(try wake("2026-03-29", now: "2026-03-20T15:00:00Z", in: zone("Europe/Berlin")) == at("2026-03-29T07:00:00Z"),
                "CEST, +2, the day Berlin springs forward")
    }

    @Test func hoursAreElapsedTimeEvenAcrossADSTChange() throws {
        #expect(try wake("12h") == at("2026-12-02T03:00:00Z"))
        // 15:00 EST Saturday + 12h crosses the spring-forward gap: still 12 hours, 04:00 EDT by the clock.
        #expect(try wake("12h", now: "2026-03-07T20:00:00Z") == at("2026-03-08T08:00:00Z"))
        #expect(try WakeUpTime(parsing: "12h").dependsOnZone == false)
    }

    @Test func daysAndWeeksKeepTheWallClockTimeInTheLeadsZone() throws {
        #expect(try wake("30d") == at("2026-12-31T15:00:00Z"))
        #expect(try WakeUpTime(parsing: "30D") == .duration(count: 30, unit: .days))
        // Sat 10:00 EST + 1d = Sun 10:00 EDT: 23 hours.
        #expect(try wake("1d", now: "2026-03-07T15:00:00Z") == at("2026-03-08T14:00:00Z"))
        // Sat 10:00 EDT + 1d = Sun 10:00 EST: 25 hours.
        #expect(try wake("1d", now: "2026-10-31T14:00:00Z") == at("2026-11-01T15:00:00Z"))
        // Tue 10:00 EST + 2w = Tue 10:00 EDT.
        #expect(try wake("2w", now: "2026-03-03T15:00:00Z") == at("2026-03-17T14:00:00Z"))
        #expect(try WakeUpTime(parsing: "2w").dependsOnZone)
    }

    @Test func aWallClockTimeTheGapSkipsOrTheFallBackRepeatsIsReadAsZoneRulesReadsIt() throws {
        // 02:30 EST on Saturday; Sunday's 02:30 does not exist: 03:30 EDT, 24 hours later.
        #expect(try wake("1d", now: "2026-03-07T07:30:00Z") == at("2026-03-08T07:30:00Z"))
        // 01:30 EDT on Saturday; Sunday's 01:30 happens twice: the first (EDT), 24 hours later.
        #expect(try wake("1d", now: "2026-10-31T05:30:00Z") == at("2026-11-01T05:30:00Z"))
    }

    @Test(arguments: [
        ("monday", "is not a wake-up time"),
        ("", "is not a wake-up time"),
        ("2026-02-30", "is not a wake-up time"),
        ("2026-12-14T25:00:00Z", "is not a wake-up time"),
        ("30m", "is not a wake-up time"),
        ("0d", "must be at least 1d"),
        ("x3d", "a duration is a whole number"),
        ("-3d", "a duration is a whole number"),
        ("100000w", "a duration is a whole number"),
        ("d", "a duration is a whole number"),
    ])
    func badTextSaysWhatIsAccepted(text: String, message: String) {
        #expect {
            _ = try WakeUpTime(parsing: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
