/// What erasing a lead (`followupctl lead erase`) leaves of its events: the
/// event's type, time, lead, rep, outcome, channel, status and source — what
/// the reports count — and none of what names or reaches the person.
extension Event {
    /// The event without the lead's personal data: profile fields (name, email,
    /// phone, company, title, need, unknown attributes), free-text reasons, and
    /// every unknown top-level field. Events about reps only are returned as they are.
    public var erasingPersonalData: Event {
        var out = self
        out.attributes = [:]
        switch body {
        case .leadCaptured(var profile):
            profile.name = nil
            profile.email = nil
            profile.phone = nil
            profile.company = nil
            profile.title = nil
            profile.need = nil
            profile.attributes = [:]
            out.body = .leadCaptured(profile)
        case .leadUpdated(var update):
            update.name = nil
            update.email = nil
            update.phone = nil
            update.company = nil
            update.title = nil
            update.need = nil
            update.attributes = [:]
            out.body = .leadUpdated(update)
        case .leadDeclined(let lead, let rep, _):
            out.body = .leadDeclined(lead: lead, rep: rep, reason: nil)
        case .leadSnoozed(var snooze):
            snooze.reason = nil
            out.body = .leadSnoozed(snooze)
        case .repUpserted, .repAvailability, .repDeactivated:
            return self
        case .touchLogged, .leadActivity, .leadStatus, .leadReassigned, .leadAccepted, .leadMerged:
            break
        }
        return out
    }
}

extension LeadNotification {
    /// What an erased notification holds in place of the lead's address.
    public static let erasedAddress = "erased"

    /// The notification with the lead's own address replaced by ``erasedAddress``:
    /// only a notification to the lead holds it; every other goes to a rep or
    /// the fallback and names the lead by id only.
    public var erasingPersonalData: LeadNotification {
        guard recipient == .lead else { return self }
        var out = self
        out.to = Self.erasedAddress
        return out
    }
}
