extension Rules {
    /// The channel (call or email) of the lead's step `number` under its
    /// policy; nil past the end of the cadence. What the API shows beside an
    /// open step, so a rep sees whether to pick up the phone.
    public func channel(ofStep number: Int, for lead: LeadState) -> Channel? {
        let steps = policy(for: lead).steps
        guard number >= 1, number <= steps.count else { return nil }
        return steps[number - 1].channel
    }

    /// The IANA zone the lead's local times are read in: its own time zone,
    /// else its policy calendar's. `followupctl snooze --until 2026-12-14`
    /// reads the date in it.
    public func zoneIdentifier(for lead: LeadState) -> String {
        zone(for: lead, policy: policy(for: lead)).identifier
    }
}
