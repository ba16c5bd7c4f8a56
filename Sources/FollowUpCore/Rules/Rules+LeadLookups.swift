extension Rules {
    /// The channel (call or email) of the lead's step `number` under its
    /// policy; nil past the end of the cadence. What the API shows beside an
    /// open step, so a rep sees whether to pick up the phone.
    public func channel(ofStep number: Int, for lead: LeadState) -> Channel? {
        stepRule(number, for: lead)?.channel
    }

    /// The rule of the lead's step `number` under its policy; nil past the end
    /// of the cadence (a reload may have shortened it).
    public func stepRule(_ number: Int, for lead: LeadState) -> StepRule? {
        let steps = policy(for: lead).steps
        return number >= 1 && number <= steps.count ? steps[number - 1] : nil
    }

    /// The IANA zone the lead's local times are read in: its own time zone,
    /// else its policy calendar's. `followupctl snooze --until 2026-12-14`
    /// reads the date in it.
    public func zoneIdentifier(for lead: LeadState) -> String {
        zone(for: lead, policy: policy(for: lead)).identifier
    }

    /// The clock a rep reads times on: their own zone, else the calendar's of
    /// the `default` policy (or the only one). What worklists show times in.
    public func readerZone(of rep: Rep?) -> ZoneRules {
        if let zone = rep?.timezone.flatMap({ ZoneCatalog.shared.rules(for: $0) }) { return zone }
        return readerPolicy?.calendar.zone ?? .utc
    }

    /// The `default` policy (or the only one, or the first by name): whose
    /// calendar worklists read and whose call windows reports compare against.
    public var readerPolicy: Policy? {
        onlyPolicy ?? policies["default"] ?? policies.values.sorted { $0.name < $1.name }.first
    }
}
