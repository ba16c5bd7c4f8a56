import ArgumentParser
import FollowUpCore

/// `followupctl accept LEAD [--rep REP]`: the owner takes the lead, as a
/// `lead.accepted` event. Reports count it, and it stops an acceptance window.
struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept a lead: its owner confirms they will work it (stops an acceptance window).")

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
    var lead: String

    @Option(name: .long, help: ArgumentHelp("Who accepts; default: the lead's owner.", valueName: "rep"))
    var rep: String?

    func run() async throws {
        try await CtlError.reporting {
            let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                let who = if let rep { rep } else { try await LeadOwnerLookup.owner(of: lead, with: client) }
                var w = JSONWriter()
                w.beginObject()
                w.string("type", "lead.accepted")
                w.string("lead", lead)
                w.string("rep", who)
                w.endObject()
                return try await client.post("/v1/events", json: w.bytes)
            }
            for line in AcceptedEvents.lines(of: reply) { print(line) }
        }
    }
}
