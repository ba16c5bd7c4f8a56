import Testing
@testable import FollowUpCore
import FollowUpTestSupport

@Suite struct RFC3339Tests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var text: String, seconds: Int64
        var testDescription: String { "\(text) = \(seconds)" }
    }

    static let valid: [Valid] = [
        .init(text: "1970-01-01T00:00:00Z", seconds: 0),
        .init(text: "2026-11-24T20:00:00Z", seconds: 1_795_550_400),
        .init(text: "2000-01-01T00:00:00Z", seconds: 946_684_800),
        .init(text: "2040-12-31T23:59:59Z", seconds: 2_240_611_199),
        .init(text: "1900-01-01T00:00:00Z", seconds: -2_208_988_800),
        .init(text: "1969-12-31T23:59:59Z", seconds: -1),
        // Offsets.
        .init(text: "2026-11-24T15:00:00-05:00", seconds: 1_795_550_400),
        .init(text: "2026-11-25T01:30:00+05:30", seconds: 1_795_550_400),
        .init(text: "2026-11-24T16:30:00-03:30", seconds: 1_795_550_400),
        .init(text: "2026-11-24T20:00:00+00:00", seconds: 1_795_550_400),
        .init(text: "2026-11-24T20:00:00-00:00", seconds: 1_795_550_400),
        .init(text: "2026-11-25T19:59:00+23:59", seconds: 1_795_550_400),
        // Case and separator.
        .init(text: "2026-11-24t20:00:00z", seconds: 1_795_550_400),
        .init(text: "2026-11-24 20:00:00Z", seconds: 1_795_550_400),
        // Fractions are truncated toward the past.
        .init(text: "2026-11-24T20:00:00.9Z", seconds: 1_795_550_400),
        .init(text: "2026-11-24T20:00:00.000000001Z", seconds: 1_795_550_400),
        .init(text: "2026-11-24T15:00:00.5-05:00", seconds: 1_795_550_400),
        .init(text: "1969-12-31T23:59:59.999Z", seconds: -1),
        // A leap second is the first second of the next minute.
        .init(text: "2016-12-31T23:59:60Z", seconds: 1_483_228_800),
        // Leap days.
        .init(text: "2028-02-29T00:00:00Z", seconds: 1_835_395_200),
        .init(text: "2000-02-29T00:00:00Z", seconds: 951_782_400),
    ]

    @Test(arguments: valid)
    func parses(_ v: Valid) {
        #expect(RFC3339.parse(v.text) == Instant(secondsSinceEpoch: v.seconds))
    }

    static let invalid = [
        "", "2026-11-24", "2026-11-24T20:00:00", "2026-11-24T20:00Z", "2026-11-24T20:00:00.123",
        "2026-11-24T24:00:00Z", "2026-11-24T20:60:00Z", "2026-11-24T20:00:61Z",
        "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z", "1900-02-29T00:00:00Z",
        "2026-11-24T20:00:00+0100", "2026-11-24T20:00:00+01", "2026-11-24T20:00:00+24:00", "2026-11-24T20:00:00+01:60",
        "2026-11-24T20:00:00.Z", "2026-11-24T20:00:00ZZ", " 2026-11-24T20:00:00Z", "2026-11-24T20:00:00Z ",
        "2026/11/24T20:00:00Z", "2026-11-24X20:00:00Z", "26-11-24T20:00:00Z", "2026-1-24T20:00:00Z",
        "2026-11-24T20:00:00+01:00x", "2026-11-24T2:00:00Z", "２０２６-11-24T20:00:00Z", "2026-11-24T20:00:00 Z",
        "-2026-11-24T20:00:00Z", "2026-11-24T20:00:00,5Z", "now",
    ]

    @Test(arguments: invalid)
    func rejects(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsInUTCWithoutFractions() {
        #expect(RFC3339.format(Instant(secondsSinceEpoch: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(Instant(secondsSinceEpoch: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Instant(secondsSinceEpoch: 1_795_550_400)) == "2026-11-24T20:00:00Z")
        #expect(RFC3339.format(Instant(secondsSinceEpoch: -2_208_988_800)) == "1900-01-01T00:00:00Z")
        #expect(Instant(secondsSinceEpoch: 1_835_395_200).description == "2028-02-29T00:00:00Z")
    }

    @Test func formatAndParseRoundTrip() {
        var rng = SeededGenerator(seed: 3339)
        for _ in 0..<5_000 {
            let t = rng.instant(from: at("1900-01-01T00:00:00Z"), to: at("2200-01-01T00:00:00Z"))
            let text = RFC3339.format(t)
            #expect(RFC3339.parse(text) == t, "\(t.secondsSinceEpoch) → \(text)")
            #expect(text.utf8.count == 20)
        }
    }
}
