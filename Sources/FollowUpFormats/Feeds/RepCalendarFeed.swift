public import FollowUpCore
/// A rep's upcoming call slots and due touches as an iCalendar feed their
/// calendar app can subscribe to (`GET /v1/reps/{id}/calendar.ics`).
///
/// One event per open lead the rep owns with an open step: the step's touch,
/// placed at its due time — for a call step that asks for a call window, the
/// window slot its due time falls in or the next one before the deadline —
/// never at the moment of the fetch, so an event does not wander each time
/// the calendar refreshes (issue 15). A step past its deadline keeps its
/// place and says OVERDUE. The event ends with the call window slot it
/// starts in, or 15 minutes later outside any slot. Times in descriptions
/// are on the rep's clock, the zone named; the calendar is named after the
/// rep's name. UIDs are `step-N-LEAD@DOMAIN`: stable while the
/// step is open, so a refresh moves the event instead of duplicating it.
///
/// A snoozed lead the rep owns is one event at its wake-up time ("Snoozed lead
/// wakes: …", 15 minutes, UID `wake-LEAD@DOMAIN`): the rep sees in their
/// calendar when the lead they put off comes back, and why.
public enum RepCalendarFeed {
    /// How long an event outside any call window lasts.
    public static let defaultLength = TimeSpan.minutes(15)

    /// The whole VCALENDAR text.
    /// - Parameters:
    ///   - leads: the rep's open leads with an open step and their snoozed leads
    ///     (``RepQueue``'s now, next and snoozed).
    ///   - name: the rep's name, which the calendar is named after (the id when nil).
    ///   - readerZone: the rep's clock, which descriptions show times on.
    ///   - now: DTSTAMP, and whether a step is overdue.
    ///   - domain: the right-hand side of every UID.
    public static func make(rep: RepID, name: String? = nil, readerZone: ZoneRules = .utc, leads: [LeadState], rules: Rules,
                            now: Instant, domain: String = "followupd") -> String {
        var ics = ICalendarText()
        ics.line("BEGIN", "VCALENDAR")
        ics.line("VERSION", "2.0")
        ics.line("PRODID", "-//followupd//rep calendar//EN")
        ics.line("CALSCALE", "GREGORIAN")
        ics.line("METHOD", "PUBLISH")
        ics.text("X-WR-CALNAME", "Follow-ups: \(name.flatMap { $0.isEmpty ? nil : $0 } ?? rep)")
        // RFC 7986: how often subscribers should refresh.
        ics.line("REFRESH-INTERVAL;VALUE=DURATION", "PT15M")
        ics.line("X-PUBLISHED-TTL", "PT15M")
        for lead in leads {
            guard let slot = slot(for: lead, rules: rules, now: now, readerZone: readerZone) else { continue }
            ics.line("BEGIN", "VEVENT")
            ics.line("UID", "\(slot.uidPrefix)\(uidSafe(lead.id))@\(uidSafe(domain))")
            ics.dateTime("DTSTAMP", now)
            ics.dateTime("DTSTART", slot.start)
            ics.dateTime("DTEND", slot.end)
            ics.text("SUMMARY", slot.summary)
            ics.text("DESCRIPTION", slot.description)
            if let phone = lead.profile.phone { ics.text("LOCATION", phone) }
            // A list: each value escaped, commas between them.
            ics.line("CATEGORIES", ["followupd", slot.channel].map(ICalendarText.escape).joined(separator: ","))
            ics.line("STATUS", "CONFIRMED")
            ics.line("TRANSP", "TRANSPARENT")
            ics.line("END", "VEVENT")
        }
        ics.line("END", "VCALENDAR")
        return ics.text
    }

    /// One lead's next touch, or a snoozed lead's wake-up, as a calendar slot.
    public struct Slot: Sendable, Hashable {
        /// The open step; for a wake-up, the step that re-opens then (0 when none).
        public var step: Int
        /// The step's channel, or `snooze` for a wake-up (a calendar category).
        public var channel: String
        /// Whether this is a snoozed lead's wake-up rather than a due touch.
        public var isWakeUp: Bool = false
        public var start: Instant
        public var end: Instant
        public var summary: String
        public var description: String

        /// What a UID starts with: `step-N-` for a touch, `wake-` for a wake-up.
        var uidPrefix: String { isWakeUp ? "wake-" : "step-\(step)-" }
    }

