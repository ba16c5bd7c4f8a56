public import FollowUpCore
public import FollowUpFormats
extension CallHours {
    /// `GET /v1/report?by=hour` (docs/api.md): the window, the totals, one
    /// object per weekday × hour with calls, and the default policy's call
    /// windows to read them against. Percentages are null with no call.
    public func writeJSON(window: ReportWindow, asOf: Instant, to w: inout JSONWriter) {
        w.beginObject()
        if let since = window.since { w.instant("since", since) } else { w.null("since") }
        if let until = window.until { w.instant("until", until) } else { w.null("until") }
        w.instant("as_of", asOf)
        w.string("by", "hour")
        w.int("calls", calls)
        w.int("connects", connects)
        w.number("connect_percent", rate.percentText)
        w.beginArray("cells")
        for cell in cells {
            w.beginObject()
            w.string("weekday", cell.weekday.rawValue)
            w.int("hour", cell.hour)
            w.int("calls", cell.calls)
            w.int("connects", cell.connects)
            w.number("connect_percent", cell.rate.percentText)
            if let window = cell.window { w.string("window", window) } else { w.null("window") }
            w.endObject()
        }
        w.endArray()
        w.beginArray("call_windows")
        for rank in windows {
            w.beginObject()
            w.string("rank", rank.name)
            w.beginArray("days")
            for day in rank.days.sorted() { w.string(nil, day.rawValue) }
            w.endArray()
            w.beginArray("hours")
            for range in rank.hours {
                w.beginObject()
                w.string("from", range.from.description)
                w.string("to", range.to.description)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
