public import FollowUpCore
public import FollowUpFormats
public import FollowUpWire

extension CallHours {
    /// `GET /v1/report?by=hour` (docs/api.md): the window, the totals, one
    /// object per weekday × hour with calls, and the default policy's call
    /// windows to read them against. Percentages are null with no call.
    public func body(window: ReportWindow, asOf: Instant) -> CallHoursBody {
        CallHoursBody(
            window: ReportWindowBody(since: window.since, until: window.until, asOf: asOf, by: "hour"),
            calls: calls, connects: connects,
            connectPercent: rate.percentText,
            cells: cells.map { cell in
                CallHourCellBody(weekday: cell.weekday.rawValue, hour: cell.hour, calls: cell.calls, connects: cell.connects,
                                 connectPercent: cell.rate.percentText, window: cell.window)
            },
            callWindows: windows.map { rank in
                CallWindowBody(rank: rank.name, days: rank.days.sorted().map(\.rawValue),
                               hours: rank.hours.map { HourRangeBody(from: $0.from.description, to: $0.to.description) })
            })
    }

    /// ``body(window:asOf:)`` written as the API sends it.
    public func writeJSON(window: ReportWindow, asOf: Instant, to w: inout JSONWriter) {
        body(window: window, asOf: asOf).write(to: &w)
    }
}
