import ArgumentParser
import FollowUpCore
import FollowUpWire

/// `followupctl leads`: list leads in the running daemon, following pages to the end.
struct LeadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "List leads in capture order, optionally by owner, status or overdue.")

    /// Leads per request while following pages.
    static let pageSize = 500

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .long, help: ArgumentHelp("Only leads this rep owns.", valueName: "rep"))
    var owner: String?

    @Option(name: .long, help: ArgumentHelp("Only leads in this status (open, engaged, nurture, won, lost, disqualified).",
                                            valueName: "status"))
    var status: String?

    @Flag(name: .long, help: "Only leads whose open step's deadline has passed.")
    var overdue = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await CtlError.reporting {
            var query = ["limit=\(Self.pageSize)"]
            if let owner { query.append("owner=\(URIComponent.encode(owner))") }
            if let status { query.append("status=\(URIComponent.encode(status))") }
            if overdue { query.append("overdue=true") }
            var out = StandardOutput()
            var table = TextTable(columns: ["ID", "STATUS", "PRIORITY", "OWNER", "STEP", "DEADLINE", "NAME"])
            // Deadlines on the reader's clock (the owner asked for, else the team's zone), named
            // once above the table; UTC as given when the daemon names no zone.
            var clock: ReaderClock?
            var headed = output.isJSON
            // JSON is GET /v1/leads's body with every page's leads in one array (and
            // no next page), written as the pages arrive; --json keeps one lead per line.
            if output.isJSON && !output.isJSONLines { out.write(Array(#"{"leads":["#.utf8)) }
            var count = 0
            try await DaemonClient.with(try daemon.endpoint()) { client in
                var after: String?
                repeat {
                    let reply = try await client.get("/v1/leads?" + (query + (after.map { ["after=\($0)"] } ?? [])).joined(separator: "&"))
                    let page = try LeadsPageBody(answer: reply)
                    if !headed {
                        headed = true
                        clock = ReaderClock(zone: page.timezone, at: page.at)
                        if let clock {
                            out.line("Times in \(clock.zoneName)")
                            table = TextTable(columns: table.columns, widths: [10, 8, 11, 10, 24, 31])
                        }
                        out.line(table.header)
                    }
                    for lead in page.leads {
                        count += 1
                        if output.isJSONLines {
                            out.write(lead.jsonBytes + [UInt8(ascii: "\n")])
                        } else if output.isJSON {
                            out.write((count > 1 ? [UInt8(ascii: ",")] : []) + lead.jsonBytes)
                        } else {
                            let name = [lead.name, lead.company].compactMap { $0 }.joined(separator: ", ")
                            let deadline = lead.step.map { clock?.show($0.deadline, deadline: true) ?? "\($0.deadline)" } ?? "-"
                            out.line(table.row([lead.id, lead.status.rawValue, lead.priority, lead.owner ?? "-",
                                                Self.step(lead.step), deadline, name.isEmpty ? "-" : name]))
                        }
                    }
                    after = page.nextAfter.map { String($0) }
                } while after != nil
            }
            if output.isJSON && !output.isJSONLines { out.line(#"],"next_after":null}"#) }
            if !headed { out.line(table.header) }
            if !output.isJSON { out.line("\(count) lead\(count == 1 ? "" : "s")") }
            out.flush()
        }
    }

    /// `1 first touch (call)` when the daemon names the step, else its number; `-` for none.
    static func step(_ step: StepBody?) -> String {
        guard let step else { return "-" }
        let name = step.name.map { " \($0)" } ?? ""
        return "\(step.number)" + name + (name.isEmpty ? "" : step.channel.map { " (\($0.rawValue))" } ?? "")
    }
}
