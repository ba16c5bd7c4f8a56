import ArgumentParser
import FollowUpCore

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
            let table = TextTable(columns: ["ID", "STATUS", "PRIORITY", "OWNER", "STEP", "DEADLINE", "NAME"])
            // JSON is GET /v1/leads's body with every page's leads in one array (and
            // no next page), written as the pages arrive; --json keeps one lead per line.
            if !output.isJSON { out.line(table.header) }
            if output.isJSON && !output.isJSONLines { out.write(Array(#"{"leads":["#.utf8)) }
            var count = 0
            try await DaemonClient.with(try daemon.endpoint()) { client in
                var after: String?
                repeat {
                    let page = try await client.get("/v1/leads?" + (query + (after.map { ["after=\($0)"] } ?? [])).joined(separator: "&"))
                    for lead in (page["leads"] ?? .null).items {
                        count += 1
                        if output.isJSONLines {
                            out.line(lead.jsonText)
                        } else if output.isJSON {
                            out.write(Array(((count > 1 ? "," : "") + lead.jsonText).utf8))
                        } else {
                            let step = lead["step"] ?? .null
                            let name = [lead["name"]?.text, lead["company"]?.text].compactMap { $0 }.joined(separator: ", ")
                            out.line(table.row([lead["id"].shown, lead["status"].shown, lead["priority"].shown,
                                                lead["owner"].shown, step["number"].shown, step["deadline"].shown,
                                                name.isEmpty ? "-" : name]))
                        }
                    }
                    after = page["next_after"]?.text
                } while after != nil
            }
            if output.isJSON && !output.isJSONLines { out.line(#"],"next_after":null}"#) }
            if !output.isJSON { out.line("\(count) lead\(count == 1 ? "" : "s")") }
            out.flush()
        }
    }
}
