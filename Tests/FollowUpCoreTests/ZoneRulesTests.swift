import Foundation
import Testing
@testable import FollowUpCore
import FollowUpTestSupport

/// Local ↔ UTC conversion of ``ZoneRules``: hand-checked transitions of
/// 2026–2027 (expected values worked out from the zones' published rules),
/// gap and overlap readings, and agreement with Foundation's
/// `TimeZone.secondsFromGMT(for:)` at many seeded pseudo-random instants.
@Suite struct ZoneRulesTests {
    /// Zones with unusual offsets or rules: 30-minute DST (Lord_Howe), 45-minute
    /// offsets (Chatham, Kathmandu), half-hour zones (Kolkata, St_Johns), offset
    /// changes that are not DST (Caracas, Pyongyang, Moscow), a skipped day (Apia),
    /// negative DST (Dublin), Ramadan DST (Casablanca), +14 (Kiritimati).
    static let zones = [
        "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham",
        "America/St_Johns", "UTC", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Apia", "Europe/Moscow",
        "America/Caracas", "Asia/Pyongyang", "Africa/Casablanca", "America/Sao_Paulo", "Pacific/Kiritimati",
        "Asia/Kathmandu", "Europe/Dublin", "America/Havana", "Asia/Tehran", "Antarctica/Troll",
        "America/Santiago", "Asia/Gaza", "Europe/London", "Australia/Sydney",
    ]

    static let from2000 = at("2000-01-01T00:00:00Z")
    static let to2041 = at("2041-01-01T00:00:00Z")

    // MARK: Foundation agreement

