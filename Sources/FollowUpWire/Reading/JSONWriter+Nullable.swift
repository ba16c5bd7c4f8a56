public import FollowUpCore
public import FollowUpFormats

/// The API writes every documented member, `null` when it has no value, so a
/// client sees one shape per object whatever the lead's state.
extension JSONWriter {
    /// A string member, or `null`.
    public mutating func stringOrNull(_ key: String, _ value: String?) {
        if let value { string(key, value) } else { null(key) }
    }

    /// An integer member, or `null`.
    public mutating func intOrNull(_ key: String, _ value: Int?) {
        if let value { int(key, value) } else { null(key) }
    }

    /// A time member (`YYYY-MM-DDTHH:MM:SSZ`), or `null`.
    public mutating func instantOrNull(_ key: String, _ value: Instant?) {
        if let value { instant(key, value) } else { null(key) }
    }

    /// A 64-bit integer (event log sequence numbers).
    public mutating func int64(_ key: String?, _ value: Int64) {
        self.value(key, .number(String(value)))
    }

    /// A 64-bit integer, or `null` (a page's `next_after`, a duration in seconds).
    public mutating func int64OrNull(_ key: String, _ value: Int64?) {
        if let value { int64(key, value) } else { null(key) }
    }

    /// A floating-point number; null when not finite (JSON has no NaN).
    public mutating func doubleOrNull(_ key: String, _ value: Double?) {
        guard let value, value.isFinite else { return null(key) }
        self.value(key, .number(String(value)))
    }
}
