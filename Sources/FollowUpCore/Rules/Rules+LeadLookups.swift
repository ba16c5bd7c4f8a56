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
        if let zone = rep?.timezone.flatMap({ zones.rules(for: $0) }) { return zone }
        return readerPolicy?.calendar.zone ?? .utc
    }

    /// The clock `notification` is read on: an acknowledgement is read by
    /// the lead, in the lead's own zone (``zoneIdentifier(for:)``); anyone
    /// else reads it on their own zone, else on the calendar of the lead it
    /// is about (what its deadline counts in), else as worklists do
    /// (``readerZone(of:)``). What emails show `at_local` and deadlines in.
    public func readerZone(of notification: LeadNotification, rep: Rep?, lead: LeadState?) -> ZoneRules {
        if let lead {
            if notification.kind == .leadAcknowledgement { return zone(for: lead, policy: policy(for: lead)) }
            if let own = rep?.timezone.flatMap({ zones.rules(for: $0) }) { return own }
            return policy(for: lead).calendar.zone
        }
        return readerZone(of: rep)
    }

    /// The `default` policy (or the only one, or the first by name): whose
    /// calendar worklists read and whose call windows reports compare against.
    public var readerPolicy: Policy? {
        onlyPolicy ?? policies["default"] ?? policies.values.sorted { $0.name < $1.name }.first
    }
}