    /// Where the lead's open step goes in the calendar, or its wake-up when
    /// it is snoozed; nil for any other lead. `readerZone`: the clock descriptions show times on.
    public static func slot(for lead: LeadState, rules: Rules, now: Instant, readerZone: ZoneRules = .utc) -> Slot? {
        if lead.isSnoozed, let wake = lead.snoozedUntil {
            return wakeUpSlot(for: lead, at: wake, rules: rules, readerZone: readerZone)
        }
        guard lead.status == .open, let step = lead.openStep else { return nil }
        let policy = rules.policy(for: lead)
        guard step.number >= 1, step.number <= policy.steps.count else { return nil }
        let rule = policy.steps[step.number - 1]
        let zone = rules.zone(for: lead, policy: policy)
        // From the step alone, not from now: the same lead gives the same event on every fetch.
        var start = step.due
        if rule.channel == .call, rule.inCallWindow {
            let placed = policy.callWindows.place(step.due, zone: zone, calendar: policy.calendar).at
            if placed <= step.deadline { start = placed }
        }
        let end = windowEnd(containing: start, windows: policy.callWindows, zone: zone) ?? start + defaultLength
        let who = [lead.profile.name, lead.profile.company].compactMap { $0 }.joined(separator: ", ")
        let verb = rule.channel == .call ? "Call" : rule.channel.rawValue.prefix(1).uppercased() + rule.channel.rawValue.dropFirst()
        let overdue = step.isOverdue(at: now) ? "OVERDUE: " : ""
        // What the step asks, with its channel: "Email Dana, Acme: confirmation (step 2)".
        let summary = "\(overdue)\(verb) \(who.isEmpty ? lead.id : who): \(rule.name) (step \(step.number))"
        var lines = [
            "Lead \(lead.id), priority \(lead.priority), step \(step.number) of \(policy.steps.count): \(rule.name) (\(rule.channel.rawValue)).",
            "Due \(readerZone.readable(step.due)), deadline \(readerZone.readable(step.deadline)).",
        ]
        if let phone = lead.profile.phone { lines.append("Phone: \(phone)") }
        if let email = lead.profile.email { lines.append("Email: \(email)") }
        if let tz = lead.profile.timezone { lines.append("Lead's time zone: \(tz)") }
        return Slot(step: step.number, channel: rule.channel.rawValue, start: start, end: end,
                    summary: summary, description: lines.joined(separator: "\n"))
    }

    /// A snoozed lead's wake-up: at the time the lead chose (no call window,
    /// as the engine re-opens the step then), 15 minutes long.
    static func wakeUpSlot(for lead: LeadState, at wake: Instant, rules: Rules, readerZone: ZoneRules) -> Slot {
        let who = [lead.profile.name, lead.profile.company].compactMap { $0 }.joined(separator: ", ")
        var lines = ["Lead \(lead.id), priority \(lead.priority), snoozed until \(readerZone.readable(wake))"
                     + (lead.snoozeReason.map { ": \($0)" } ?? ".")]
        var step = 0
        switch lead.status {
        case .open where lead.step != nil:
            let open = lead.step!
            step = open.number
            let steps = rules.policy(for: lead).steps.count
            let rule = rules.stepRule(open.number, for: lead)
            let asks = rule.map { ": \($0.name) (\($0.channel.rawValue))" } ?? ""
            lines.append("Step \(open.number) of \(steps)\(asks) re-opens then, due at once.")
        case .engaged:
            lines.append("Engaged: a touch is due then.")
        default:
            lines.append("In nurture: a nurture reminder is due then.")
        }
        if let phone = lead.profile.phone { lines.append("Phone: \(phone)") }
        if let email = lead.profile.email { lines.append("Email: \(email)") }
        if let tz = lead.profile.timezone { lines.append("Lead's time zone: \(tz)") }
        return Slot(step: step, channel: "snooze", isWakeUp: true, start: wake, end: wake + defaultLength,
                    summary: "Snoozed lead wakes: \(who.isEmpty ? lead.id : who)",
                    description: lines.joined(separator: "\n"))
    }

    /// The end of the call window slot (of any rank) that `t` lies in, in the lead's zone.
    static func windowEnd(containing t: Instant, windows: CallWindows, zone: ZoneRules) -> Instant? {
        let local = zone.local(t)
        var best: Instant?
        for rank in windows.ranks where rank.days.contains(local.date.weekday) {
            for hours in rank.hours {
                let from = Int64(hours.from.minutes) * 60, to = Int64(hours.to.minutes) * 60
                if local.secondOfDay >= from, local.secondOfDay < to {
                    let end = zone.instant(LocalDateTime(date: local.date, time: hours.to))
                    best = max(best ?? end, end)
                }
            }
        }
        return best
    }

    /// Letters, digits and `.-_` as they are; every other byte as `%XX`.
    static func uidSafe(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}

extension RepCalendarFeed {
    /// `followups-alice.ics`, with anything but letters, digits, `.-_` as `_`.
    public static func fileName(for rep: RepID) -> String {
        let safe = rep.unicodeScalars.map { s -> String in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "-" || s == "_")
                ? String(s) : "_"
        }.joined()
        return "followups-\(safe).ics"
    }
}
