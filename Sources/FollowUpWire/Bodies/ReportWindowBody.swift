public import FollowUpCore

/// Which leads a report counts and how: captured from `since` until `until`
/// (null: no bound), as of the daemon's `as_of`, grouped `by` (`hour` for call
/// hours). Its members open both reports, beside their own.
public struct ReportWindowBody: WireBody, Codable {
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
}
