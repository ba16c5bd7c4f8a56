import FollowUpCore
@testable import FollowUpWire
import Testing

/// `GET /v1/report?by=hour`.
@Suite struct CallHoursBodyTests {
    @Test func callHoursRoundTrip() throws {
        let cell = CallHourCellBody(weekday: "tue", hour: 9, calls: 8, connects: 3, connectPercent: "37.5", window: "prime")
        let quiet = CallHourCellBody(weekday: "sat", hour: 22, calls: 1, connects: 0, connectPercent: "0.0", window: nil)
        let window = CallWindowBody(rank: "prime", days: ["mon", "tue"], hours: [HourRangeBody(from: "09:00", to: "11:30")])
        try expectRoundTrip(CallHoursBody(window: ReportWindowBody(since: at(), until: nil, asOf: at(600), by: "hour"),
                                          calls: 9, connects: 3,
                                          connectPercent: "33.3", cells: [cell, quiet], callWindows: [window]))
        try expectRoundTrip(CallHoursBody(window: ReportWindowBody(since: nil, until: nil, asOf: at(), by: "hour"),
                                          calls: 0, connects: 0,
                                          connectPercent: nil, cells: [], callWindows: []))
    }

    @Test func aPercentageIsKeptAsWritten() throws {
        let cell = CallHourCellBody(weekday: "tue", hour: 9, calls: 3, connects: 1, connectPercent: "33.3", window: nil)
        #expect(String(decoding: cell.jsonBytes, as: UTF8.self).contains(#""connect_percent":33.3,"#))
    }
}
