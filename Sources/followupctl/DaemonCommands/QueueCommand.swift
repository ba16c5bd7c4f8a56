import ArgumentParser
import FollowUpCore
import FollowUpWire

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
            let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.get("/v1/reps/\(URIComponent.encode(rep))/queue")
            }
            var out = StandardOutput()
            if output.isJSON {
                out.line(reply.jsonText)
            } else {
                let queue = try QueueBody(answer: reply)
                // Before the worklist: an away or leaving rep's leads are being covered, and whoever reads this should know.
                for line in RepAvailabilityText.queueNotice(for: rep, queue.standing) { out.line(line) }
                // Times on the rep's clock, the zone named once; UTC as given when the daemon names none.
                let clock = ReaderClock(zone: queue.timezone, at: queue.at)
                func time(_ value: Instant?, deadline: Bool = false) -> String {
                    guard let value else { return "-" }
                    return clock?.show(value, deadline: deadline) ?? "\(value)"
                }
                let zone = clock.map { ", times in \($0.zoneName)" } ?? ""
                let table = TextTable(columns: ["LEAD", "STEP", "DUE", "DEADLINE", "OVERDUE", "CONTACT"],
                                      widths: [10, 24, 31, 31, 7])
                for (title, leads) in [("Now", queue.now), ("Next", queue.next)] {
                    out.line("\(title) for \(queue.rep) (\(leads.count))\(zone)")
                    if leads.isEmpty { out.line("  (nothing)"); continue }
                    out.line("  " + table.header)
                    for lead in leads {
                        out.line(table.row([lead.id, Self.step(of: lead), time(lead.due), time(lead.deadline, deadline: true),
                                            lead.overdue ? "yes" : "no", Self.contact(of: lead)], indent: "  "))
                    }
                }
                // Only when there are some: a rep without snoozed leads sees the queue as before.
                let snoozed = queue.snoozed
                if !snoozed.isEmpty {
                    let wakes = TextTable(columns: ["LEAD", "STEP", "WAKES", "CONTACT"], widths: [10, 24, 31])
                    out.line("Snoozed for \(queue.rep) (\(snoozed.count))\(zone)")
                    out.line("  " + wakes.header)
                    for lead in snoozed {
                        let reason = lead.snoozeReason.map { " — \($0)" } ?? ""
                        out.line(wakes.row([lead.id, Self.step(of: lead), time(lead.snoozedUntil),
                                            Self.contact(of: lead) + reason], indent: "  "))
                    }
                }
            }
            out.flush()
        }
    }

    /// `2 confirmation (email)`: the step's number and what it asks, when the daemon names it.
    static func step(of lead: QueueLeadBody) -> String {
        guard let number = lead.step else { return "-" }
        guard let name = lead.stepName else { return String(number) }
        return lead.channel.map { "\(number) \(name) (\($0.rawValue))" } ?? "\(number) \(name)"
    }

    /// `Dana, Acme, +1 555 0100`: who to ask for and how to reach them; `-` when nothing is known.
    static func contact(of lead: QueueLeadBody) -> String {
        let contact = [lead.name, lead.company, lead.phone ?? lead.email]
            .compactMap { $0 }.joined(separator: ", ")
        return contact.isEmpty ? "-" : contact
    }
}
