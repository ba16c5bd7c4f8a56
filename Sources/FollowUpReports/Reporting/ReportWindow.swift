public import FollowUpCore
import FollowUpFormats
/// The capture window a report covers: leads captured at or after `since` and
/// before `until`. Either bound may be open.
public struct ReportWindow: Sendable, Hashable {
    public var since: Instant?
    public var until: Instant?

    public init(since: Instant? = nil, until: Instant? = nil) {
        self.since = since
        self.until = until
    }

    /// Whether a lead captured at `instant` is in the window.
    public func contains(_ instant: Instant) -> Bool {
        if let since, instant < since { return false }
        if let until, instant >= until { return false }
        return true
    }
}
