import FollowUpCore

extension ReaderClock {
    /// Reads the daemon's `timezone` and `at` from an answer; nil when either
    /// is missing or unknown here (the caller then shows UTC as given).
    init?(_ answer: JSONValue) {
        guard let name = answer["timezone"]?.text, let zone = ZoneCatalog.shared.rules(for: name),
              let at = answer["at"]?.text, let now = RFC3339.parse(at) else { return nil }
        self.init(zone: zone, now: now)
    }
}
