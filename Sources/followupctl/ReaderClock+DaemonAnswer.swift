import FollowUpCore

extension ReaderClock {
    /// The clock an answer's times are read on, from its `timezone` and `at`;
    /// nil when either is missing or the zone is unknown here (the caller then
    /// shows UTC as given).
    init?(zone name: String?, at now: Instant?) {
        guard let name, let zone = ZoneCatalog.shared.rules(for: name), let now else { return nil }
        self.init(zone: zone, now: now)
    }
}
