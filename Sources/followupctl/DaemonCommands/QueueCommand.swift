import ArgumentParser
import FollowUpCore

/// `followupctl queue REP`: a rep's worklist from the running daemon.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Print what a rep must do now (most urgent first) and what comes next.")

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep"))
    var rep: String

    @Flag(name: .long, help: "Print the daemon's JSON as is.")
    var json = false

    func run() async throws {
        try await CtlError.reporting {
            let queue = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.get("/v1/reps/\(URIComponent.encode(rep))/queue")
            }
            var out = StandardOutput()
            if json {
                out.line(queue.jsonText)
            } else {
                let table = TextTable(columns: ["LEAD", "STEP", "DUE", "DEADLINE", "OVERDUE", "CONTACT"],
                                      widths: [10, 4, 20, 20, 7])
                for (title, key) in [("Now", "now"), ("Next", "next")] {
                    let leads = (queue[key] ?? .null).items
                    out.line("\(title) for \(queue["rep"].shown) (\(leads.count))")
                    if leads.isEmpty { out.line("  (nothing)"); continue }
                    out.line("  " + table.header)
                    for lead in leads {
                        let contact = [lead["name"]?.text, lead["company"]?.text, lead["phone"]?.text ?? lead["email"]?.text]
                            .compactMap { $0 }.joined(separator: ", ")
                        out.line("  " + table.row([lead["id"].shown, lead["step"].shown, lead["due"].shown, lead["deadline"].shown,
                                                   lead["overdue"]?.isTrue == true ? "yes" : "no", contact.isEmpty ? "-" : contact]))
                    }
                }
            }
            out.flush()
        }
    }
}
