import FollowUpCore
import FollowUpWire

/// A lead's record written for people: who, where the cadence stands, then
/// events and notifications merged in time order, then what is pending.
/// Times are on the owner's clock when the daemon names it (``ReaderClock``),
/// the zone named once under the heading; else UTC as given.
enum LeadTimeline {
    static func lines(of record: LeadRecordBody) -> [String] {
        let lead = record.lead
        let clock = ReaderClock(zone: record.timezone, at: record.at)
        func time(_ value: Instant?, deadline: Bool = false) -> String {
            guard let value else { return "-" }
            return clock?.show(value, deadline: deadline) ?? "\(value)"
        }
        var out: [String] = []
        var who = "Lead \(lead.id)"
        let names = [lead.name, lead.company].compactMap { $0 }
        if !names.isEmpty { who += " — " + names.joined(separator: ", ") }
        who += " (source \(lead.source))"
        out.append(who)
        if let clock { out.append("  times in \(clock.zoneName)") }
        // A won lead's value: the figure `report --by source` adds up as revenue.
        let value = lead.wonValue.map { " (value \($0))" } ?? ""
        out.append("  status \(lead.status.rawValue)\(value), priority \(lead.priority) (triage rule \(lead.triageRule)), score \(lead.score)")
        out.append("  owner \(lead.owner ?? "-")" + (lead.had.isEmpty ? "" : " (has had: \(lead.had.joined(separator: ", ")))")
            + (lead.unrouted ? ", unrouted: the fallback owns step 1" : ""))
        let contact = [lead.email, lead.phone].compactMap { $0 }
        out.append("  contact \(contact.isEmpty ? "-" : contact.joined(separator: ", ")), time zone \(lead.timezone ?? "-")")
        out.append("  touches \(lead.touches), last at \(time(lead.lastTouchAt))")
        if let snoozedUntil = lead.snoozedUntil {
            out.append("  snoozed until \(time(snoozedUntil))" + (lead.snoozeReason.map { " (\($0))" } ?? ""))
        }
        if let step = lead.step {
            // What the step asks and on which channel: `step 2 confirmation (email)`.
            let channel = (step.name.map { " \($0)" } ?? "") + (step.channel.map { " (\($0.rawValue))" } ?? "")
            if lead.snoozedUntil != nil {
                // Its due time and deadline are replaced when it re-opens: showing them would mislead.
                out.append("  step \(step.number)\(channel) re-opens when the lead wakes")
            } else {
                var line = "  step \(step.number)\(channel): due \(time(step.due)), deadline \(time(step.deadline, deadline: true))"
                if step.breached { line += " (breached)" }
                out.append(line)
                if let repeatAt = step.repeatAt {
                    out.append("  breach \(step.breaches) of this step; it repeats at \(time(repeatAt)) unless met")
                }
            }
        } else {
            out.append("  no open step")
        }
        if let nurtureAt = lead.nurtureAt { out.append("  next nurture reminder \(time(nurtureAt))") }
        if let checkInAt = lead.checkInAt { out.append("  next check-in \(time(checkInAt))") }

        out.append("")
        out.append("Timeline")
        var entries: [(at: Instant, order: Int, text: String)] = []
        for (i, logged) in record.events.enumerated() {
            let event = logged.event
            entries.append((event.at, i, "event #\(logged.seq) \(describe(event, time: { time($0) })) (from \(logged.source))"))
        }
        // One line per notification, its receivers' delivery states together.
        var order: [String] = []
        var byID: [String: [LeadNotificationBody]] = [:]
        for entry in record.notifications {
            if byID[entry.id] == nil { order.append(entry.id) }
            byID[entry.id, default: []].append(entry)
        }
        for (i, id) in order.enumerated() {
            let rows = byID[id]!
            let n = rows[0]
            var text = "→ \(n.kind.rawValue) to \(n.to)"
            // The step with the channel it asks for: `step 2 (email)`.
            if let step = n.step { text += ", step \(step)" + (n.channel.map { " (\($0.rawValue))" } ?? "") }
            if let deadline = n.deadline { text += ", deadline \(time(deadline))" }
            if let reason = n.reason { text += ", reason \(reason.rawValue)" }
            let states = rows.map { row in
                var state = "\(row.receiver): \(row.state.rawValue)"
                if let error = row.lastError { state += " (\(error))" }
                return state
            }
            text += "  [\(id); \(states.joined(separator: ", "))]"
            // Events sort before the notifications of the same instant: they caused them.
            entries.append((n.at, 1_000_000 + i, text))
        }
        entries.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        out += entries.isEmpty ? ["  (nothing yet)"] : entries.map { "  \(time($0.at))  \($0.text)" }

        out.append("")
        out.append("Pending")
        out += record.timers.isEmpty ? ["  (no timers)"] : record.timers.map { "  \(time($0.at))  \($0.kind)" }
        return out
    }

    /// `touch.logged by alice: call, no_answer`.
    private static func describe(_ event: Event, time: (Instant?) -> String) -> String {
        switch event.body {
        case .leadCaptured(let lead):
            return "lead.captured" + (lead.owner.map { " for \($0)" } ?? "")
        case .touchLogged(let touch):
            return "touch.logged by \(touch.rep): \(touch.channel.rawValue), \(touch.outcome.rawValue)"
        case .leadActivity(_, let action):
            return "lead.activity \(action)"
        case .leadStatus(_, let status, let value):
            return "lead.status \(status.rawValue)" + (value.map { ", value \($0)" } ?? "")
        case .leadReassigned(_, let owner):
            return "lead.reassigned to \(owner)"
        case .leadSnoozed(let snooze):
            return "lead.snoozed until \(time(snooze.until))" + (snooze.rep.map { " by \($0)" } ?? "")
                + (snooze.reason.map { ": \($0)" } ?? "")
        default:
            return event.type
        }
    }
}
