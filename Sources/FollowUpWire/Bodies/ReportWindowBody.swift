public import FollowUpCore
public import FollowUpFormats

/// Which leads a report counts and how: captured from `since` until `until`
/// (null: no bound), as of the daemon's `as_of`, grouped `by` (`hour` for call
/// hours). Its members open both reports, beside their own.
public struct ReportWindowBody: WireBody {
    public var since: Instant?
    public var until: Instant?
    public var asOf: Instant
    public var by: String

    public init(since: Instant?, until: Instant?, asOf: Instant, by: String) {
        self.since = since
        self.until = until
        self.asOf = asOf
        self.by = by
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.instantOrNull("since", since)
        w.instantOrNull("until", until)
        w.instant("as_of", asOf)
        w.string("by", by)
    }

    public init(reading o: WireObject) throws(WireError) {
        since = try o.nullableInstant("since")
        until = try o.nullableInstant("until")
        asOf = try o.instant("as_of")
        by = try o.string("by")
    }
}
