import ArgumentParser
import FollowUpCore

/// `followupctl accept LEAD [--rep REP]`: the owner takes the lead, as a
/// `lead.accepted` event. Reports count it, and it stops an acceptance window.
struct AcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept a lead: its owner confirms they will work it (stops an acceptance window).")

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
    var lead: String

    @Option(name: .long, help: ArgumentHelp("Who accepts; default: the lead's owner.", valueName: "rep"))
    var rep: String?

    func run() async throws {
        try await OwnerEvent.send("lead.accepted", lead: lead, rep: rep, daemon: daemon, output: output)
    }
}
