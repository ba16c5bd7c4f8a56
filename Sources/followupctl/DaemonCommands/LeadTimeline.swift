import FollowUpCore

/// A lead's record written for people: who, where the cadence stands, then
/// events and notifications merged in time order, then what is pending.
/// Times are on the owner's clock when the daemon names it (``ReaderClock``),
/// the zone named once under the heading; else UTC as given.
enum LeadTimeline {
    static func lines(of record: JSONValue) -> [String] {
        let lead = record["lead"] ?? .null
        let clock = ReaderClock(record)
        func time(_ value: JSONValue?, deadline: Bool = false) -> String {
            clock?.show(value?.text, deadline: deadline) ?? value.shown
        }
        var out: [String] = []
        var who = "Lead \(lead["id"].shown)"
        let names = [lead["name"]?.text, lead["company"]?.text].compactMap { $0 }
        if !names.isEmpty { who += " — " + names.joined(separator: ", ") }
        who += " (source \(lead["source"].shown))"
        out.append(who)
        if let clock { out.append("  times in \(clock.zoneName)") }
        let had = (lead["had"] ?? .null).items.compactMap(\.text)
        // A won lead's value: the figure `report --by source` adds up as revenue.
        let value = lead["won_value"]?.text.map { " (value \($0))" } ?? ""
        out.append("  status \(lead["status"].shown)\(value), priority \(lead["priority"].shown) (triage rule \(lead["triage_rule"].shown)), score \(lead["score"].shown)")
        out.append("  owner \(lead["owner"].shown)" + (had.isEmpty ? "" : " (has had: \(had.joined(separator: ", ")))")
            + (lead["unrouted"]?.isTrue == true ? ", unrouted: the fallback owns step 1" : ""))
        let contact = [lead["email"]?.text, lead["phone"]?.text].compactMap { $0 }
        out.append("  contact \(contact.isEmpty ? "-" : contact.joined(separator: ", ")), time zone \(lead["timezone"].shown)")
        out.append("  touches \(lead["touches"].shown), last at \(time(lead["last_touch_at"]))")
        let snoozedUntil = lead["snoozed_until"]?.text
        if snoozedUntil != nil {
            out.append("  snoozed until \(time(lead["snoozed_until"]))" + (lead["snooze_reason"]?.text.map { " (\($0))" } ?? ""))
        }
        if let step = lead["step"], step != .null {
            // What the step asks and on which channel: `step 2 confirmation (email)`.
            let channel = (step["name"]?.text.map { " \($0)" } ?? "") + (step["channel"]?.text.map { " (\($0))" } ?? "")
            if snoozedUntil != nil {
                // Its due time and deadline are replaced when it re-opens: showing them would mislead.
                out.append("  step \(step["number"].shown)\(channel) re-opens when the lead wakes")
            } else {
                var line = "  step \(step["number"].shown)\(channel): due \(time(step["due"])), deadline \(time(step["deadline"], deadline: true))"
                if step["breached"]?.isTrue == true { line += " (breached)" }
                out.append(line)
                if step["repeat_at"]?.text != nil {
                    out.append("  breach \(step["breaches"].shown) of this step; it repeats at \(time(step["repeat_at"])) unless met")
                }
            }
        } else {
            out.append("  no open step")
        }
        if lead["nurture_at"]?.text != nil { out.append("  next nurture reminder \(time(lead["nurture_at"]))") }
        if lead["check_in_at"]?.text != nil { out.append("  next check-in \(time(lead["check_in_at"]))") }

        out.append("")
        out.append("Timeline")
        var entries: [(at: String, order: Int, text: String)] = []
        for (i, logged) in (record["events"] ?? .null).items.enumerated() {
            let event = logged["event"] ?? .null
            entries.append((event["at"].shown, i, "event #\(logged["seq"].shown) \(describe(event, time: { time($0) })) (from \(logged["source"].shown))"))
        }
        // One line per notification, its receivers' delivery states together.
        var order: [String] = []
        var byID: [String: [JSONValue]] = [:]
        for entry in (record["notifications"] ?? .null).items {
            let id = entry["id"].shown
            if byID[id] == nil { order.append(id) }
            byID[id, default: []].append(entry)
        }
        for (i, id) in order.enumerated() {
            let rows = byID[id]!
            let n = rows[0]
            var text = "→ \(n["kind"].shown) to \(n["to"].shown)"
            // The step with the channel it asks for: `step 2 (email)`.
            if let step = n["step"]?.text { text += ", step \(step)" + (n["channel"]?.text.map { " (\($0))" } ?? "") }
            if n["deadline"]?.text != nil { text += ", deadline \(time(n["deadline"]))" }
            if let reason = n["reason"]?.text { text += ", reason \(reason)" }
            let states = rows.map { row in
                var state = "\(row["receiver"].shown): \(row["state"].shown)"
                if let error = row["last_error"]?.text { state += " (\(error))" }
                return state
            }
            text += "  [\(id); \(states.joined(separator: ", "))]"
            // Events sort before the notifications of the same instant: they caused them.
            entries.append((n["at"].shown, 1_000_000 + i, text))
        }
        entries.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        out += entries.isEmpty ? ["  (nothing yet)"] : entries.map { "  \(clock?.show($0.at) ?? $0.at)  \($0.text)" }

        let timers = (record["timers"] ?? .null).items
        out.append("")
        out.append("Pending")
        out += timers.isEmpty ? ["  (no timers)"] : timers.map { "  \(time($0["at"]))  \($0["kind"].shown)" }
        return out
    }

    /// `touch.logged by alice: call, no_answer`.
    private static func describe(_ event: JSONValue, time: (JSONValue?) -> String) -> String {
        let type = event["type"].shown
        switch type {
        case "lead.captured":
            return "lead.captured" + (event["lead"]?["owner"]?.text.map { " for \($0)" } ?? "")
        case "touch.logged":
            return "touch.logged by \(event["rep"].shown): \(event["channel"].shown), \(event["outcome"].shown)"
        case "lead.activity":
            return "lead.activity \(event["action"].shown)"
        case "lead.status":
            return "lead.status \(event["status"].shown)" + (event["value"]?.text.map { ", value \($0)" } ?? "")
        case "lead.reassigned":
            return "lead.reassigned to \(event["owner"].shown)"
        case "lead.snoozed":
            return "lead.snoozed until \(time(event["until"]))" + (event["rep"]?.text.map { " by \($0)" } ?? "")
                + (event["reason"]?.text.map { ": \($0)" } ?? "")
        default:
            return type
        }
    }
}