    @Test(arguments: zones)
    func offsetsMatchFoundationAtSeededRandomInstants(_ id: String) throws {
        let rules = try #require(ZoneRules(identifier: id))
        let tz = try #require(TimeZone(identifier: id))
        var rng = SeededGenerator(seed: 20_261_124, salt: id)
        var mismatches: [String] = []
        for _ in 0..<4_000 {
            let t = rng.instant(from: Self.from2000, to: Self.to2041)
            let expected = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.secondsSinceEpoch))))
            let got = rules.offset(at: t)
            if got != expected { mismatches.append("\(t): \(got) s, Foundation says \(expected) s") }
        }
        #expect(mismatches.isEmpty, "\(id): \(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    @Test func everyKnownZoneAgreesWithFoundation() throws {
        var mismatches: [String] = []
        var rng = SeededGenerator(seed: 42)
        for id in TimeZone.knownTimeZoneIdentifiers {
            guard let tz = TimeZone(identifier: id) else { continue }
            let rules = try #require(ZoneRules(identifier: id), "ZoneRules rejects \(id), which Foundation knows")
            for _ in 0..<150 {
                let t = rng.instant(from: Self.from2000, to: Self.to2041)
                let expected = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.secondsSinceEpoch))))
                if rules.offset(at: t) != expected { mismatches.append("\(id) at \(t): \(rules.offset(at: t)) vs \(expected)") }
            }
        }
        #expect(TimeZone.knownTimeZoneIdentifiers.count > 300)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    /// Checks the offset right at each transition Foundation reports in 2000–2040, and one second before.
    @Test(arguments: zones)
    func offsetsFlipExactlyAtFoundationsTransitions(_ id: String) throws {
        let rules = try #require(ZoneRules(identifier: id))
        let tz = try #require(TimeZone(identifier: id))
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.from2000.secondsSinceEpoch))
        var mismatches: [String] = []
        while let next = tz.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < TimeInterval(Self.to2041.secondsSinceEpoch) {
            let t = Instant(secondsSinceEpoch: Int64(next.timeIntervalSince1970))
            for probe in [t, t - TimeSpan(seconds: 1)] {
                let expected = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe.secondsSinceEpoch))))
                if rules.offset(at: probe) != expected { mismatches.append("\(probe): \(rules.offset(at: probe)) vs \(expected)") }
            }
            cursor = next
        }
        #expect(mismatches.isEmpty, "\(id): \(mismatches.prefix(5))")
    }

    /// local(t) is t shifted by the offset, and converting it back gives t, or
    /// (in a repeated hour) the earlier instant with the same wall clock.
    @Test(arguments: zones)
    func localAndBackRoundTrips(_ id: String) throws {
        let rules = try #require(ZoneRules(identifier: id))
        var rng = SeededGenerator(seed: 7, salt: id)
        var problems: [String] = []
        for _ in 0..<3_000 {
            let t = rng.instant(from: Self.from2000, to: Self.to2041)
            let l = rules.local(t)
            if l.localSeconds != t.secondsSinceEpoch + rules.offset(at: t) { problems.append("local(\(t)) = \(l)") }
            let back = rules.instant(l)
            if back != t {
                // Only allowed in a fall-back overlap: an earlier instant showing the same wall clock, with a larger offset.
                if !(back < t && rules.local(back) == l && rules.offset(at: back) > rules.offset(at: t)) {
                    problems.append("instant(local(\(t)) = \(l)) = \(back)")
                }
            }
        }
        #expect(problems.isEmpty, "\(id): \(problems.prefix(5))")
    }

    // MARK: Hand-checked examples

    struct Example: Sendable, CustomTestStringConvertible {
        var zone: String, local: String, utc: String
        /// What the wall clock shows at `utc` when that differs from `local` (gap times).
        var shows: String? = nil
        var testDescription: String { "\(zone) \(local) → \(utc)" }
    }

    /// Plain times and the 2026–2027 transitions. Gap times are read with the
    /// offset before the gap (so they land as far after the gap's start as they
    /// were: 02:30 → 03:30); repeated times are their first occurrence.
    static let examples: [Example] = [
        // New York: EST −5, EDT −4; DST 2026-03-08, ends 2026-11-01; 2027-03-14, 2027-11-07.
        .init(zone: "America/New_York", local: "2026-11-24 15:00", utc: "2026-11-24T20:00:00Z"),
        .init(zone: "America/New_York", local: "2027-03-15 16:00", utc: "2027-03-15T20:00:00Z"),
        .init(zone: "America/New_York", local: "2027-03-14 01:59", utc: "2027-03-14T06:59:00Z"),
        .init(zone: "America/New_York", local: "2027-03-14 02:00", utc: "2027-03-14T07:00:00Z", shows: "2027-03-14 03:00"),  // gap start → 03:00 EDT
        .init(zone: "America/New_York", local: "2027-03-14 02:30", utc: "2027-03-14T07:30:00Z", shows: "2027-03-14 03:30"),  // gap → 03:30 EDT
        .init(zone: "America/New_York", local: "2027-03-14 03:00", utc: "2027-03-14T07:00:00Z"),
        .init(zone: "America/New_York", local: "2026-03-08 02:00", utc: "2026-03-08T07:00:00Z", shows: "2026-03-08 03:00"),
        .init(zone: "America/New_York", local: "2026-11-01 00:59", utc: "2026-11-01T04:59:00Z"),
        .init(zone: "America/New_York", local: "2026-11-01 01:30", utc: "2026-11-01T05:30:00Z"),  // overlap → first (EDT)
        .init(zone: "America/New_York", local: "2026-11-01 02:00", utc: "2026-11-01T07:00:00Z"),
        .init(zone: "America/New_York", local: "2027-11-07 01:00", utc: "2027-11-07T05:00:00Z"),  // overlap start → first
        // Berlin: CET +1, CEST +2; 2026-03-29, 2026-10-25, 2027-03-28, 2027-10-31.
        .init(zone: "Europe/Berlin", local: "2026-12-02 16:00", utc: "2026-12-02T15:00:00Z"),
        .init(zone: "Europe/Berlin", local: "2026-03-29 02:30", utc: "2026-03-29T01:30:00Z", shows: "2026-03-29 03:30"),
        .init(zone: "Europe/Berlin", local: "2026-10-25 02:30", utc: "2026-10-25T00:30:00Z"),
        .init(zone: "Europe/Berlin", local: "2027-03-28 02:30", utc: "2027-03-28T01:30:00Z", shows: "2027-03-28 03:30"),
        .init(zone: "Europe/Berlin", local: "2027-10-31 02:30", utc: "2027-10-31T00:30:00Z"),
        // Lord Howe: +10:30 standard, +11 DST, a 30-minute change at 02:00 local.
        .init(zone: "Australia/Lord_Howe", local: "2026-04-05 01:45", utc: "2026-04-04T14:45:00Z"),  // overlap → first (+11)
        .init(zone: "Australia/Lord_Howe", local: "2026-10-04 02:15", utc: "2026-10-03T15:45:00Z", shows: "2026-10-04 02:45"),  // gap → 02:45
        .init(zone: "Australia/Lord_Howe", local: "2027-04-04 01:45", utc: "2027-04-03T14:45:00Z"),
        .init(zone: "Australia/Lord_Howe", local: "2027-10-03 02:15", utc: "2027-10-02T15:45:00Z", shows: "2027-10-03 02:45"),
        .init(zone: "Australia/Lord_Howe", local: "2026-07-01 12:00", utc: "2026-07-01T01:30:00Z"),
        // Chatham: +12:45 standard, +13:45 DST, changes at 02:45/03:45 local.
        .init(zone: "Pacific/Chatham", local: "2026-09-27 03:00", utc: "2026-09-26T14:15:00Z", shows: "2026-09-27 04:00"),  // gap
        .init(zone: "Pacific/Chatham", local: "2026-04-05 03:00", utc: "2026-04-04T13:15:00Z"),  // overlap → first
        .init(zone: "Pacific/Chatham", local: "2027-04-04 03:00", utc: "2027-04-03T13:15:00Z"),
        .init(zone: "Pacific/Chatham", local: "2027-09-26 03:00", utc: "2027-09-25T14:15:00Z", shows: "2027-09-26 04:00"),
        // St. John's: −3:30 standard, −2:30 DST, North American dates.
        .init(zone: "America/St_Johns", local: "2026-03-08 02:30", utc: "2026-03-08T06:00:00Z", shows: "2026-03-08 03:30"),  // gap → 03:30 NDT
        .init(zone: "America/St_Johns", local: "2026-11-01 01:30", utc: "2026-11-01T04:00:00Z"),  // overlap → first (NDT)
        .init(zone: "America/St_Johns", local: "2027-03-14 02:30", utc: "2027-03-14T06:00:00Z", shows: "2027-03-14 03:30"),
        .init(zone: "America/St_Johns", local: "2027-11-07 01:30", utc: "2027-11-07T04:00:00Z"),
        // Fixed offsets.
        .init(zone: "Asia/Kolkata", local: "2026-12-07 09:00", utc: "2026-12-07T03:30:00Z"),
        .init(zone: "Asia/Kolkata", local: "2027-03-14 02:30", utc: "2027-03-13T21:00:00Z"),
        .init(zone: "UTC", local: "2026-12-07 09:00", utc: "2026-12-07T09:00:00Z"),
        // Samoa skipped 2011-12-30 entirely (−10 → +14): a time that day lands 24 h later on the wall clock.
        .init(zone: "Pacific/Apia", local: "2011-12-30 12:00", utc: "2011-12-30T22:00:00Z", shows: "2011-12-31 12:00"),
    ]

    @Test(arguments: examples)
    func localToUTC(_ e: Example) {
        #expect(zone(e.zone).instant(local(e.local)) == at(e.utc))
    }

    /// Converting back shows the same wall clock, except for gap times, which
    /// show the time they were moved to (`shows`).
    @Test(arguments: examples)
    func utcToLocalShowsTheWallClock(_ e: Example) {
        #expect(zone(e.zone).local(at(e.utc)) == local(e.shows ?? e.local))
    }

    struct Flip: Sendable, CustomTestStringConvertible {
        var zone: String, at: String, before: Int64, after: Int64
        var testDescription: String { "\(zone) at \(at): \(before) → \(after)" }
    }

    /// The offset one second before each transition and at it (the new offset applies from the transition on).
    static let flips: [Flip] = [
        .init(zone: "America/New_York", at: "2026-03-08T07:00:00Z", before: -18_000, after: -14_400),
        .init(zone: "America/New_York", at: "2026-11-01T06:00:00Z", before: -14_400, after: -18_000),
        .init(zone: "America/New_York", at: "2027-03-14T07:00:00Z", before: -18_000, after: -14_400),
        .init(zone: "America/New_York", at: "2027-11-07T06:00:00Z", before: -14_400, after: -18_000),
        .init(zone: "Europe/Berlin", at: "2026-03-29T01:00:00Z", before: 3_600, after: 7_200),
        .init(zone: "Europe/Berlin", at: "2026-10-25T01:00:00Z", before: 7_200, after: 3_600),
        .init(zone: "Europe/Berlin", at: "2027-03-28T01:00:00Z", before: 3_600, after: 7_200),
        .init(zone: "Europe/Berlin", at: "2027-10-31T01:00:00Z", before: 7_200, after: 3_600),
        .init(zone: "Australia/Lord_Howe", at: "2026-04-04T15:00:00Z", before: 39_600, after: 37_800),
        .init(zone: "Australia/Lord_Howe", at: "2026-10-03T15:30:00Z", before: 37_800, after: 39_600),
        .init(zone: "Pacific/Chatham", at: "2026-04-04T14:00:00Z", before: 49_500, after: 45_900),
        .init(zone: "Pacific/Chatham", at: "2026-09-26T14:00:00Z", before: 45_900, after: 49_500),
        .init(zone: "America/St_Johns", at: "2026-03-08T05:30:00Z", before: -12_600, after: -9_000),
        .init(zone: "America/St_Johns", at: "2026-11-01T04:30:00Z", before: -9_000, after: -12_600),
    ]

    @Test(arguments: flips)
    func offsetChangesExactlyAtTheTransition(_ f: Flip) {
        let z = zone(f.zone)
        #expect(z.offset(at: at(f.at) - TimeSpan(seconds: 1)) == f.before)
        #expect(z.offset(at: at(f.at)) == f.after)
    }

    @Test func fixedZonesHaveOneOffset() {
        #expect(ZoneRules.utc.offset(at: at("2026-11-01T06:00:00Z")) == 0)
        #expect(zone("Asia/Kolkata").offset(at: at("2026-11-01T06:00:00Z")) == 19_800)
        #expect(zone("Asia/Kolkata").offset(at: at("2040-06-01T00:00:00Z")) == 19_800)
        #expect(zone("UTC").local(at("2026-12-31T23:59:59Z")) == LocalDateTime(date: CivilDate(year: 2026, month: 12, day: 31), secondOfDay: 86_399))
    }

    @Test func localBeforeTheEpochFloorsTheDay() {
        // 1969-12-31T23:30:00Z is 18:30 the day before in New York, and 05:00 on 1970-01-01 in Kolkata.
        let t = Instant(secondsSinceEpoch: -1_800)
        #expect(zone("America/New_York").local(t) == local("1969-12-31 18:30"))
        #expect(zone("Asia/Kolkata").local(t) == local("1970-01-01 05:00"))
    }

    @Test func unknownZonesAreRejected() {
        #expect(ZoneRules(identifier: "Mars/Olympus_Mons") == nil)
        #expect(ZoneRules(identifier: "") == nil)
        #expect(ZoneCatalog.shared.rules(for: "Not/AZone") == nil)
        #expect(ZoneCatalog.shared.rules(for: "Europe/Berlin")?.identifier == "Europe/Berlin")
    }

    @Test func theCatalogMemoisesOneTablePerZone() throws {
        let a = try #require(ZoneCatalog.shared.rules(for: "Asia/Tokyo"))
        let b = try #require(ZoneCatalog.shared.rules(for: "Asia/Tokyo"))
        #expect(a === b)
    }
}
