import ArgumentParser
import FollowUpCore

/// `followupctl queue REP`: a rep's worklist from the running daemon.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Print what a rep must do now (most urgent first), what comes next, and when snoozed leads wake.")

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep"))
    var rep: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await CtlError.reporting {
            let queue = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.get("/v1/reps/\(URIComponent.encode(rep))/queue")
            }
            var out = StandardOutput()
            if output.isJSON {
                out.line(queue.jsonText)
            } else {
                // Before the worklist: an away or leaving rep's leads are being covered, and whoever reads this should know.
                for line in RepAvailabilityText.queueNotice(for: rep, queue) { out.line(line) }
                // Times on the rep's clock, the zone named once; UTC as given when the daemon names none.
                let clock = ReaderClock(queue)
                let zone = clock.map { ", times in \($0.zoneName)" } ?? ""
                let table = TextTable(columns: ["LEAD", "STEP", "DUE", "DEADLINE", "OVERDUE", "CONTACT"],
                                      widths: [10, 24, 31, 31, 7])
                for (title, key) in [("Now", "now"), ("Next", "next")] {
                    let leads = (queue[key] ?? .null).items
                    out.line("\(title) for \(queue["rep"].shown) (\(leads.count))\(zone)")
                    if leads.isEmpty { out.line("  (nothing)"); continue }
                    out.line("  " + table.header)
                    for lead in leads {
                        let due = clock?.show(lead["due"]?.text) ?? lead["due"].shown
                        let deadline = clock?.show(lead["deadline"]?.text, deadline: true) ?? lead["deadline"].shown
                        out.line(table.row([lead["id"].shown, Self.step(of: lead), due, deadline,
                                            lead["overdue"]?.isTrue == true ? "yes" : "no", Self.contact(of: lead)], indent: "  "))
                    }
                }
                // Only when there are some: a rep without snoozed leads sees the queue as before.
                let snoozed = (queue["snoozed"] ?? .null).items
                if !snoozed.isEmpty {
                    let wakes = TextTable(columns: ["LEAD", "STEP", "WAKES", "CONTACT"], widths: [10, 24, 31])
                    out.line("Snoozed for \(queue["rep"].shown) (\(snoozed.count))\(zone)")
                    out.line("  " + wakes.header)
                    for lead in snoozed {
                        let reason = lead["snooze_reason"]?.text.map { " — \($0)" } ?? ""
                        let wake = clock?.show(lead["snoozed_until"]?.text) ?? lead["snoozed_until"].shown
                        out.line(wakes.row([lead["id"].shown, Self.step(of: lead), wake,
                                            Self.contact(of: lead) + reason], indent: "  "))
                    }
                }
            }
            out.flush()
        }
    }

    /// `2 confirmation (email)`: the step's number and what it asks, when the daemon names it.
    static func step(of lead: JSONValue) -> String {
        guard case .number(let value)? = lead["step"] else { return "-" }
        let number = value
        guard let name = lead["step_name"]?.text else { return String(number) }
        return lead["channel"]?.text.map { "\(number) \(name) (\($0))" } ?? "\(number) \(name)"
    }

    /// `Dana, Acme, +1 555 0100`: who to ask for and how to reach them; `-` when nothing is known.
    static func contact(of lead: JSONValue) -> String {
        let contact = [lead["name"]?.text, lead["company"]?.text, lead["phone"]?.text ?? lead["email"]?.text]
            .compactMap { $0 }.joined(separator: ", ")
        return contact.isEmpty ? "-" : contact
    }
}
